"""Every album page on every markup family, within the handset's budget, through the stack."""
from __future__ import annotations

import pytest
from flask import Flask

from carriers.markup_support import support_for
from keitai.models import Album, Picture, PictureComment, PictureVariant
from tests.albums.conftest import count, image_addresses, make_album, make_photo
from tests.diary.factories import add_diaries
from tests.handsets import PAGE_PROFILES, page_forms
from tests.social.conftest import access_key


def _owner_with_album(app: Flask, member, photos: int = 3) -> tuple[int, int, list[int]]:
    owner = member("はなこ")
    album = make_album(app, owner)
    made = [make_photo(app, owner, album_id=album, caption=f"写真{n}") for n in range(photos)]
    return owner, album, made


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_every_album_page_fits_every_handset(app, member, logged_in, name) -> None:
    owner, album, photos = _owner_with_album(app, member)
    [diary] = add_diaries(app, owner, ["写真つき"])
    make_photo(app, owner, diary_id=diary)
    mine = logged_in(name, owner)
    visitor = logged_in(name, member("たろう"))
    for url in ("/albums", f"/members/{owner}/albums", "/albums/new", f"/albums/{album}",
                f"/albums/{album}/edit", f"/albums/{album}/delete", f"/albums/{album}/upload",
                f"/photos/{photos[1]}", f"/photos/{photos[1]}/edit",
                f"/photos/{photos[1]}/delete", f"/diary/{diary}", f"/diary/{diary}/photos"):
        page = mine.page(url)
        assert access_key(page, "0", "トップ") or url == f"/diary/{diary}", url
    for url in (f"/members/{owner}/albums", f"/albums/{album}", f"/photos/{photos[0]}",
                f"/diary/{diary}"):
        visitor.page(url)
    assert "フォトアルバム" in mine.page("/")
    assert "フォトアルバム" in visitor.page(f"/members/{owner}")


@pytest.mark.parametrize("name", ["docomo-N505i", "docomo-P903i", "docomo-N06A", "au-W53CA",
                                  "softbank-930SH", "softbank-J-SH51", "pc-Firefox"])
def test_an_album_page_and_its_thumbnails_stay_within_the_handsets_budget(
        app, member, logged_in, name) -> None:
    owner, album, _photos = _owner_with_album(app, member, photos=15)
    browser = logged_in(name, member("たろう"))
    handset = browser.handset
    support = support_for(handset)
    budget = (support.image_limit_bytes if support.counts_images
              else handset.page_limit_bytes)
    url, pages, seen = f"/albums/{album}", 0, 0
    while url:
        response = browser.get(url)
        text = browser.text(response)
        images = sum(len(browser.get(address).body) for address in image_addresses(text))
        if budget is not None:
            assert len(response.body) + images <= budget
        seen += text.count('/photos/')
        pages += 1
        nxt = [part for part in text.split('"') if part.startswith(f"/albums/{album}?page=")
               and f"page={pages + 1}" in part]
        url = nxt[0].replace("&amp;", "&") if nxt else ""
    assert seen >= 15


def test_the_photo_page_goes_to_the_previous_and_next_photo_on_star_and_hash(
        app, member, logged_in) -> None:
    _owner, _album, photos = _owner_with_album(app, member)
    browser = logged_in("docomo-P903i", member("たろう"))
    middle = browser.page(f"/photos/{photos[1]}")
    assert access_key(middle, "4", "前の写真") and access_key(middle, "6", "次の写真")
    assert f"/photos/{photos[0]}" in middle and f"/photos/{photos[2]}" in middle
    first = browser.page(f"/photos/{photos[0]}")
    assert not access_key(first, "4", "前の写真") and access_key(first, "6", "次の写真")


def test_an_album_is_made_once_however_often_its_form_is_sent(app, member, logged_in) -> None:
    owner = member("はなこ")
    browser = logged_in("docomo-N505i", owner)
    form = browser.get("/albums/new")
    fields = {"title": "花見", "description": "桜", "visibility": "friends"}
    first, second = browser.submit(form, fields), browser.submit(form, fields)
    assert first.headers["Location"] == second.headers["Location"]
    assert count(app, Album) == 1
    page = browser.page(first.headers["Location"])
    assert "花見" in page and "マイミクまで公開" in page and "0/300枚" in page
    refused = browser.submit(browser.get("/albums/new"), {"title": "", "visibility": "x"})
    assert "タイトルを入力してください" in browser.text(refused)
    assert count(app, Album) == 1


