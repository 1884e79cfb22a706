"""Mail emoji: au's mail table, ISO-2022-JP <-> Shift_JIS, every carrier's emoji through mail."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from emoji_maps import jis
from emoji_maps.mail import au_mail_codes, decode_mail, encode_mail, family, guess
from emoji_maps.mail_tables import DATA_DIR, au_mail_sjis, main, write_mail_codes
from emoji_maps.tables import tables

REPO = DATA_DIR.parents[1]


def test_the_mail_table_is_what_its_generator_writes_from_the_bundled_codes(
        tmp_path: Path) -> None:
    out = write_mail_codes(out=tmp_path / "mail_codes.tsv")
    assert out.read_bytes() == (DATA_DIR / "mail_codes.tsv").read_bytes()


def test_the_mail_table_generator_runs_as_a_module(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "emoji_maps.mail_tables", "--out", str(tmp_path / "m.tsv")],
        capture_output=True, text=True, cwd=REPO, check=False)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "m.tsv").read_bytes() == (DATA_DIR / "mail_codes.tsv").read_bytes()


def test_the_mail_table_generator_refuses_a_code_that_is_no_au_emoji(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "carrier_codes.tsv"
    source.write_text("kddi\tE488\tF89F\tEF60\t44\t1\t太陽\n", encoding="utf-8")
    assert main(["--source", str(source), "--out", str(tmp_path / "out.tsv")]) == 1
    assert "not an au emoji code" in capsys.readouterr().err


def test_the_mail_table_says_where_it_comes_from_and_under_which_licence() -> None:
    header = (DATA_DIR / "mail_codes.tsv").read_text(encoding="utf-8")[:1200]
    assert "google/emoji4unicode" in header and "Apache License 2.0" in header
    assert "Modified:" in header


def test_every_au_emoji_has_a_mail_code_in_jis_rows_75_to_7b() -> None:
    by_jis, by_sjis = au_mail_codes()
    assert len(by_jis) == len(by_sjis) == len(tables().codes["kddi"]) == 647
    assert {code >> 8 for code in by_jis} == set(range(0x75, 0x7C))
    assert {code >> 8 for code in by_sjis} == {0xEB, 0xEC, 0xED, 0xEE}


@pytest.mark.parametrize(("mail_jis", "web_sjis", "canonical"), [
    (0x7541, 0xF660, "\u2600"),      # sun: Encode::JP::Mobile's test pins JIS 7541
    (0x753A, 0xF659, None),           # the first au code in au's table order (F659)
    (0x7834, 0xF7B2, "\u2764"),       # heart
    (0x757A, 0xF69A, "🍷"),
    (0x7921, 0xF340, "🍂"),           # from lead F3: shifted by 0600, not 0B00
])
def test_au_mail_codes_are_the_web_codes_shifted(mail_jis: int, web_sjis: int,
                                                 canonical: str | None) -> None:
    assert au_mail_codes()[0][mail_jis] == web_sjis
    assert jis.jis_to_sjis(mail_jis) == au_mail_sjis(web_sjis)
    if canonical is not None:
        raw = b"\x1b$B" + mail_jis.to_bytes(2, "big") + b"\x1b(B"
        assert decode_mail(raw, "au", "ISO-2022-JP") == canonical


def test_jis_and_shift_jis_arithmetic_are_inverse_over_every_double_byte_code() -> None:
    for row in range(0x21, 0x7F):
        for cell in range(0x21, 0x7F):
            code = row << 8 | cell
            assert jis.sjis_to_jis(jis.jis_to_sjis(code)) == code


def test_every_au_emoji_reads_the_same_from_jis_mail_shift_jis_mail_and_the_web() -> None:
    codes = {c.sjis: c.canonical for c in tables().codes["kddi"].values()}
    by_jis, by_sjis = au_mail_codes()
    for mail_jis, web in by_jis.items():
        raw = b"\x1b$B" + mail_jis.to_bytes(2, "big") + b"\x1b(B"
        assert decode_mail(raw, "au", "iso-2022-jp") == codes[web]
    for mail_sjis, web in by_sjis.items():
        assert decode_mail(mail_sjis.to_bytes(2, "big"), "au", "shift_jis") == codes[web]
        assert decode_mail(web.to_bytes(2, "big"), "au", "shift_jis") == codes[web]


@pytest.mark.parametrize(("carrier", "table"), [("docomo", "docomo"), ("softbank", "softbank"),
                                                ("willcom", "docomo")])
def test_every_docomo_and_softbank_emoji_reads_from_shift_jis_mail(carrier: str,
                                                                   table: str) -> None:
    for code in tables().codes[table].values():
        assert decode_mail(code.sjis.to_bytes(2, "big"), carrier, "Shift_JIS") == code.canonical


def test_every_softbank_emoji_reads_from_utf8_mail() -> None:
    for code in tables().codes["softbank"].values():
        assert decode_mail(chr(code.pua).encode(), "softbank", "utf-8") == code.canonical


@pytest.mark.parametrize(("carrier", "charset"), [
    ("docomo", "shift_jis"), ("au", "iso-2022-jp"), ("au", "shift_jis"),
    ("softbank", "shift_jis"), ("softbank", "utf-8"), ("willcom", "iso-2022-jp"),
])
def test_each_carriers_emoji_survive_its_own_mail_both_ways(carrier: str, charset: str) -> None:
    table = {"au": "kddi", "willcom": "docomo"}.get(carrier, carrier)
    canonical = sorted({c.canonical for c in tables().codes[table].values() if c.web})
    text = "絵文字" + "".join(canonical) + "おわり"
    assert decode_mail(encode_mail(text, carrier, charset), carrier, charset) == text


def test_the_charset_decides_the_decoder_and_its_absence_is_told_from_the_bytes() -> None:
    assert family("ISO-2022-JP") == family("cp50220") == "jis"
    assert family('"Shift_JIS"') == family("Windows-31J") == family("cp932") == "sjis"
    assert family("UTF-8") == "utf8"
    assert family("us-ascii") is None
    assert guess(b"\x1b$B$\"\x1b(B") == "jis"
    assert guess("あ".encode()) == "utf8"
    assert guess("あ".encode("cp932")) == "sjis"
    assert decode_mail("あ☀".encode(), "docomo", None) == "あ☀"
    assert decode_mail(b"\x82\xa0\xf8\x9f", "docomo", "us-ascii") == "あ\u2600"


def test_other_charsets_are_read_with_pythons_codecs() -> None:
    assert decode_mail("日本語".encode("euc-jp"), None, "EUC-JP") == "日本語"
    assert decode_mail("é".encode("latin-1"), None, "iso-8859-1") == "é"


def test_bytes_that_are_no_text_become_geta_and_never_raise() -> None:
    assert decode_mail(b"ok\x82", "docomo", "shift_jis") == "ok〓"
    assert decode_mail(b"a\xeb\x62b", "docomo", "shift_jis") == "a〓b"  # EB62: one bad pair
    assert decode_mail(b"a\xeb\nb", "docomo", "shift_jis") == "a〓\nb"  # a lone lead byte
    assert decode_mail(b"\xff\xfe\xfd" * 100, "au", "shift_jis") == "〓" * 300
    assert decode_mail(b"a\xffb", "softbank", "utf-8") == "a〓b"
    # JIS X 0212 has no Shift_JIS code
    assert decode_mail(b"\x1b$(D\x30\x21\x1b(B", "docomo", "iso-2022-jp") == "〓"


def test_iso_2022_jp_reads_the_cp50220_way() -> None:
    # half-width kana after ESC ( I and between SO and SI, NEC row 13, JIS X 0201 Roman
    raw = b"\x1b(I6L*\x1b(B \x0e6L*\x0f \x1b$B-!-j\x1b(J~\x1b(B"
    assert decode_mail(raw, None, "iso-2022-jp") == "ｶﾌｪ ｶﾌｪ ①㈱~"
    assert decode_mail(b"\x1b$B!A\x1b(B", None, "iso-2022-jp") == "\u301c"  # WAVE DASH


def test_shift_jis_to_iso_2022_jp_writes_escapes_only_where_the_mode_changes() -> None:
    assert jis.from_sjis("aｶﾌｪあい①b".encode("cp932")) == \
        b"a\x1b(I6L*\x1b$B$\"$$-!\x1b(Bb"
    assert jis.from_sjis(b"\xf0\x40") == b"\x1b$B\x22\x2e\x1b(B"
    assert jis.from_sjis(b"\x82\xa0\r\n\x82\xa2") == b"\x1b$B$\"\x1b(B\r\n\x1b$B$$\x1b(B"
    assert jis.to_sjis(jis.from_sjis("テスト①ﾃｽﾄ".encode("cp932"))) == "テスト①ﾃｽﾄ".encode("cp932")
