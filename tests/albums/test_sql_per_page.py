"""An album page and a photo page cost the same few statements however many photos exist."""
from __future__ import annotations

import pytest

from tests.albums.conftest import make_album, make_photo
from tests.sql import counting_sql


@pytest.mark.parametrize("name", ["docomo-P903i", "pc-Firefox"])
def test_album_and_photo_pages_run_a_constant_number_of_statements(app, member, logged_in,
                                                                   name) -> None:
    owner = member("はなこ")
    album = make_album(app, owner)
    first = make_photo(app, owner, album_id=album)
    browser = logged_in(name, owner)
    for url in (f"/albums/{album}", f"/photos/{first}", "/albums"):
        browser.get(url)  # the session's first touch is not the page's cost
    costs = []
    for more in (0, 12):
        for _photo in range(more):
            make_photo(app, owner, album_id=album, made=False)
        counted = []
        for url in (f"/albums/{album}", f"/photos/{first}", "/albums"):
            with counting_sql(app) as statements:
                browser.get(url)
            counted.append(len(statements))
        costs.append(counted)
    assert costs[0] == costs[1]
