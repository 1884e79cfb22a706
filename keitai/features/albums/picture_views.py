"""Photo pages: one photo sized for the handset with its caption and comments, previous and
next on * and #; editing the caption, deleting; the image addresses themselves."""
from __future__ import annotations

import time

from flask import Response, abort, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from keitai import submit_keys
from keitai.auth import member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.albums import bp, comments, pictures, queries, variants
from keitai.features.profile import images
from keitai.features.profile.photo_views import image_response, photo_viewer
from keitai.features.social import me_id, redirect_with_notice, small_page, take_notice
from keitai.moderation.hidden import picture_hidden
from keitai.pagination import PAGE_PARAM, page_number

#: comments under a photo: few, so the photo stays on the first page of a handset
COMMENTS_PER_PAGE = 10


def render_photo(picture_id: int, comment: str = "", key: str | None = None,
                 message: str | None = None) -> str:
    """Render a photo with a page of its comments and the comment form."""
    me = me_id()
    row = pictures.visible_picture(picture_id, me)
    variant = variants.large_variant(g.handset)
    made = pictures.made_variants(row.id, {variant})
    prev_id, next_id = pictures.neighbours(row)
    found = queries.picture_comments(row.id, row.owner_id, me,
                                     page_number(request.args.get(PAGE_PARAM)),
                                     COMMENTS_PER_PAGE)
    image = {"url": pictures.image_url(row.key, variant, me),
             "ready": variants.ready(variant, variant in made),
             "inline": not small_page()}
    return render_template(
        "picture_show.html", picture=row, image=image, prev_id=prev_id, next_id=next_id,
        comments=found, mine=row.owner_id == me, me=me, comment=comment,
        key=key or submit_keys.new_key(), message=message, notice=take_notice())


@bp.get("/photos/<int:picture_id>")
@member_required
def photo(picture_id: int) -> str:
    """Show a photo the viewer may see, with its comments."""
    return render_photo(picture_id)


@bp.route("/photos/<int:picture_id>/edit", methods=["GET", "POST"])
@member_required
def photo_edit(picture_id: int) -> str | BaseResponse:
    """Change the caption of my photo."""
    picture = pictures.own_picture(picture_id, me_id())
    caption = request.form.get("caption", picture.caption)
    message = None
    if request.method == "POST":
        try:
            pictures.update_caption(picture, caption)
        except DomainError as refused:
            message = refusal(refused)
        else:
            return redirect_with_notice(url_for("albums.photo", picture_id=picture_id),
                                        "説明を変更しました。")
    return render_template("picture_edit.html", picture_id=picture_id, caption=caption,
                           message=message)


@bp.route("/photos/<int:picture_id>/delete", methods=["GET", "POST"])
@member_required
def photo_delete(picture_id: int) -> str | BaseResponse:
    """Ask, then delete my photo with its comments."""
    me = me_id()
    picture = pictures.own_picture(picture_id, me)
    if request.method == "POST":
        diary_id = picture.diary_id
        album_id = pictures.delete_picture(picture_id, me)
        back = (url_for("albums.show", album_id=album_id) if album_id is not None
                else url_for("diary.show", diary_id=diary_id) if diary_id is not None
                else url_for("albums.mine"))
        return redirect_with_notice(back, "写真を削除しました。")
    return render_template("picture_delete.html", picture_id=picture_id,
                           caption=picture.caption)


@bp.post("/photos/<int:picture_id>/comments")
@member_required
def add_comment(picture_id: int) -> str | BaseResponse:
    """Write a comment on a photo the member may see."""
    body = request.form.get("body", "")
    key = submit_keys.sent_key(request.form.get(submit_keys.FIELD))
    try:
        comments.add_comment(picture_id, me_id(), body, key)
    except DomainError as refused:
        return render_photo(picture_id, comment=body, key=key, message=refusal(refused))
    return redirect(url_for("albums.photo", picture_id=picture_id))


@bp.route("/photos/<int:picture_id>/comments/<int:comment_id>/delete",
          methods=["GET", "POST"])
@member_required
def delete_comment(picture_id: int, comment_id: int) -> str | BaseResponse:
    """Ask, then delete a comment the member wrote or one on the member's photo."""
    me = me_id()
    comment, author_nickname = comments.comment_for_delete(picture_id, comment_id, me)
    if request.method == "POST":
        comments.delete_comment(picture_id, comment.id, me)
        return redirect_with_notice(url_for("albums.photo", picture_id=picture_id),
                                    "コメントを削除しました。")
    return render_template("picture_comment_delete.html", picture_id=picture_id,
                           comment=comment, author_nickname=author_nickname)


@bp.get("/pictures/<key>/<name>")
def picture_image(key: str, name: str) -> Response:
    """Serve a picture's variant ("jpeg-120.jpg") to a member who may see it now; else 404.

    The viewer is the member the address was signed for, else the session's (see
    keitai.features.profile.photo_views); the extension must be that of the variant's
    format. A 404, never a 403, so that a key is not confirmed to exist.
    """
    variant = images.variant_of_file(name)
    if variant is None:
        abort(404)
    now = time.time()
    viewer = photo_viewer(pictures.signed_name(key), variant, now)
    if viewer is None:
        abort(404)
    if picture_hidden(key):  # an operator hid it (keitai.moderation)
        abort(404)
    found = pictures.picture_variant(key, variant, viewer.member_id)
    if found is None:
        abort(404)
    return image_response(found, viewer, now)
