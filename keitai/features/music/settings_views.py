"""ミュージック設定: my player's token (issued, shown once, re-issued, revoked) and who
sees my plays."""
from __future__ import annotations

from datetime import datetime

from flask import current_app, render_template, request, url_for
from werkzeug.wrappers import Response

from keitai.auth import member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.music import bp, service
from keitai.features.music.counted import DEFAULT_VISIBILITY
from keitai.features.social import me_id, redirect_with_notice, take_notice
from keitai.privacy import Visibility
from keitai.submit_keys import FIELD, new_key, sent_key
from keitai.timefmt import JST


def _page(error: str | None = None, notice: str | None = None) -> str:
    row = service.settings_of(me_id())
    return render_template(
        "music_settings.html", error=error, notice=notice or take_notice(),
        token_created_at=row.token_created_at if row and row.token_hash else None,
        visibility=row.visibility if row else DEFAULT_VISIBILITY,
        visibilities=list(Visibility), key=new_key())


@bp.route("/settings/music", methods=["GET", "POST"])
@member_required
def settings() -> Response | str:
    """My player's token and who sees my plays (a POST sets the latter)."""
    if request.method == "POST":
        try:
            level = service.set_visibility(me_id(), request.form.get("visibility"))
        except DomainError as refused:
            return _page(error=refusal(refused))
        return redirect_with_notice(url_for("music.settings"),
                                    f"聴いた曲の公開範囲を「{level.label}」にしました。")
    return _page()


@bp.post("/settings/music/token")
@member_required
def issue_token() -> Response | str:
    """Issue (or re-issue) my player's token and show it, this once."""
    token = service.issue_token(me_id(), sent_key(request.form.get(FIELD)))
    if token is None:
        return redirect_with_notice(url_for("music.settings"),
                                    "このトークンはすでに発行しました。もう一度は表示できません。"
                                    "わからなくなったら、発行し直してください。")
    site = str(current_app.config["BASE_URL"]).rstrip("/")
    example = datetime.now(JST).replace(microsecond=0).isoformat()
    return render_template("music_token.html", token=token, site=site, example=example)


@bp.post("/settings/music/revoke")
@member_required
def revoke_token() -> Response | str:
    """Revoke my player's token: the player can send nothing more until a new one."""
    try:
        service.revoke_token(me_id())
    except DomainError as refused:
        return _page(error=refusal(refused))
    return redirect_with_notice(url_for("music.settings"), "トークンを無効にしました。")
