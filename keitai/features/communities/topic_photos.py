"""Topic photos: one optional photo per topic, added by its author after the topic exists.

A multipart form cannot carry Shift_JIS text safely through the gateway, so the topic is
written with an ordinary form and the photo sent alone afterwards (one file field, nothing
to decode). The upload is normalised as a profile photo is (keitai.features.profile.images:
JPEG, GIF or PNG by content, upright, no metadata); each variant is made on first request
and kept. Its address is signed for the viewer like a profile photo's
(keitai.features.profile.photo_links), under a name of its own ("topic/<key>") so that no
signature for one kind of photo opens the other; and the image route still asks whether the
viewer may read the topic now.
"""
from __future__ import annotations

import secrets

from sqlalchemy import and_, delete, exists, select

from keitai.db import db
from keitai.domain import NotAllowed
from keitai.features.communities.topics import TopicNotFound, readable_topic
from keitai.features.profile import images
from keitai.features.profile.photo_views import photo_on_page
from keitai.models.community import Topic, TopicPhoto, TopicPhotoVariant
from keitai.models.member import Member
from keitai.moderation.hidden import refuse_if_hidden
from keitai.upsert import insert_ignore


class NotTheAuthor(NotAllowed):
    """Only the topic's author adds its photo."""

    default_message = "トピックを書いた人だけが写真を登録できます。"


def signed_name(key: str) -> str:
    """Return what a topic photo's address signature covers in place of the bare key."""
    return f"topic/{key}"


def own_topic(topic_id: int, member_id: int) -> Topic:
    """Return a topic the member wrote and may read; TopicNotFound or NotTheAuthor else."""
    topic, _author, _community, _access = readable_topic(topic_id, member_id)
    if topic.author_id != member_id:
        raise NotTheAuthor()
    return topic


def store_photo(topic: Topic, upload: bytes) -> None:
    """Make the upload the topic's photo (an earlier one and its variants go); refused while
    an operator hides the topic or event."""
    refuse_if_hidden(topic.kind, topic.id, topic.created_at)
    stored = images.normalise(upload)
    db.session.execute(delete(TopicPhoto).where(TopicPhoto.topic_id == topic.id))
    # the same upload sent twice at once: the first one stands, the second adds nothing
    insert_ignore(TopicPhoto, {"topic_id": topic.id, "key": secrets.token_hex(16),
                               "content_type": stored.content_type, "data": stored.data,
                               "width": stored.width, "height": stored.height})


def photo_for(topic_id: int, viewer_id: int) -> dict[str, object] | None:
    """Return the topic photo's address signed for the viewer, and whether this handset
    shows it inline (else as a link); None when the topic has no photo.

    For a page that has already found the viewer may read the topic.
    """
    key = db.session.scalar(select(TopicPhoto.key).where(TopicPhoto.topic_id == topic_id))
    if key is None:
        return None
    return photo_on_page("communities.topic_photo_image", signed_name(key), viewer_id,
                         topic_id=topic_id, key=key)


def photo_variant(topic_id: int, key: str, variant: str,
                  viewer_id: int) -> tuple[bytes, str] | None:
    """Return (bytes, content type) of a topic photo's variant for a viewer who may read the
    topic now, else None. The variant is made and kept on first use."""
    parsed = images.parse_variant(variant)
    if parsed is None:
        return None
    try:
        readable_topic(topic_id, viewer_id)
    except TopicNotFound:
        return None
    row = db.session.execute(
        select(TopicPhoto.data, TopicPhotoVariant.data.label("made"))
        .outerjoin(TopicPhotoVariant, and_(TopicPhotoVariant.topic_id == TopicPhoto.topic_id,
                                           TopicPhotoVariant.variant == variant))
        .where(TopicPhoto.topic_id == topic_id, TopicPhoto.key == key,
               exists().where(Member.id == viewer_id))).first()
    if row is None:
        return None
    fmt, gray, width = parsed
    content_type = images.CONTENT_TYPES[fmt]
    if row.made is not None:
        return bytes(row.made), content_type
    data = images.render_variant(bytes(row.data), fmt, gray, width)
    insert_ignore(TopicPhotoVariant, {"topic_id": topic_id, "variant": variant,
                                      "content_type": content_type, "data": data})
    return data, content_type
