"""Range requests on a video file, as au handsets fetch in pieces: 206 with Content-Range,
416 for a range past the end, the whole file for what is no single byte range."""
from __future__ import annotations

import pytest

from tests.videos.conftest import file_bytes
from tests.videos.test_pages import file_address


@pytest.fixture()
def au_file(app, ready_video, logged_in, handset):
    """Return (the au player, the .3g2 address, its bytes)."""
    owner, video_id = ready_video()
    url = file_address(logged_in("au-W53CA", owner).page(f"/videos/{video_id}"))
    assert url is not None
    return handset("au-W53CA"), url, file_bytes(app, video_id, "ezmovie")


def test_an_au_handset_fetching_in_pieces_gets_the_whole_file(au_file) -> None:
    player, url, data = au_file
    pieces, start, step = [], 0, 4096
    while start < len(data):
        response = player.get(url, headers={"Range": f"bytes={start}-{start + step - 1}"})
        end = min(start + step, len(data)) - 1
        assert response.status_int == 206
        assert response.headers["Content-Range"] == f"bytes {start}-{end}/{len(data)}"
        assert response.headers["Content-Length"] == str(end - start + 1)
        assert response.headers["Content-Type"] == "video/3gpp2"
        assert response.headers["Accept-Ranges"] == "bytes"
        pieces.append(response.body)
        start += step
    assert b"".join(pieces) == data


def test_open_and_suffix_ranges(au_file) -> None:
    player, url, data = au_file
    tail = player.get(url, headers={"Range": "bytes=100-"})
    assert tail.status_int == 206 and tail.body == data[100:]
    last = player.get(url, headers={"Range": "bytes=-50"})
    assert last.status_int == 206 and last.body == data[-50:]
    assert last.headers["Content-Range"] == f"bytes {len(data) - 50}-{len(data) - 1}/{len(data)}"


def test_a_range_past_the_end_is_416_with_the_size(au_file) -> None:
    player, url, data = au_file
    response = player.get(url, headers={"Range": f"bytes={len(data)}-"}, status=416)
    assert response.headers["Content-Range"] == f"bytes */{len(data)}"


@pytest.mark.parametrize("asked", ["bytes=0-9,20-29", "items=0-9", "bytes=x-y"])
def test_what_is_no_single_byte_range_gets_the_whole_file(au_file, asked) -> None:
    player, url, data = au_file
    response = player.get(url, headers={"Range": asked})
    assert response.status_int == 200 and response.body == data


def test_an_if_range_of_another_version_gets_the_whole_file(au_file) -> None:
    player, url, data = au_file
    first = player.get(url)
    same = player.get(url, headers={"Range": "bytes=0-9", "If-Range": first.headers["ETag"]})
    assert same.status_int == 206 and same.body == data[:10]
    other = player.get(url, headers={"Range": "bytes=0-9", "If-Range": '"old"'})
    assert other.status_int == 200 and other.body == data


def test_head_tells_the_size_without_the_bytes(au_file) -> None:
    player, url, data = au_file
    response = player.head(url)
    assert response.status_int == 200
    assert response.headers["Content-Length"] == str(len(data))
    assert response.body == b""
    assert "charset" not in response.headers["Content-Type"]
