"""The topic photo pages: its author sends it (one file field) and the site serves it."""
from __future__ import annotations

import time

from flask import Response, abort, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from keitai.auth import member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.communities import bp, topic_photos
from keitai.features.profile.photo_views import image_response, photo_viewer
from keitai.features.social import me_id, redirect_with_notice
from keitai.models.community import Topic
from keitai.moderation.hidden import topic_photo_hidden


def _render(topic: Topic, error: str | None) -> str:
    return render_template("topic_photo.html", topic=topic, error=error,
                           photo=topic_photos.photo_for(topic.id, me_id()))


@bp.route("/topics/<int:topic_id>/photo", methods=["GET", "POST"])
@member_required
def topic_photo(topic_id: int) -> BaseResponse | str:
    """Show the photo form of my topic; store an upload (one file field: nothing to decode)."""
    topic = topic_photos.own_topic(topic_id, me_id())
    if request.method == "GET":
        return _render(topic, None)
    upload = request.files.get("photo")
    data = upload.read() if upload is not None else b""
    if not data:
        return _render(topic, "写真を選んでください。")
    try:
        topic_photos.store_photo(topic, data)
    except DomainError as refused:
        return _render(topic, refusal(refused))
    return redirect_with_notice(url_for("communities.topic", topic_id=topic_id),
                                "写真を登録しました。")


@bp.get("/topics/<int:topic_id>/photos/<key>/<variant>")
def topic_photo_image(topic_id: int, key: str, variant: str) -> Response:
    """Serve a topic photo's variant to a member who may read the topic now; else 404.

    The viewer is the member the address was signed for, else the session's (see
    keitai.features.profile.photo_views); a 404, never a 403, so that a key is not
    confirmed to exist.
    """
    now = time.time()
    viewer = photo_viewer(topic_photos.signed_name(key), variant, now)
    if viewer is None:
        abort(404)
    if topic_photo_hidden(topic_id):  # an operator hid the topic (keitai.moderation)
        abort(404)
    found = topic_photos.photo_variant(topic_id, key, variant, viewer.member_id)
    if found is None:
        abort(404)
    return image_response(found, viewer, now)
