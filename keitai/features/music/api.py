"""POST /api/plays: what a member's player is playing, authenticated by its token alone.

The endpoint is listed in keitai.gateway.TOKEN_API_ENDPOINTS: the gateway loads no web session
for it, sets no cookie and asks for no CSRF token (a cookie proves nothing here: only the
Bearer token does), and leaves its JSON as it is. Every answer is JSON:
201 recorded, 200 already recorded (the first play at that time stands), 400 invalid (the
field named), 401 no valid token, 403 the member may not use the site now, 413 too large,
415 not JSON, 429 too many plays this hour (Retry-After).
"""
from __future__ import annotations

import json
from typing import Any

from flask import Response, current_app, jsonify, request
from sqlalchemy import exists, or_, select

from keitai import ratelimit
from keitai.db import db
from keitai.features.music import bp, names, service
from keitai.models.ban import Ban
from keitai.models.base import utcnow
from keitai.models.member import Member
from keitai.models.music import ALBUM_MAX, ARTIST_MAX, TITLE_MAX, MusicSetting
from keitai.moderation.bans import REFUSED, until_text

#: the largest body accepted (50 plays of long Japanese names fit)
MAX_BODY_BYTES = 64 * 1024
#: the most plays one request may carry (a player's offline queue)
MAX_BATCH = 50
#: the realm a refused request is told to authenticate in
REALM = 'Bearer realm="keitai"'


class Refusal(Exception):
    """An answer other than success: its status, error code, message and field."""

    def __init__(self, status: int, error: str, message: str, field: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.error, self.message = status, error, message
        self.field, self.headers = field, headers or {}


def _answer(status: int, body: dict[str, Any], headers: dict[str, str] | None = None
            ) -> Response:
    response = jsonify(body)
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _member() -> Member:
    """Return the member whose token the request carries, or refuse (401, 403)."""
    scheme, _space, token = request.headers.get("Authorization", "").strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token) > 100:
        raise Refusal(401, "unauthorized", "Authorization: Bearer <トークン> を付けてください。",
                      headers={"WWW-Authenticate": REALM})
    now = utcnow()
    banned = exists().where(Ban.member_id == Member.id, Ban.lifted_at.is_(None),
                            or_(Ban.expires_at.is_(None), Ban.expires_at > now))
    row = db.session.execute(
        select(Member, banned.label("banned"))
        .join(MusicSetting, MusicSetting.member_id == Member.id)
        .where(MusicSetting.token_hash == service.token_hash(token))).first()
    if row is None:
        raise Refusal(401, "invalid_token", "トークンが正しくないか、無効になっています。",
                      headers={"WWW-Authenticate": f'{REALM}, error="invalid_token"'})
    member, is_banned = row
    if member.suspended(now):
        assert member.suspended_until is not None
        raise Refusal(403, "suspended",
                      f"このアカウントは{until_text(member.suspended_until)}ご利用を停止しています。")
    if is_banned:
        raise Refusal(403, "forbidden", REFUSED)
    return member


def _body() -> Any:
    """Return the JSON the request carries, or refuse (413, 415, 400)."""
    if request.mimetype != "application/json":
        raise Refusal(415, "unsupported_media_type",
                      "Content-Type: application/json で送ってください。")
    length = request.content_length
    if length is not None and length > MAX_BODY_BYTES:
        raise Refusal(413, "too_large", f"本文は{MAX_BODY_BYTES // 1024}KBまでです。")
    raw = request.stream.read(MAX_BODY_BYTES + 1)
    if len(raw) > MAX_BODY_BYTES:
        raise Refusal(413, "too_large", f"本文は{MAX_BODY_BYTES // 1024}KBまでです。")
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Refusal(400, "invalid_json",
                      "JSONとして読めません(UTF-8で送ってください)。") from None


def _text(item: dict[str, Any], field: str, limit: int, *, required: bool) -> str | None:
    value = item.get(field)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise Refusal(400, "invalid", f"{field} は文字列で送ってください。", field)
    text = names.clean(value)
    if not text:
        if not required:
            return None
        raise Refusal(400, "invalid", f"{field} が空です。", field)
    if len(text) > limit:
        raise Refusal(400, "invalid", f"{field} は{limit}文字までです。", field)
    return text


def _play(item: Any, index: int | None) -> service.PlayIn:
    where = "" if index is None else f"plays[{index}]."
    if not isinstance(item, dict):
        raise Refusal(400, "invalid", "再生はJSONのオブジェクトで送ってください。",
                      where.rstrip(".") or None)
    try:
        artist = _text(item, "artist", ARTIST_MAX, required=True)
        title = _text(item, "title", TITLE_MAX, required=True)
        album = _text(item, "album", ALBUM_MAX, required=False)
        try:
            played_at = names.played_time(item.get("played_at"), utcnow())
        except names.BadTime as bad:
            raise Refusal(400, "invalid", str(bad), "played_at") from None
    except Refusal as refused:
        refused.field = where + (refused.field or "")
        raise
    assert artist is not None and title is not None
    return service.PlayIn(artist, names.name_key(artist), title, names.name_key(title),
                          album, played_at)


def _plays(body: Any) -> tuple[list[service.PlayIn], bool]:
    """Return the plays of the body and whether it was a batch ({"plays": [...]})."""
    if isinstance(body, dict) and "plays" in body:
        items = body["plays"]
        if not isinstance(items, list) or not items:
            raise Refusal(400, "invalid", "plays は再生の配列で送ってください。", "plays")
        if len(items) > MAX_BATCH:
            raise Refusal(400, "invalid", f"一度に送れるのは{MAX_BATCH}件までです。", "plays")
        return [_play(item, index) for index, item in enumerate(items)], True
    return [_play(body, None)], False


def _count_new(member_id: int, new: int) -> None:
    """Count the plays about to be recorded against the member's hourly limit (committed at
    once, whatever follows); refuse with 429 when they pass it."""
    if new == 0:
        return
    limit = ratelimit.Limit("music-plays", current_app.config["PLAYS_PER_HOUR"], 3600)
    if ratelimit.reserve([(limit, f"member:{member_id}")] * new) is None:
        return
    now = int(utcnow().timestamp())
    retry = limit.window_seconds - now % limit.window_seconds
    raise Refusal(429, "rate_limited",
                  f"1時間に送れる再生は{limit.limit}件までです。しばらくしてから送ってください。",
                  headers={"Retry-After": str(retry)})


@bp.post("/api/plays")
def api_plays() -> Response:
    """Record what the token's member's player played (one play, or a batch of plays)."""
    try:
        member = _member()
        plays, batch = _plays(_body())
        already = service.recorded_times(member.id, [play.played_at for play in plays])
        _count_new(member.id, len({play.played_at for play in plays} - already))
        recorded = service.record_plays(member.id, plays)
    except Refusal as refused:
        refusal = {"error": refused.error, "message": refused.message}
        if refused.field:
            refusal["field"] = refused.field
        return _answer(refused.status, refusal, refused.headers)
    results = [{"played_at": play.played_at.isoformat(), "artist": play.artist,
                "title": play.title, "status": "recorded" if new else "already_recorded"}
               for play, new in zip(plays, recorded, strict=True)]
    status = 201 if any(recorded) else 200
    body: dict[str, Any] = {"status": "recorded" if status == 201 else "already_recorded",
                            "recorded": sum(recorded),
                            "already_recorded": len(plays) - sum(recorded)}
    if batch:
        body["plays"] = results
    else:
        body.update(results[0])
    return _answer(status, body)

