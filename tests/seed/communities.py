"""The rules every community row obeys, as SQL that counts the rows breaking each one."""
from __future__ import annotations

from sqlalchemy import Connection, text

#: rule -> a query counting the rows that break it (0 when the data is right)
RULES = {
    "member_count is the number of memberships":
        "SELECT count(*) FROM communities c WHERE c.member_count <>"
        " (SELECT count(*) FROM community_members m WHERE m.community_id = c.id)",
    "one admin per community, its creator":
        "SELECT count(*) FROM communities c WHERE 1 <> (SELECT count(*) FROM community_members"
        " m WHERE m.community_id = c.id AND m.role = 'admin' AND m.member_id = c.creator_id)",
    "roles are admin, sub_admin or member":
        "SELECT count(*) FROM community_members"
        " WHERE role NOT IN ('admin', 'sub_admin', 'member')",
    "settings are known":
        "SELECT count(*) FROM communities WHERE join_policy NOT IN ('open', 'approval')"
        " OR topic_visibility NOT IN ('all', 'members')"
        " OR post_policy NOT IN ('members', 'admins')",
    "nobody is in more than 1000 communities":
        "SELECT count(*) FROM (SELECT member_id FROM community_members GROUP BY member_id"
        " HAVING count(*) > 1000) AS crowded",
    "the admin joined first":
        "SELECT count(*) FROM community_members m JOIN community_members a"
        " ON a.community_id = m.community_id AND a.role = 'admin'"
        " WHERE m.seq < a.seq OR m.joined_at < a.joined_at",
    "join order and join times agree":
        "SELECT count(*) FROM (SELECT joined_at, lag(joined_at) OVER (PARTITION BY"
        " community_id ORDER BY seq) AS before FROM community_members) AS m"
        " WHERE m.joined_at < m.before",
    "requests wait only where admins approve, and not from members":
        "SELECT count(*) FROM community_join_requests r JOIN communities c"
        " ON c.id = r.community_id WHERE c.join_policy <> 'approval' OR EXISTS (SELECT 1 FROM"
        " community_members m WHERE m.community_id = r.community_id"
        " AND m.member_id = r.member_id)",
    "topics are written by members (by managers where only admins post)":
        "SELECT count(*) FROM topics t JOIN communities c ON c.id = t.community_id"
        " WHERE NOT EXISTS (SELECT 1 FROM community_members m WHERE m.community_id ="
        " t.community_id AND m.member_id = t.author_id AND (c.post_policy = 'members'"
        " OR m.role <> 'member'))",
    "comments are numbered 1..comment_count without gaps":
        "SELECT count(*) FROM topics t WHERE t.comment_count <> (SELECT count(*) FROM"
        " topic_comments k WHERE k.topic_id = t.id) OR t.comment_count <> (SELECT"
        " coalesce(max(number), 0) FROM topic_comments k WHERE k.topic_id = t.id)"
        " OR 1 < (SELECT coalesce(min(number), 1) FROM topic_comments k"
        " WHERE k.topic_id = t.id)",
    "comments come in number order":
        "SELECT count(*) FROM topic_comments k JOIN topic_comments n"
        " ON n.topic_id = k.topic_id AND n.number = k.number + 1"
        " WHERE n.created_at < k.created_at",
    "comments are written by members":
        "SELECT count(*) FROM topic_comments k JOIN topics t ON t.id = k.topic_id"
        " WHERE NOT EXISTS (SELECT 1 FROM community_members m"
        " WHERE m.community_id = t.community_id AND m.member_id = k.author_id)",
    "deleted comments are empty tombstones":
        "SELECT count(*) FROM topic_comments WHERE deleted AND body <> ''",
    "a topic is bumped by its latest comment":
        "SELECT count(*) FROM topics t WHERE t.bumped_at <> coalesce((SELECT"
        " max(created_at) FROM topic_comments k WHERE k.topic_id = t.id), t.created_at)",
    "a community's posted_at is its latest topic or comment":
        "SELECT count(*) FROM communities c WHERE c.posted_at <> coalesce((SELECT"
        " max(bumped_at) FROM topics t WHERE t.community_id = c.id), c.created_at)",
    "events are the topics of kind event, in the same community":
        "SELECT count(*) FROM topics t LEFT JOIN events e ON e.topic_id = t.id"
        " WHERE (t.kind = 'event') <> (e.topic_id IS NOT NULL)"
        " OR e.community_id <> t.community_id OR t.kind NOT IN ('topic', 'event')",
    "participant_count is the number of participants, within capacity":
        "SELECT count(*) FROM events e WHERE e.participant_count <> (SELECT count(*) FROM"
        " event_participants p WHERE p.event_id = e.topic_id)"
        " OR e.participant_count > coalesce(e.capacity, e.participant_count)",
    "participants are members":
        "SELECT count(*) FROM event_participants p JOIN events e ON e.topic_id = p.event_id"
        " WHERE NOT EXISTS (SELECT 1 FROM community_members m"
        " WHERE m.community_id = e.community_id AND m.member_id = p.member_id)",
    "polls have 2-20 choices at positions 1..n":
        "SELECT count(*) FROM polls p WHERE (SELECT count(*) FROM poll_choices c WHERE"
        " c.poll_id = p.id) NOT BETWEEN 2 AND 20 OR (SELECT count(*) FROM poll_choices c"
        " WHERE c.poll_id = p.id) <> (SELECT max(position) FROM poll_choices c"
        " WHERE c.poll_id = p.id) OR 1 <> (SELECT min(position) FROM poll_choices c"
        " WHERE c.poll_id = p.id)",
    "a vote is for a choice of its poll, by a member":
        "SELECT count(*) FROM poll_votes v JOIN polls p ON p.id = v.poll_id"
        " WHERE NOT EXISTS (SELECT 1 FROM poll_choices c WHERE c.id = v.choice_id"
        " AND c.poll_id = v.poll_id) OR NOT EXISTS (SELECT 1 FROM community_members m"
        " WHERE m.community_id = p.community_id AND m.member_id = v.member_id)",
}


def broken_rules(conn: Connection) -> dict[str, int]:
    """Return each rule some community row breaks, with how many rows break it."""
    found = {rule: int(conn.scalar(text(query)) or 0) for rule, query in RULES.items()}
    return {rule: rows for rule, rows in found.items() if rows}
