"""What a hostile or broken client sends: values, query strings, bodies and headers.

Strategies draw from small pools of values known to hurt (broken Shift_JIS, lone lead bytes,
control characters, every carrier's emoji bytes, numbers no column holds, digits int()
refuses) mixed with plausible values (real ids, the member's address and password, a
valid CSRF secret), so that fuzzed requests reach the code behind the checks too.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote_from_bytes

from hypothesis import strategies as st

from keitai.features.profile.fields import FIELDS
from tests.accounts.conftest import PASSWORD

#: the fields our forms and links have, and a few they do not
FIELD_NAMES = (
    "csrf_token", "ksid", "guid", "k", "_charset_", "email", "password", "current", "new",
    "confirm", "nickname", "real_name", "birth_year", "birth_month", "birth_day",
    "mobile_email", "agree", "title", "body", "subject", "message", "relation",
    "introduction", "visibility", "knows", "member_id", "to", "re", "next", "t", "url",
    "page", "pp", "sample", "number", "accept", "decline", "show", "hide", "photo",
    *(f"f_{spec.name}" for spec in FIELDS), *(f"v_{spec.name}" for spec in FIELDS),
    "", "x", "csrf_token[]", "ＫＳＩＤ",
)
#: text a member plausibly types or a page plausibly carries
PLAUSIBLE = (
    "", "1", "0", "2", "on", "ON", "たろう", "日記です。今日は晴れ。", "件名", "こんにちは",
    "taro@example.com", "hanako@example.com", "new@example.com", "taro@docomo.ne.jp",
    PASSWORD, "kaeru2008new", "everyone", "friends", "friends_of_friends", "only_me",
    "1985", "4", "1", "/", "/members/1", "/diary/new", "http://example.com/page?a=1&b=2",
    "ｶﾀｶﾅ", "〜", "～", "①", "髙", "纊", "&#9728;", "&#65534;", "☀", "\U0001f600",
    "\U000fe000", "\ufe0f", "a\u200db",
)
#: text that has broken things elsewhere
HOSTILE = (
    "\x00", "a\x01b", "\x1b$Gj\x0f", "\x1b", "\x7f", "\x80", "\x85", "\x9f", "\ufdd0",
    "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff", "\ud800", "a\udfffb", "\r", "\r\n",
    "\t", "\u2028", "\u00b2", "\u2460", "\u0661\u0662", "１２", "-1", "+1", " 1", "1.5",
    "0x1f", "1e9", "2147483647", "2147483648", "9223372036854775808",
    "99999999999999999999", "9" * 5000, "<script>alert(1)</script>", "]]>", "<![CDATA[",
    "&", "&amp;", "&#0;", "&#x1;", '"', "'", "<", "%", "%00", "%zz", "+", "=", "?", "#",
    "//evil.example/", "/\\evil.example", "javascript:alert(1)", "\\", "../../etc/passwd",
    "a" * 51, "あ" * 1001, "あ" * 5001, "x" * 70_000,
)
#: bytes as handsets send them: each carrier's ☀, broken and lone Shift_JIS, bad UTF-8
RAW = (
    b"\xf8\x9f", b"\xf6\x60", b"\x1b$Gj\x0f", "\ue04a".encode(), "\U000fe000".encode(),
    b"\xf0\x40", b"\xfb\x41", b"\x82", b"\x82\x20", b"\x81", b"\xa0", b"\x80", b"\xfd",
    b"\xff\xfe", b"\xed\xa0\x80", b"\xc0\xaf", b"\xe3\x81", b"\xf4\x90\x80\x80", b"\x1b",
    b"\x1b$", b"\x1b(B", b"\x00", b"\x0e", b"\r\n", b"\xef\xbb\xbf",
)
#: values of a _charset_ field: real ones, and Python codecs no browser names
CHARSETS = ("shift_jis", "Shift_JIS", "windows-31j", "utf-8", "euc-jp", "iso-2022-jp",
            "utf-16", "utf-7", "unicode_escape", "rot13", "punycode", "idna", "base64",
            "x-unknown", "")
#: values of path segments that should be numbers
NUMBERS = ("0", "1", "00001", "-1", "2147483647", "2147483648", "9223372036854775808",
           "99999999999999999999", "9" * 400, "\u00b2", "\u2460", "\u0661", "１", "1.0",
           "1e3", " 1", "1 ", "0x1", "+1", "", "%00", "1%0a")
#: what goes where a number is typed: too large for a column or a date, or digits int() refuses
DIGITS = ("2147483648", "9223372036854775808", "99999999999999999999", "9" * 400, "-1", "0",
          "\u00b2", "\u2460", "１２", "", " 1", "1.5", "1e3", "32", "99999")
#: addresses that are almost addresses
ADDRESSES = ("a@b", "@", "taro@", "@example.com", "x" * 300 + "@example.com",
             "taro@example.com\x00", "ｔａｒｏ@example.com", "taro@ｅｘａｍｐｌｅ.com",
             "taro@-example.com", "taro@example..com", "taro@@example.com", "\"a b\"@example.com",
             "taro@example.com\r\nBcc: x@example.com", "taro+1@docomo.ne.jp", "TARO@EXAMPLE.COM",
             " taro@example.com ", "taro@xn--.com", "taro@[127.0.0.1]")
#: User-Agents nobody should trust
USER_AGENTS = (
    "", "-", "\x00", "DoCoMo/2.0 P903i(c100;TB;W24H12)\x01", "DoCoMo/1.0/" + "A" * 3000,
    "DoCoMo/2.0 X(c99999999999999999999999;W99999H99999)", "DoCoMo/2.0 N06A(c0;TB;W0H0)",
    "DoCoMo/2.0 N06A(c-1;TB;W-1H-1)", "DoCoMo/1.0/N505i/c0/TB/W0H0",
    "KDDI-\xff\xfe UP.Browser/6.2", "KDDI-CA39 UP.Browser/6.2.0.13.1.5 (GUI) MMP/2.0\r\nX: 1",
    "UP.Browser/3.01-\x1b", "SoftBank/1.0/" + "9" * 200, "J-PHONE/4.3/V602T/SN\x7f",
    "Vodafone/1.0/V903SH/\u00b2", "Mozilla/5.0 (iPhone; CPU iPhone OS \xb2 like Mac OS X)",
    "Googlebot-Mobile DoCoMo/2.0", "\xe3\x81\x82" * 50,
)
#: gateway and proxy headers with junk in them
HEADER_JUNK = {
    "X-Forwarded-For": ("", "junk", "1.2.3.4, , ::1", "999.999.999.999", "210.153.84.10",
                        "[::1]:80", "127.0.0.1, 210.153.84.10", "0" * 500, "\x00"),
    "X-UP-DEVCAP-MAX-PDU": ("", "0", "1", "-1", "abc", "99999999999999999999", "\u00b2",
                            "1.5"),
    "X-UP-DEVCAP-SCREENPIXELS": ("", "0,0", "-1,-1", "abc", "99999999999,1", "240"),
    "X-JPHONE-DISPLAY": ("", "*", "0*0", "a*b", "99999999999*1", "240*"),
    "X-JPHONE-MSNAME": ("", "\x01", "V903SH" * 100),
    "X-JPHONE-COLOR": ("", "C0", "Cx", "G-1"),
    "X-UP-SUBNO": ("", "\x00", "a" * 1000, "05001234567890_ab.ezweb.ne.jp"),
    "X-DCMGUID": ("", "\x00", "a" * 1000, "AbC1234"),
    "X-JPHONE-UID": ("", "\x00", "a" * 1000, "a1b2c3d4e5f6g7h8"),
    "Cookie": ("", "ksid=", "ksid=" + "x" * 100, "ksid=\xff\xfe", "=;=;;", "ksid=a; ksid=b",
               'ksid="\\x01"', "\x00"),
    "Accept-Language": ("ja;q=\xff", "*" * 300),
}
#: Host headers: ours, and odd ones
HOSTS = ("keitai.test", "KEITAI.TEST", "keitai.test:80", "keitai.test:8000", "evil.example",
         "keitai.test:abc", "[::1]:80", "", "a" * 300, "keitai.test.", "xn--",
         "keitai.test:99999999999")


@dataclass
class Body:
    """A request body and its Content-Type (None: no Content-Type header)."""

    data: bytes = b""
    content_type: str | None = None


@dataclass
class Fields:
    """Form or query fields as bytes, in order."""

    pairs: list[tuple[bytes, bytes]] = field(default_factory=list)

    def urlencoded(self) -> str:
        """Return the fields percent-encoded, as a query string or urlencoded body."""
        return "&".join(f"{quote_from_bytes(k)}={quote_from_bytes(v)}" for k, v in self.pairs)


def encode_for(text: str, charset: str) -> bytes:
    """Encode text as a handset in this charset would send it (references for the rest)."""
    try:
        return text.encode(charset, "xmlcharrefreplace")
    except UnicodeEncodeError:  # lone surrogates: a broken client sends them as UTF-8 would
        return text.encode("utf-8", "surrogatepass")


@st.composite
def text_values(draw: st.DrawFn, extra: tuple[str, ...] = ()) -> str:
    """Draw a text value: mostly plausible (or one of extra), sometimes hostile or random."""
    roll = draw(st.integers(0, 9))
    if roll < 5:
        return draw(st.sampled_from(PLAUSIBLE + extra if extra else PLAUSIBLE))
    if roll < 8:
        return draw(st.sampled_from(HOSTILE))
    return draw(st.text(max_size=12))


def raw_bytes() -> st.SearchStrategy[bytes]:
    """Draw bytes no handset should send: broken Shift_JIS or UTF-8, or random bytes."""
    return st.sampled_from(RAW) | st.binary(max_size=12)


@st.composite
def fields(draw: st.DrawFn, charset: str, extra: tuple[str, ...] = ()) -> Fields:
    """Draw a list of fields: our names or any, plausible and hostile text in the charset,
    now and then one value of raw bytes, a _charset_ field, or more fields than any form."""
    names = st.sampled_from(FIELD_NAMES) | st.text(max_size=6)
    pairs = draw(st.lists(st.tuples(st.builds(encode_for, names, st.just(charset)),
                                    st.builds(encode_for, text_values(extra),
                                              st.just(charset))), max_size=6))
    if pairs and draw(st.integers(0, 7)) == 0:
        index = draw(st.integers(0, len(pairs) - 1))
        pairs[index] = (pairs[index][0], draw(raw_bytes()))
    if draw(st.integers(0, 19)) == 0:
        pairs.append((b"_charset_", draw(st.sampled_from(CHARSETS)).encode()))
    if draw(st.integers(0, 39)) == 0:  # more fields than any page has
        pairs += [(b"f", b"1")] * draw(st.sampled_from((999, 1000, 1001, 5000)))
    return Fields(pairs)


#: a value each field of our forms accepts, so that one hostile field meets valid others
VALID = {
    "email": "newbie@example.net", "password": PASSWORD, "current": PASSWORD,
    "new": "kaeru2008new", "confirm": "kaeru2008new", "nickname": "じろう",
    "real_name": "山田次郎", "birth_year": "1985", "birth_month": "4", "birth_day": "1",
    "mobile_email": "newbie@docomo.ne.jp", "agree": "1", "title": "晴れ", "body": "散歩しました",
    "subject": "こんにちは", "message": "よろしく", "relation": "友だち",
    "introduction": "よろしく", "visibility": "friends", "knows": "yes",
    **{f"f_{spec.name}": "東京" for spec in FIELDS},
    **{f"v_{spec.name}": "friends" for spec in FIELDS},
}


def _mutations(value: str) -> tuple[str, ...]:
    """Return hostile values of the kind a field holds: numbers for a number, and so on."""
    if value.isdigit():
        return DIGITS
    if "@" in value:
        return ADDRESSES
    return HOSTILE


@st.composite
def filled(draw: st.DrawFn, form: tuple[tuple[str, str], ...], charset: str,
           extra: tuple[str, ...] = ()) -> Fields:
    """Fill in a form of ours: valid values with one hostile among them, or any mix of the
    page's values, plausible and hostile ones (a number where a year goes, and so on)."""
    valid = [(name, VALID.get(name, value)) for name, value in form]
    if valid and draw(st.integers(0, 2)):
        index = draw(st.integers(0, len(valid) - 1))
        name, value = valid[index]
        valid[index] = (name, draw(st.sampled_from(_mutations(value))))
    else:
        valid = [(name, value if draw(st.integers(0, 2)) == 0 else draw(text_values(extra)))
                 for name, value in valid]
    pairs = [(encode_for(name, charset), encode_for(value, charset)) for name, value in valid]
    if draw(st.integers(0, 5)) == 0:
        pairs += draw(fields(charset, extra)).pairs
    return Fields(pairs)


