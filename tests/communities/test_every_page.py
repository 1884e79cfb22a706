"""Every community page, as its admin and as a member, on every kind of handset: served, in
the handset's charset and markup, within its page limit, with the session kept."""
from __future__ import annotations

import pytest

from tests.communities.factories import add_comments, add_topic
from tests.communities.test_events import add_event
from tests.communities.test_polls import add_poll
from tests.diary.browsing import check_page
from tests.handsets import PAGE_PROFILES

#: what both see (the admin sees the admin's pages too)
PAGES = ["/", "/communities", "/communities/new", "/communities/category/pets",
         "/communities/{community}", "/communities/{community}/members",
         "/communities/{community}/topics", "/communities/{community}/topics/new",
         "/topics/{topic}", "/topics/{topic}?page=last", "/communities/{community}/events/new",
         "/events/{event}", "/events/{event}/participants", "/events/{event}/join",
         "/communities/{community}/polls/new", "/polls/{poll}", "/members/{member}",
         "/members/{member}/communities", "/communities/{closed}"]
ADMIN_PAGES = ["/communities/{community}/admin", "/communities/{community}/admin/members",
               "/communities/{community}/admin/topics", "/communities/{community}/admin/close",
               "/topics/{topic}/delete", "/topics/{topic}/comments/1/delete",
               "/topics/{topic}/photo"]
MEMBER_PAGES = ["/communities/{community}/leave", "/communities/{closed}/join"]


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_every_community_page_fits_each_handset(app, member, browse, community,
                                                name: str) -> None:
    admin, me, asker = member("管理人さん☀"), member("たろう"), member("申請中の人")
    community_id = community(admin, "晴れの会☀", members=(me,), join_policy="approval")
    closed = community(admin, "秘密の会", topic_visibility="members", join_policy="approval")
    topic_id = add_topic(app, community_id, admin, "話題☀", "本文☀" * 50)
    add_comments(app, topic_id, me, 25, "コメント☀{n}")
    ids = {"community": community_id, "closed": closed, "topic": topic_id,
           "event": add_event(app, community_id, admin, capacity=10),
           "poll": add_poll(app, community_id, admin), "member": me}
    browse("docomo-P903i", asker).submit(
        browse("docomo-P903i", asker).get(f"/communities/{community_id}/join"), {})
    for who, pages in ((admin, PAGES + ADMIN_PAGES), (me, PAGES + MEMBER_PAGES)):
        browser = browse(name, who)
        for page in pages:
            response = browser.get(page.format(**ids))
            assert response.status_int == 200, (page, response.status)
            check_page(browser, response)
