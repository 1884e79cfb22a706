"""Community pages run the same statements however many members, topics and comments there
are: keyset pages and comment-number ranges, never a count over the whole list."""
from __future__ import annotations

import pytest

from tests.communities.factories import add_comments, add_topic
from tests.sql import counting_sql

#: statements per page: the session and the member (2), then the page's own reads
PAGES = {
    "/communities": 4,  # my communities, new communities
    "/communities/category/pets": 3,
    "/communities/{community}": 7,  # access, managers, topics, events, polls
    "/communities/{community}/members": 4,  # access, a keyset page
    "/communities/{community}/members?after={member_seq}": 4,
    "/communities/{community}/topics": 4,
    "/communities/{community}/topics?after={topic}": 4,
    "/topics/{topic}": 6,  # the topic and its community, access, a range of comments, photo
    "/topics/{topic}?page=last": 6,
    "/members/{member}/communities": 4,  # the member, a page of their communities
    "/": 9,  # as tests/diary/test_sql_per_page.py counts home
}


def build(app, member, community, size: int) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Make a community with `size` members and topics; a topic with size * 3 comments."""
    owner = member("たろう")
    others = [member(f"メンバー{i}") for i in range(size)]
    community_id = community(owner, members=tuple(others))
    for i in range(size):
        community(owner, f"ほかの会{i}", members=tuple(others[:2]))
    topic_ids = [add_topic(app, community_id, others[i % size], f"話題{i}")
                 for i in range(size)]
    add_comments(app, topic_ids[0], owner, size * 3)
    return {"owner": owner, "community": community_id, "topic": topic_ids[0],
            "member": others[0], "member_seq": 2}


def statements_per_page(app, browse, ids: dict[str, int]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    browser = browse("docomo-P903i", ids["owner"])
    counts = {}
    for page in PAGES:
        path = page.format(**ids)
        browser.get(path)
        with counting_sql(app) as statements:
            response = browser.get(path)
        assert response.status_int == 200, path
        counts[page] = len(statements)
    return counts


@pytest.mark.parametrize("size", [3, 40])
def test_community_pages_run_a_fixed_number_of_statements(app, member, browse, community,
                                                          size: int) -> None:
    assert statements_per_page(app, browse, build(app, member, community, size)) == PAGES