def multipart(pairs: list[tuple[bytes, bytes]], boundary: bytes) -> bytes:
    """Return a multipart/form-data body of the fields (names and values as given)."""
    lines: list[bytes] = []
    for name, value in pairs:
        lines += [b"--" + boundary, b'Content-Disposition: form-data; name="' + name + b'"',
                  b"", value]
    return b"\r\n".join([*lines, b"--" + boundary + b"--", b""])


@st.composite
def body(draw: st.DrawFn, form: Fields) -> Body:
    """Draw how the form travels: urlencoded, multipart, raw junk, huge, or nothing."""
    kind = draw(st.sampled_from(("urlencoded",) * 12 + ("multipart",) * 3
                                + ("raw", "huge", "none", "other-type")))
    urlencoded = "application/x-www-form-urlencoded"
    if kind == "urlencoded":
        return Body(form.urlencoded().encode("ascii"),
                    draw(st.sampled_from((urlencoded, urlencoded + "; charset=Shift_JIS",
                                          "APPLICATION/X-WWW-FORM-URLENCODED"))))
    if kind == "multipart":
        if draw(st.integers(0, 3)):
            return Body(multipart(form.pairs, b"b0undary"),
                        "multipart/form-data; boundary=b0undary")
        boundary = draw(st.sampled_from((b"x" * 80, b"\xff", b"")))
        content_type = "multipart/form-data; boundary=" + boundary.decode("latin-1")
        return Body(multipart(form.pairs, boundary),
                    draw(st.sampled_from((content_type, "multipart/form-data"))))
    if kind == "raw":
        return Body(draw(raw_bytes()) + form.urlencoded()
                    .encode("ascii"), urlencoded)
    if kind == "huge":
        size = draw(st.sampled_from((64 * 1024, 64 * 1024 + 1, 600 * 1024)))
        return Body(b"body=" + b"a" * size, draw(st.sampled_from((urlencoded, None))))
    if kind == "other-type":
        return Body(form.urlencoded().encode("ascii"),
                    draw(st.sampled_from(("text/plain", "application/json", "", "x/y; a=\xff"))))
    return Body()


@st.composite
def raw_query(draw: st.DrawFn, form: Fields) -> str:
    """Draw a query string: encoded fields, or broken syntax and bytes no client should send."""
    kind = draw(st.integers(0, 19))
    if kind < 18:
        return form.urlencoded()
    if kind == 18:
        return draw(st.sampled_from(("%", "%zz", "a=%", "=&=&", ";;;", "&" * 1001, "a" * 9000,
                                     "page=1&page=2", "ksid", "guid=ON&guid=OFF")))
    return draw(st.text(st.characters(max_codepoint=0xFF), max_size=20))  # raw latin-1 bytes
