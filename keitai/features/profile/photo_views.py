"""The photo pages: upload (from a PC or a handset that can send files), delete, serve."""
from __future__ import annotations

from flask import Response, abort, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from keitai.auth import member_required
from keitai.domain import DomainError
from keitai.features.profile import bp, photo_service
from keitai.features.social import me_id, redirect_with_notice, take_notice

#: how long a handset may keep a photo: its URL changes with every upload
PHOTO_MAX_AGE = 7 * 24 * 3600


@bp.route("/settings/photo", methods=["GET", "POST"])
@member_required
def photo_form() -> BaseResponse | str:
    """Show the photo form; store an upload (one file field: nothing else to decode)."""
    if request.method == "GET":
        return render_template("profile_photo.html", error=None, notice=take_notice())
    upload = request.files.get("photo")
    data = upload.read() if upload is not None else b""
    if not data:
        return render_template("profile_photo.html", error="写真を選んでください。",
                               notice=None)
    try:
        photo_service.store_photo(me_id(), data)
    except DomainError as refused:
        return render_template("profile_photo.html", error=refused.message, notice=None)
    return redirect_with_notice(url_for("profile.photo_form"), "写真を登録しました。")


@bp.post("/settings/photo/delete")
@member_required
def photo_delete() -> BaseResponse:
    """Remove my photo."""
    photo_service.delete_photo(me_id())
    return redirect_with_notice(url_for("profile.photo_form"), "写真を削除しました。")


@bp.get("/photos/<key>/<variant>")
def photo(key: str, variant: str) -> Response:
    """Serve a photo variant. The key is unguessable and only shown on pages that may show
    the photo, so a cookie-less handset fetches it without its session token."""
    found = photo_service.photo_variant(key, variant)
    if found is None:
        abort(404)
    data, content_type = found
    response = Response(data, content_type=content_type)
    response.headers["Cache-Control"] = f"private, max-age={PHOTO_MAX_AGE}"
    return response
