# ruff: noqa: E501 - the feeds are written as real sites write them, long lines included
"""Write the feed fixtures of this folder in their real encodings.

    .venv/bin/python tests/data/feeds/make_fixtures.py

The files are kept in the repository; this script says how they were made (a Japanese news
site's Shift_JIS RSS 2.0, a blog service's EUC-JP RSS 1.0, an Atom feed, a broken one and a
page that is no feed). EUC-JP is written as Windows and PHP sites write it (eucJP-ms): the
NEC and IBM extension characters through their Shift_JIS codes.
"""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent

RSS2_SHIFT_JIS = """<?xml version="1.0" encoding="Shift_JIS"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>みなと新聞 ニュース速報</title>
<link>http://www.minato-shinbun.example/</link>
<description>みなと新聞の最新ニュースをお届けします。</description>
<language>ja</language>
<copyright>Copyright (C) みなと新聞社</copyright>
<lastBuildDate>Sun, 06 Dec 2026 18:05:00 +0900</lastBuildDate>
<atom:link href="http://www.minato-shinbun.example/rss/news.xml" rel="self" type="application/rss+xml" />
<item>
<title>①日本海側で大雪のおそれ　週末にかけ警戒を</title>
<link>http://www.minato-shinbun.example/news/20261206/k001.html</link>
<description>強い寒気の影響で、日本海側を中心に大雪となるおそれがあります。&lt;br /&gt;気象庁は交通障害に警戒するよう呼びかけています。</description>
<pubDate>Sun, 06 Dec 2026 18:00:00 +0900</pubDate>
<guid isPermaLink="false">minato-20261206-k001</guid>
<category>社会</category>
</item>
<item>
<title>㈱みなと電機、折りたたみ型の新機種を発表</title>
<link>http://www.minato-shinbun.example/news/20261206/b002.html</link>
<description>㈱みなと電機は６日、テンキー付きの折りたたみ型端末を来春発売すると発表した。</description>
<pubDate>Sun, 06 Dec 2026 15:30:00 +0900</pubDate>
<guid isPermaLink="false">minato-20261206-b002</guid>
<category>経済</category>
</item>
<item>
<title>髙橋選手が初優勝　全日本フィギュア</title>
<link>http://www.minato-shinbun.example/news/20261206/s003.html</link>
<description>フィギュアスケートの全日本選手権で、髙橋選手が初の優勝を果たした。</description>
<pubDate>Sun, 06 Dec 2026 12:45:00 +0900</pubDate>
<guid isPermaLink="false">minato-20261206-s003</guid>
<category>スポーツ</category>
</item>
<item>
<title>ｹｰﾀｲ向けｻｲﾄ、来年３月で終了へ</title>
<link>http://www.minato-shinbun.example/news/20261205/t004.html</link>
<description>携帯電話向けの公式サイトが来年３月末でサービスを終了する。</description>
<pubDate>Sat, 05 Dec 2026 21:10:00 +0900</pubDate>
<guid isPermaLink="false">minato-20261205-t004</guid>
<category>IT</category>
</item>
<item>
<title>R&amp;B歌手が来日公演～全国５都市で</title>
<link>http://www.minato-shinbun.example/news/20261205/e005.html</link>
<description>人気R&amp;B歌手が来年２月に来日し、全国５都市で公演を行う。</description>
<pubDate>Sat, 05 Dec 2026 09:00:00 +0900</pubDate>
<guid isPermaLink="false">minato-20261205-e005</guid>
<category>エンタメ</category>
</item>
</channel>
</rss>
"""

