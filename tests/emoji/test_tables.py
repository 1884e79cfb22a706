"""The tables: generated from emoji4unicode, reproducible, licensed, consistent, loaded lazily."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import emoji_maps
from emoji_maps.generate import DATA_DIR, main, write_tables
from emoji_maps.sjis import cp932_pua, sjis_code, sjis_index
from tests.emoji.forms import codes

PACKAGE = DATA_DIR.parent
TABLES = ["emoji.tsv", "carrier_codes.tsv", "ranges.tsv"]


def test_the_generator_reproduces_the_committed_tables_byte_for_byte(
        e4u_source: Path, tmp_path: Path) -> None:
    write_tables(e4u_source, tmp_path / "a")
    write_tables(e4u_source, tmp_path / "b")
    for name in [*TABLES, "COPYING", "NOTICE"]:
        committed = (DATA_DIR / name).read_bytes()
        assert (tmp_path / "a" / name).read_bytes() == committed, name
        assert (tmp_path / "b" / name).read_bytes() == committed, name


def test_the_generator_runs_as_a_module(e4u_source: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "emoji_maps.generate", str(e4u_source), "--out", str(tmp_path)],
        capture_output=True, text=True, cwd=PACKAGE.parent, check=False)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*TABLES, "COPYING", "NOTICE"])


def test_the_generator_refuses_data_that_contradict_each_other(
        e4u_source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "e4u"
    shutil.copytree(e4u_source, source)
    sources = source / "EmojiSources.txt"
    sources.write_text(sources.read_text(encoding="utf-8").replace(
        "0023 20E3;F985;F489;F7B0", "0023 20E3;F986;F489;F7B0"), encoding="utf-8")
    assert main([str(source), "--out", str(tmp_path / "out")]) == 1
    assert "disagrees" in capsys.readouterr().err
    assert not (tmp_path / "out" / "emoji.tsv").exists()


def test_every_table_says_where_it_comes_from_and_under_which_licence() -> None:
    for name in TABLES:
        header = (DATA_DIR / name).read_text(encoding="utf-8")[:800]
        assert "google/emoji4unicode" in header
        assert "Apache License 2.0" in header
        assert "Modified:" in header


def test_the_licence_and_notice_sit_beside_the_tables_and_in_the_package() -> None:
    for name in ("COPYING", "NOTICE"):
        assert (PACKAGE / name).read_bytes() == (DATA_DIR / name).read_bytes()
    assert "Apache License" in (PACKAGE / "COPYING").read_text(encoding="utf-8")
    notice = (PACKAGE / "NOTICE").read_text(encoding="utf-8")
    assert "Unicode is a trademark of Unicode, Inc." in notice
    assert "modified" in notice


def ranges(form: str) -> list[list[str]]:
    """Return the rows of ranges.tsv of one form."""
    rows = [line.split("\t") for line in (DATA_DIR / "ranges.tsv").read_text(encoding="utf-8")
            .splitlines() if not line.startswith("#")]
    return [row for row in rows if row[1] == form]


def test_each_carrier_maps_shift_jis_to_private_use_in_a_few_linear_runs() -> None:
    runs = ranges("sjis")
    assert [r[0] for r in runs].count("docomo") == 1
    assert [r[0] for r in runs].count("kddi") == 6
    assert [r[0] for r in runs].count("softbank") == 6
    for table in ("docomo", "kddi", "softbank"):
        for code in codes(table):
            (run,) = [r for r in runs
                      if r[0] == table and int(r[2], 16) <= code.pua <= int(r[3], 16)]
            offset = code.pua - int(run[2], 16)
            assert code.sjis == sjis_code(sjis_index(int(run[4], 16)) + offset)


def test_au_web_codes_and_softbank_web_codes_follow_their_arithmetic() -> None:
    assert all(c.alt == c.sjis - 0x0700 for c in codes("kddi"))
    for c in codes("softbank"):
        assert c.alt == ord("GEFOPQ"[(c.pua >> 8) - 0xE0]) << 8 | ((c.pua & 0xFF) + 0x20)
    assert [r[4][:2] for r in ranges("webcode")] == [f"{ord(p):02X}" for p in "GEFOPQ"]


def test_cp932_gives_the_expected_private_use_for_every_emoji_in_its_user_area() -> None:
    for table in ("docomo", "kddi", "softbank"):
        for c in codes(table):
            if c.sjis >> 8 <= 0xF9:
                assert c.sjis.to_bytes(2, "big").decode("cp932") == cp932_pua(c.sjis)
    assert all(chr(c.pua) == cp932_pua(c.sjis) for c in codes("docomo"))


def test_the_tables_are_read_on_first_use_and_only_once() -> None:
    script = (
        "import emoji_maps, emoji_maps.tables as t\n"
        "assert t._tables is None\n"
        "emoji_maps.decode(b'\\xf8\\x9f', 'docomo')\n"
        "first = t.tables()\n"
        "emoji_maps.encode('x', 'au')\n"
        "assert t.tables() is first\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=PACKAGE.parent, check=False)
    assert result.returncode == 0, result.stderr
    assert emoji_maps.decode(b"\xf8\x9f", "docomo") == "\u2600"
