"""The size meter: a page's bytes against the limit carriers.detect() gives the handset."""
from __future__ import annotations

import json
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.simulator.conftest import Browse


@pytest.mark.parametrize(("name", "limit"), [
    ("docomo-D501i", 5 * 1024), ("docomo-N505i", 20 * 1024), ("docomo-P903i", 30 * 1024),
    ("docomo-N06A", 500 * 1024), ("au-C5001T", 65036), ("softbank-J-SH10", 6000),
    ("smartphone-iPhone", None),
])
def test_the_limit_is_what_carriers_detect_gives_the_profile(
        browse: Browse, echo_site: Flask, name: str, limit: int | None) -> None:
    page = browse(name, echo_site).open("/page?bytes=6000")
    assert (page.size, page.limit) == (6000, limit)
    assert page.over_limit is (limit is not None and limit < 6000)


def test_the_meter_counts_packets_of_128_bytes(browse: Browse, echo_site: Flask) -> None:
    assert browse("docomo-N505i", echo_site).open("/page?bytes=129").packets == 2


def test_the_screen_tells_the_ui_the_size_limit_and_whether_it_is_over(
        echo_ui: FlaskClient) -> None:
    shown = echo_ui.get("/phone/docomo-D501i/open?u=/page%3Fbytes%3D6000", follow_redirects=True)
    info = json.loads(re.search(r"window\.simPage = (\{.*?\});", shown.text).group(1))
    assert (info["size"], info["limit"], info["over"], info["packets"]) == (6000, 5120, True, 47)
    within = echo_ui.get("/phone/docomo-N505i/open?u=/page%3Fbytes%3D6000",
                         follow_redirects=True)
    assert '"over": false' in within.text
