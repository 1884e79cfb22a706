"""A small shop site with the defects a reviewer meets most, for the report's screenshot and
its browser test: one page too long for small handsets, one sent as XHTML to everyone, a PNG
banner, a link that hands a terminal ID to another host, a page with no title and one access
key twice, another carrier's emoji, and UTF-8 bytes labelled Shift_JIS."""
from __future__ import annotations

import io

from PIL import Image, ImageDraw

from simulator.checker.run import Report, check_site, select_profiles
from simulator.transport import WsgiTransport
from tests.checker.site import FixturePage, FixtureSite, chtml

HOST = "http://shop.example.jp"
#: au's sun (晴れ) in Shift_JIS: another carrier's emoji on docomo and SoftBank
AU_SUN = b"\xf6\x60"
XHTML = ('<?xml version="1.0" encoding="Shift_JIS"?>\n'
         '<!DOCTYPE html PUBLIC "-//i-mode group (ja)//DTD XHTML i-XHTML(Locale/Ver.=ja/1.0) '
         '1.0//EN" "i-xhtml_4ja_10.dtd">\n'
         '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>商品</title></head>'
         '<body><p>着うた「夏の空」 105円</p><a href="/" accesskey="0">top</a></body></html>')


def banner() -> bytes:
    """Return a small PNG banner."""
    image = Image.new("RGB", (220, 48), "#ffcc00")
    ImageDraw.Draw(image).rectangle((8, 8, 212, 40), outline="#cc3300", width=3)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def catalog() -> bytes:
    """Return a long catalogue: within the big handsets' limits, far over the small ones'."""
    listen = '<a href="/item?id={n}">試聴</a>'
    items = "".join(f"<li>着うた No.{n:03d} 「夏の空 その{n}」 105円"
                    f"{listen.format(n=n) if n <= 3 else ''}</li>" for n in range(1, 301))
    return chtml(f"<ol>{items}</ol>", title="カタログ")


PAGES = [
    FixturePage("/", chtml('<a href="/catalog" accesskey="1">カタログ</a><br>'
                           '<a href="/item?id=1" accesskey="2">今週の一曲</a><br>'
                           '<a href="/campaign" accesskey="3">キャンペーン</a><br>'
                           '<a href="/partner" accesskey="4">提携サイト</a><br>'
                           '<a href="/help" accesskey="5">ヘルプ</a><br>'
                           '<a href="/weather" accesskey="6">天気</a><br>'
                           '<a href="/news" accesskey="7">お知らせ</a>', title="ケータイ堂")),
    FixturePage("/catalog", catalog()),
    FixturePage("/item", XHTML.encode("cp932"), "application/xhtml+xml; charset=Shift_JIS"),
    FixturePage("/campaign", chtml('<img src="/banner.png" width="220" height="48" alt="夏">'
                                   "夏のキャンペーン実施中", title="キャンペーン")),
    FixturePage("/banner.png", banner(), "image/png"),
    FixturePage("/partner", chtml('<a href="http://ads.example.com/click?uid=NULLGWDOCOMO">'
                                  "提携サイトへ</a>", title="提携サイト")),
    FixturePage("/help", b"<html><body><a href=\"/\" accesskey=\"1\">top</a> "
                         b"<a href=\"/catalog\" accesskey=\"1\">catalog</a></body></html>"),
    FixturePage("/weather", chtml("今日は").replace(b"</body>", AU_SUN + b"</body>")),
    FixturePage("/news", "<html><head><title>お知らせ</title></head><body>新曲を追加しました"
                         '<hr><a href="/" accesskey="0">top</a></body></html>'.encode()),
]


def sample_report() -> Report:
    """Check the sample shop as the default handsets (one per markup generation)."""
    return check_site(HOST + "/", select_profiles(), transport=WsgiTransport(FixtureSite(PAGES)))