_RDF_ITEMS = [
    ("51234571", "①今日のお弁当は唐揚げ", "2026-12-05T21:15:42+09:00", "ごはん",
     "朝から唐揚げを揚げました。", "<p>朝から<b>唐揚げ</b>を揚げました。<br />"
     "<img src=\"http://image.blog.example.jp/hanako/karaage.jpg\" alt=\"唐揚げ\" /></p>"),
    ("51234570", "㈱ひよこ商会のセールに行ってきた", "2026-12-04T19:02:11+09:00", "おでかけ",
     "駅前のお店でセールをやっていました。", "<p>駅前のお店でセールをやっていました。</p>"),
    ("51234569", "髙島屋でクリスマスケーキを予約", "2026-12-03T12:30:00+09:00", "日記",
     None, "<p>今年は<a href=\"http://www.example.com/cake\">いちごのケーキ</a>にしました&hellip;"
     "楽しみ！</p>"),
    ("51234568", "ｹｰﾀｲを機種変しました(ﾟ∀ﾟ)", "2026-12-02T08:05:09+09:00", "ケータイ",
     "新しいケータイはワンセグ付き。", "<p>新しいケータイはワンセグ付き。</p>"),
    ("51234567", "寒くなってきましたね", "2026-12-01T23:59:59+09:00", "日記",
     "今日は雪がちらつきました。", "<p>今日は雪がちらつきました。</p>"),
]


def _rdf_item(number: str, title: str, date: str, subject: str, description: str | None,
              content: str) -> str:
    url = f"http://blog.example.jp/hanako/archives/{number}.html"
    about = f'<item rdf:about="{url}">\n<title>{title}</title>\n<link>{url}</link>\n'
    if description is not None:
        about += f"<description>{description}</description>\n"
    return (about + f"<content:encoded><![CDATA[{content}]]></content:encoded>\n"
            f"<dc:subject>{subject}</dc:subject>\n<dc:creator>はなこ</dc:creator>\n"
            f"<dc:date>{date}</dc:date>\n</item>\n")


RSS1_EUC_JP = (
    '<?xml version="1.0" encoding="EUC-JP"?>\n'
    '<rdf:RDF xmlns="http://purl.org/rss/1.0/"'
    ' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
    ' xmlns:content="http://purl.org/rss/1.0/modules/content/" xml:lang="ja">\n'
    '<channel rdf:about="http://blog.example.jp/hanako/index.rdf">\n'
    "<title>はなこの毎日ブログ</title>\n<link>http://blog.example.jp/hanako/</link>\n"
    "<description>毎日のできごとを綴ります</description>\n<dc:language>ja</dc:language>\n"
    "<dc:date>2026-12-05T21:15:42+09:00</dc:date>\n<items>\n<rdf:Seq>\n"
    + "".join(f'<rdf:li rdf:resource="http://blog.example.jp/hanako/archives/{item[0]}.html" />\n'
              for item in _RDF_ITEMS)
    + "</rdf:Seq>\n</items>\n</channel>\n"
    + "".join(_rdf_item(*item) for item in _RDF_ITEMS)
    + "</rdf:RDF>\n"
)

