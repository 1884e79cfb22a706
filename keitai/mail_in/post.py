"""Turn a member's mail into a diary (or pictures in an album), in the caller's unit of work.

A diary address: the subject becomes the title (empty: the body's first line, else 無題),
the body the text, up to DIARY_PICTURES image attachments the diary's photos. An album
address: the images go into the album, the subject as their caption; the body is not used.
A video goes to the member's videos (premium only: for others it is left out and the reply
says so). Other attachments are left out, said in the reply. Any refusal (quota, not an
image, a body too long, nothing to post) raises DomainError: the caller rolls everything back.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from keitai.domain import DomainError
from keitai.features.albums.pictures import DIARY_PICTURES, add_picture
from keitai.features.albums.service import own_album
from keitai.features.diary.service import (
    BODY_MAX,
    DEFAULT_VISIBILITY,
    TITLE_MAX,
    create_diary,
)
from keitai.models.album import CAPTION_LENGTH
from keitai.premium import is_premium

if TYPE_CHECKING:
    from keitai.mail_in.parse import Attachment, IncomingMail

#: the title of a diary mailed with no subject and no text
UNTITLED = "無題"
#: the text of a diary mailed with photos or a video but no text
NO_TEXT = "(写真・動画のみ)"
#: videos a mail may post
MAIL_VIDEOS = 1


class NothingToPost(DomainError):
    """The mail has no text, no photo and no video the site can use."""

    default_message = "本文も写真もないメールでした。"


class NoPictures(DomainError):
    """A mail to an album's address carries no photo."""

    default_message = "写真が添付されていませんでした。アルバムには写真を添付して送ってください。"


@dataclass
class Posted:
    """What a mail posted, and what it left out (said in the confirmation mail)."""

    diary_id: int | None = None
    album_id: int | None = None
    album_title: str = ""
    pictures: int = 0
    videos: int = 0
    notes: list[str] = field(default_factory=list)


def _title(subject: str, body: str) -> str:
    title = " ".join(subject.split())
    if title:
        return title
    first = next((line.strip() for line in body.splitlines() if line.strip()), "")
    return " ".join(first.split())[:TITLE_MAX] or UNTITLED


def _split(mail: IncomingMail, posted: Posted) -> tuple[list[Attachment], list[Attachment]]:
    """Return the images and videos to post, noting in posted what is left out."""
    images = [a for a in mail.attachments if a.kind == "image"]
    videos = [a for a in mail.attachments if a.kind == "video"]
    others = [a for a in mail.attachments if a.kind not in ("image", "video")]
    if len(images) > DIARY_PICTURES:
        posted.notes.append(f"写真は{DIARY_PICTURES}枚までなので、"
                            f"{len(images) - DIARY_PICTURES}枚は載せていません。")
        images = images[:DIARY_PICTURES]
    if others:
        posted.notes.append(f"写真・動画でない添付ファイル({len(others)}件)は載せていません。")
    return images, videos


def _videos(member_id: int, videos: list[Attachment], title: str, posted: Posted) -> None:
    """Post the mail's video to the member's videos when they may; else note why not."""
    if not videos:
        return
    if not is_premium(member_id):
        posted.notes.append("動画の投稿はプレミアム会員だけの機能です。動画は載せていません。")
        return
    from keitai.features.videos.service import add_video

    if len(videos) > MAIL_VIDEOS:
        posted.notes.append(f"動画は1通に{MAIL_VIDEOS}本までなので、"
                            f"{len(videos) - MAIL_VIDEOS}本は載せていません。")
    for video in videos[:MAIL_VIDEOS]:
        add_video(member_id, video.data, title=title, source="mail")
        posted.videos += 1


def post_diary(member_id: int, mail: IncomingMail, key: str) -> Posted:
    """Write a diary from the mail with its photos (and video); return what was posted."""
    posted = Posted()
    images, videos = _split(mail, posted)
    body = mail.body.strip()
    title = _title(mail.subject, body)
    usable_video = bool(videos) and is_premium(member_id)
    if not body and not images and not usable_video:
        if videos:
            raise NothingToPost("動画の投稿はプレミアム会員だけの機能です。"
                                "本文も写真もないため、何も載せていません。")
        raise NothingToPost()
    if len(body) > BODY_MAX:
        raise DomainError(f"本文は{BODY_MAX}文字までです(今は{len(body)}文字です)。"
                          "短くして送り直してください。")
    posted.diary_id = create_diary(member_id, title, body or NO_TEXT,
                                   DEFAULT_VISIBILITY.value, key)
    for image in images:
        add_picture(member_id, image.data, diary_id=posted.diary_id)
        posted.pictures += 1
    _videos(member_id, videos, title, posted)
    return posted


def post_to_album(member_id: int, album_id: int, mail: IncomingMail) -> Posted:
    """Add the mail's photos to the member's album; return what was posted."""
    album = own_album(album_id, member_id)
    posted = Posted(album_id=album.id, album_title=album.title)
    images, videos = _split(mail, posted)
    if videos:
        posted.notes.append("アルバムには写真だけ送れます。動画は載せていません。")
    if not images:
        raise NoPictures()
    caption = " ".join(mail.subject.split())[:CAPTION_LENGTH]
    for image in images:
        add_picture(member_id, image.data, album_id=album.id, caption=caption)
        posted.pictures += 1
    return posted
