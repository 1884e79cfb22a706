"""Serve a video's files: the rendition for a handset (with Range requests), and the poster.

Every fetch asks the database whether the viewer may see the video now (privacy and blocks,
as the video's page). The viewer is the member the signed address names (photo_links, with
the key "video/<id>"), else the session's: the handset's player fetches without the page's
session, docomo without its i-mode ID, au in pieces with Range requests.

Headers, as the carriers want them: the exact media type with no charset, Content-Length
always, Accept-Ranges: bytes, Last-Modified and an ETag; a single range is answered with
206 and Content-Range, an unsatisfiable one with 416 and "Content-Range: bytes */size"; a
SoftBank handset gets x-jphone-copyright: no-transfer (a member's video is not forwarded
off the site, whoever may see it here).
"""
from __future__ import annotations

import time
from typing import Any

from flask import Response, abort, g, request
from sqlalchemy import select
from werkzeug.http import http_date, parse_range_header

from carriers.video import FORMATS, playback_for
from keitai.db import db
from keitai.features.profile import images
from keitai.features.profile.photo_views import Viewer, image_response, photo_viewer
from keitai.features.videos import bp, queries
from keitai.models.base import utcnow
from keitai.models.video import VideoFile
from keitai.moderation.hidden import video_hidden
from keitai.upsert import insert_ignore

#: the extension of a poster variant's address, by its format
POSTER_EXTENSIONS = {"jpeg": "jpg", "gif": "gif", "png": "png"}
#: what SoftBank reads to keep a file on the handset
COPYRIGHT_HEADER = "x-jphone-copyright"
NO_TRANSFER = "no-transfer"


def signed_key(video_id: int) -> str:
    """Return the key a video's file addresses are signed with."""
    return f"video/{video_id}"


@bp.get("/videos/<int:video_id>/<name>.<ext>")
def file(video_id: int, name: str, ext: str) -> Response:
    """Serve a rendition to a member who may see the video; anyone else gets 404."""
    fmt = FORMATS.get(name)
    if fmt is None or fmt.extension != ext:
        abort(404)
    now = time.time()
    viewer = photo_viewer(signed_key(video_id), name, now)
    if viewer is None or video_hidden(video_id):  # hidden by an operator (keitai.moderation)
        abort(404)
    info = queries.file_info(video_id, name, viewer.member_id)
    if info is None:
        abort(404)
    response = ranged(video_id, name, info)
    _cache_headers(response, viewer, now)
    if playback_for(g.handset).copyright_header:
        response.headers[COPYRIGHT_HEADER] = NO_TRANSFER
    return response


def _cache_headers(response: Response, viewer: Viewer, now: float) -> None:
    """Let the handset keep the file as long as its signed address works (see photos)."""
    if viewer.expires_at is None:
        response.headers["Cache-Control"] = "private, no-cache"
    else:
        response.headers["Cache-Control"] = f"private, max-age={viewer.expires_at - int(now)}"


def _etag(video_id: int, name: str, info: Any) -> str:
    return f'"{video_id}-{name}-{int(info.created_at.timestamp())}-{info.size}"'


def _range_applies(etag: str, last_modified: str) -> bool:
    """Return True unless an If-Range names another version of the file."""
    condition = request.headers.get("If-Range")
    return condition is None or condition.strip() in (etag, last_modified)


def ranged(video_id: int, name: str, info: Any) -> Response:
    """Return the whole file (200), the one range asked for (206), or 416."""
    size = int(info.size)
    etag, last_modified = _etag(video_id, name, info), http_date(info.created_at)
    start, stop, status = 0, size, 200
    asked = request.headers.get("Range")
    if asked is not None and _range_applies(etag, last_modified):
        parsed = parse_range_header(asked)
        # a malformed header, another unit or several ranges: the whole file (RFC 9110)
        if parsed is not None and parsed.units == "bytes" and len(parsed.ranges) == 1:
            found = parsed.range_for_length(size)
            if found is None:
                response = Response(b"", status=416, content_type=info.content_type)
                response.headers["Content-Range"] = f"bytes */{size}"
                response.headers["Accept-Ranges"] = "bytes"
                return response
            (start, stop), status = found, 206
    length = stop - start
    head = request.method == "HEAD"
    body = b"" if head else queries.file_bytes(video_id, name, start, length)
    response = Response(body, status=status, content_type=info.content_type)
    headers = response.headers
    headers["Content-Length"] = str(length)
    headers["Accept-Ranges"] = "bytes"
    headers["Last-Modified"] = last_modified
    headers["ETag"] = etag
    if status == 206:
        headers["Content-Range"] = f"bytes {start}-{stop - 1}/{size}"
    return response


@bp.get("/videos/<int:video_id>/poster/<variant>.<ext>")
def poster(video_id: int, variant: str, ext: str) -> Response:
    """Serve the poster in the variant a handset shows (made on first request and kept)."""
    parsed = images.parse_variant(variant)
    if parsed is None or POSTER_EXTENSIONS[parsed[0]] != ext:
        abort(404)
    now = time.time()
    name = f"poster-{variant}"
    viewer = photo_viewer(signed_key(video_id), name, now)
    if viewer is None or queries.file_info(video_id, "poster", viewer.member_id) is None \
            or video_hidden(video_id):  # hidden by an operator (keitai.moderation)
        abort(404)
    fmt, gray, width = parsed
    content_type = images.CONTENT_TYPES[fmt]
    made = db.session.scalar(select_file(video_id, name))
    if made is None:
        stored = db.session.scalar(select_file(video_id, "poster"))
        if stored is None:
            abort(404)
        made = images.render_variant(bytes(stored), fmt, gray, width)
        insert_ignore(VideoFile, {"video_id": video_id, "name": name,
                                  "content_type": content_type, "data": made,
                                  "size": len(made), "duration_ms": None, "shortened": False,
                                  "created_at": utcnow()})
    return image_response((bytes(made), content_type), viewer, now)


def select_file(video_id: int, name: str) -> Any:
    """Return a select of one file's bytes."""
    return select(VideoFile.data).where(VideoFile.video_id == video_id,
                                        VideoFile.name == name)