def test_the_owner_edits_and_deletes_an_album_with_its_photos_variants_and_comments(
        app, member, logged_in) -> None:
    owner, album, photos = _owner_with_album(app, member)
    browser = logged_in("au-W53CA", owner)
    edited = browser.submit(browser.get(f"/albums/{album}/edit"),
                            {"title": "秋の旅", "description": "", "visibility": "only_me"})
    assert "秋の旅" in browser.text(edited.follow())
    page = browser.get(f"/albums/{album}/delete")
    assert "写真3枚" in browser.text(page)
    done = browser.submit(page, {})
    assert "アルバムを削除しました" in browser.text(done.follow())
    assert count(app, Album) == count(app, Picture) == count(app, PictureVariant) == 0
    assert browser.get(f"/photos/{photos[0]}", status=404).status_int == 404


def test_others_cannot_edit_or_delete_an_album_or_a_photo(app, member, logged_in) -> None:
    _owner, album, photos = _owner_with_album(app, member)
    other = logged_in("pc-Firefox", member("たろう"))
    assert other.get(f"/albums/{album}/edit", status=403).status_int == 403
    assert other.get(f"/albums/{album}/delete", status=403).status_int == 403
    assert other.get(f"/photos/{photos[0]}/edit", status=404).status_int == 404
    assert other.get(f"/photos/{photos[0]}/delete", status=404).status_int == 404
    assert count(app, Picture) == 3


def test_comments_on_a_photo_once_per_form_and_deleted_by_author_or_owner(
        app, member, logged_in) -> None:
    owner, _album, photos = _owner_with_album(app, member, photos=1)
    friend = logged_in("softbank-930SH", member("とも"))
    page = friend.get(f"/photos/{photos[0]}")
    form_index = len(page_forms(page)) - 1
    first = friend.submit(page, {"body": "すてき"}, index=form_index)
    second = friend.submit(page, {"body": "すてき"}, index=form_index)
    assert first.status_int == second.status_int == 302
    assert count(app, PictureComment) == 1
    shown = friend.page(f"/photos/{photos[0]}")
    assert "すてき" in shown
    empty = friend.submit(friend.get(f"/photos/{photos[0]}"), {"body": " "}, index=form_index)
    assert "コメントを入力してください" in friend.text(empty)
    owner_browser = logged_in("docomo-N06A", owner)
    text = owner_browser.page(f"/photos/{photos[0]}")
    assert "/comments/" in text
    confirm = owner_browser.click(owner_browser.get(f"/photos/{photos[0]}"), "削除")
    if "コメントの削除" not in owner_browser.text(confirm):
        [href] = [part for part in text.split('"') if "/comments/" in part and "delete" in part]
        confirm = owner_browser.get(href.replace("&amp;", "&"))
    done = owner_browser.submit(confirm, {})
    assert "コメントを削除しました" in owner_browser.text(done.follow())
    assert count(app, PictureComment) == 0


def test_the_owner_writes_a_caption_and_deletes_a_photo(app, member, logged_in) -> None:
    owner, album, photos = _owner_with_album(app, member, photos=2)
    browser = logged_in("docomo-N06A", owner)
    done = browser.send(browser.get(f"/photos/{photos[0]}/edit"),
                        {"caption": "富士山".encode("cp932") + browser.sun()})
    shown = browser.text(done.follow())
    assert "富士山" in shown and "\ue63e" in shown  # the sun, as docomo shows it
    too_long = browser.submit(browser.get(f"/photos/{photos[0]}/edit"), {"caption": "あ" * 101})
    assert "100文字以内" in browser.text(too_long)
    gone = browser.submit(browser.get(f"/photos/{photos[1]}/delete"), {})
    assert gone.headers["Location"].split("?")[0].endswith(f"/albums/{album}")
    assert count(app, Picture) == 1
    assert "(1)" in browser.page("/albums")


def test_a_withdrawn_members_albums_and_photos_go(app, member) -> None:
    from keitai.db import db
    from keitai.models import Member

    owner, _album, _photos = _owner_with_album(app, member)
    with app.app_context():
        db.session.delete(db.session.get(Member, owner))
        db.session.commit()
    assert count(app, Album) == count(app, Picture) == count(app, PictureVariant) == 0
