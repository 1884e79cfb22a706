"""What each kind of notice is called, and which page a digest of that kind links to."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of notice as the member meets it."""

    #: the name in keitai.notices.KINDS
    name: str
    #: what /settings/notices and the unsubscribe page call it
    label: str
    #: the list page a digest links to
    list_endpoint: str
    #: the list page takes the member's own id as member_id
    list_is_members: bool = False

    def list_values(self, member_id: int) -> dict[str, str]:
        """Return the url_for values of the list page for the member."""
        return {"member_id": str(member_id)} if self.list_is_members else {}


_ALL = (
    Kind("message", "ミニメールが届いたとき", "messages.inbox"),
    Kind("friend_request", "マイミク申請が届いたとき", "friends.requests"),
    Kind("diary_comment", "日記にコメントがあったとき", "diary.member_list", True),
    Kind("topic_comment", "作ったトピック・イベントにコメントがあったとき",
         "communities.member_communities", True),
    Kind("comment_reply", "コメントした日記・トピックに新しいコメントがあったとき", "top.index"),
    Kind("event_tomorrow", "参加するイベントの前日", "communities.member_communities", True),
    Kind("endorsement", "紹介文を書いてもらったとき", "endorsements.index", True),
    Kind("friend_joined", "招待した友人が参加したとき", "friends.index"),
)
#: every kind by its name
BY_NAME = {kind.name: kind for kind in _ALL}
