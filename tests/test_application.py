"""The application class: URLs it keeps are the URLs Flask builds."""
from __future__ import annotations

import pytest
from flask import Flask

from keitai import application

#: endpoints with and without values, as pages link to them
LINKS = [("diary.show", {"diary_id": 12}), ("profile.show", {"member_id": 3}),
         ("diary.friends", {"page": 2}), ("diary.delete_comment", {"diary_id": 7, "comment_id": 9}),
         ("diary.friends", {"page": "3"}), ("top.index", {})]


def test_a_kept_url_is_the_one_flask_builds_under_each_script_root(app: Flask) -> None:
    for _ in range(2):  # built, then kept; a site under a path prefix gets its own
        for root in ("", "/sns"):
            with app.test_request_context("/", base_url=f"http://keitai.test{root}"):
                for endpoint, values in LINKS:
                    built = Flask.url_for(app, endpoint, **values)
                    assert built.startswith(f"{root}/")
                    assert app.url_for(endpoint, **values) == built


def test_true_is_not_taken_for_one_nor_a_float_kept(app: Flask) -> None:
    with app.test_request_context("/"):
        one = app.url_for("diary.friends", page=1)
        assert app.url_for("diary.friends", page=True) == Flask.url_for(app, "diary.friends",
                                                                         page=True) != one
        assert app.url_for("diary.friends", page=2.5) == Flask.url_for(app, "diary.friends",
                                                                        page=2.5)


def test_urls_with_values_are_kept_within_a_bound(app: Flask,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(application, "_VALUED_URLS_MAX", 5)
    with app.test_request_context("/"):
        for diary_id in range(1, 30):
            assert app.url_for("diary.show", diary_id=diary_id) == f"/diary/{diary_id}"
        assert app.url_for("diary.show", diary_id=3) == "/diary/3"
    assert isinstance(app, application.KeitaiFlask)
    assert len(app._valued_urls) <= 5