ATOM_UTF8 = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ja">
<title type="text">ケータイ開発メモ</title>
<subtitle>絵文字とかCSSとか</subtitle>
<link rel="alternate" type="text/html" href="https://dev.example.org/memo/"/>
<link rel="self" type="application/atom+xml" href="https://dev.example.org/memo/feed.atom"/>
<id>tag:dev.example.org,2026:memo</id>
<updated>2026-12-06T10:00:00Z</updated>
<author><name>いちろう</name></author>
<entry>
<title>絵文字の変換表を作った 🎉</title>
<link rel="alternate" type="text/html" href="posts/emoji-table"/>
<id>tag:dev.example.org,2026:memo/5</id>
<published>2026-12-06T09:30:00+09:00</published>
<updated>2026-12-06T10:00:00Z</updated>
<content type="html">&lt;p&gt;三キャリアの絵文字を&lt;strong&gt;対応表&lt;/strong&gt;にしました。&lt;/p&gt;</content>
</entry>
<entry>
<title type="html">&lt;b&gt;i-mode&lt;/b&gt;のCSSは使える？</title>
<link rel="alternate" type="text/html" href="/memo/posts/imode-css"/>
<id>tag:dev.example.org,2026:memo/4</id>
<published>2026-12-04T22:00:00+09:00</published>
<summary type="text">XHTML対応機種ならインラインでOK。</summary>
<content type="html">&lt;p&gt;XHTML対応機種なら&lt;code&gt;style&lt;/code&gt;属性が効きます。&lt;/p&gt;</content>
</entry>
<entry>
<title>Shift_JISとUTF-8の境目</title>
<link rel="alternate" type="text/html" href="https://dev.example.org/memo/posts/charsets"/>
<id>tag:dev.example.org,2026:memo/3</id>
<updated>2026-12-02T08:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>文字化けの話。<br/>①や㈱に注意。</p></div></content>
</entry>
<entry>
<title>かんたんログインの仕組み</title>
<link rel="alternate" type="text/html" href="posts/easy-login?from=feed&amp;n=2"/>
<id>tag:dev.example.org,2026:memo/2</id>
<published>2026-11-28T12:00:00+09:00</published>
<content type="html">&lt;p&gt;端末IDを使います。&lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;</content>
</entry>
<entry>
<title>ブログはじめました</title>
<link rel="alternate" type="text/html" href="posts/hello"/>
<id>tag:dev.example.org,2026:memo/1</id>
<published>2026-11-20T07:00:00+09:00</published>
<content type="html">&lt;p&gt;よろしくお願いします &#x1F600;&lt;/p&gt;</content>
</entry>
</feed>
"""

BROKEN = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>下町グルメ & 散歩日記</title>
<link>http://gourmet.example.jp/</link>
<description>食べ歩きの記録</description>
<item>
<title>もんじゃ&お好み焼きの店</title>
<link>http://gourmet.example.jp/entry/101</link>
<description>月島の<b>人気店に行きました</description>
<pubDate>Thu, 03 Dec 2026 20:00:00 +0900</pubDate>
</item>
<item>
<title>老舗のたい焼き&nbsp;屋さん</title>
<link>http://gourmet.example.jp/entry/102</link>
<description>あんこがぎっしり&hearts;</description>
<pubDate>Wed, 02 Dec 2026 15:00:00 +0900</pubDate>
</item>
<item>
<title>銭湯のあとの牛乳</title>
<link>http://gourmet.example.jp/entry/103</link>
<description>やっぱりフルーツ牛乳</description>
<pubDate>Tue, 01 Dec 2026 19:30:00 +0900</pubDate>
</item>
<item>
<title>途中で切れた記事</title>
<link>http://gourmet.example.jp/entry/104</link>
<description>この先は届きませ"""

NOT_A_FEED = """<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="Shift_JIS">
<title>はなこの毎日ブログ</title>
<link rel="stylesheet" href="/hanako/style.css">
<link rel="alternate" type="application/rss+xml" title="RSS" href="/hanako/index.rdf">
<link rel="alternate" type="application/atom+xml" title="Atom" href="http://blog.example.jp/hanako/atom.xml">
</head>
<body>
<h1>はなこの毎日ブログ</h1>
<p>毎日のできごとを綴ります。①今日のお弁当は唐揚げ</p>
</body>
</html>
"""


def euc_jp_ms(text: str) -> bytes:
    """Encode text as eucJP-ms: JIS X 0208 as EUC-JP, the rest through its cp932 code."""
    from keitai.feeds.eucjp import from_shift_jis

    out = bytearray()
    for char in text:
        try:
            out += char.encode("euc_jp")
            continue
        except UnicodeEncodeError:
            pass
        code = char.encode("cp932")
        out += from_shift_jis(code) if len(code) == 2 else b"\x8e" + code
    return bytes(out)


def write() -> None:
    """Write every fixture."""
    (HERE / "rss2_shift_jis.xml").write_bytes(RSS2_SHIFT_JIS.encode("cp932"))
    (HERE / "rss1_euc_jp.rdf").write_bytes(euc_jp_ms(RSS1_EUC_JP))
    (HERE / "atom_utf8.xml").write_bytes(ATOM_UTF8.encode("utf-8"))
    (HERE / "broken.xml").write_bytes(BROKEN.encode("utf-8"))
    (HERE / "not_a_feed.html").write_bytes(NOT_A_FEED.encode("cp932"))


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(HERE.parents[2]))
    write()
