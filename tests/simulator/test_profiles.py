"""The handset list: every real handset of the facts, the ones testers need, ids, the file."""
from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from simulator.profiles import BUILTIN_FILE, ProfileStore, builtin_profiles
from tests.handsets import HANDSET_FACTS

#: handset the issue names -> (carrier, markup) carriers.detect() must see in its profile
NEEDED = {
    "docomo-N505i": ("docomo", "chtml"), "docomo-P903i": ("docomo", "ixhtml"),
    "docomo-N06A": ("docomo", "ixhtml"), "au-W53CA": ("au", "xhtml_mp"),
    "au-C5001T": ("au", "xhtml_mp"), "softbank-930SH": ("softbank", "xhtml_mp"),
    "softbank-J-SH10": ("softbank", "chtml"), "willcom-WX310SA": ("willcom", "chtml"),
    "smartphone-iPhone": ("smartphone", "html5"), "pc-Firefox": ("pc", "html5"),
}


def test_every_handset_of_the_handset_facts_is_in_the_builtin_list() -> None:
    facts = json.loads((HANDSET_FACTS / "handsets.json").read_text(encoding="utf-8"))
    builtin = {(p.user_agent, tuple(sorted(p.headers.items()))) for p in builtin_profiles()}
    entries: dict[str, set[tuple[str, tuple[tuple[str, str], ...]]]] = {}
    for item in facts:  # the facts name some models twice; one entry each is enough
        headers = tuple(sorted((item.get("gateway_headers") or {}).items()))
        entries.setdefault(item["label"], set()).add((item["user_agent"], headers))
    missing = [label for label, found in entries.items() if not found & builtin]
    assert missing == []


@pytest.mark.parametrize("name", sorted(NEEDED))
def test_the_handsets_testers_need_are_built_in(name: str) -> None:
    profile = next(p for p in builtin_profiles() if p.name == name)
    assert (profile.handset.carrier, profile.handset.markup) == NEEDED[name]
    assert profile.screen[0] >= 96


def test_builtin_names_are_unique_and_keitai_mail_addresses_belong_to_one_handset() -> None:
    profiles = builtin_profiles()
    assert len({p.name for p in profiles}) == len(profiles)
    mails = [p.mail for p in profiles if p.mail]
    assert len(set(mails)) == len(mails)


def test_cookie_keeping_follows_the_carriers_rules() -> None:
    by_name = {p.name: p for p in builtin_profiles()}
    assert not by_name["docomo-N505i"].cookies and not by_name["docomo-P903i"].cookies
    assert by_name["docomo-N06A"].cookies  # i-mode browser 2.0
    assert not by_name["softbank-J-SH10"].cookies and by_name["softbank-930SH"].cookies
    assert by_name["au-W53CA"].cookies


def test_default_terminal_ids_have_each_carriers_shape_and_differ_per_handset() -> None:
    by_name = {p.name: p for p in builtin_profiles()}
    mova, foma = by_name["docomo-N505i"].ids, by_name["docomo-P903i"].ids
    assert re.fullmatch(r"[0-9A-Za-z]{7}", mova["guid"])
    assert re.fullmatch(r"[0-9A-Za-z]{11}", mova["serial"]) and "card_id" not in mova
    assert re.fullmatch(r"[0-9A-Za-z]{15}", foma["serial"])
    assert re.fullmatch(r"[0-9]{20}", foma["card_id"])
    assert re.fullmatch(r"[0-9]{14}_[a-z0-9]{2}\.ezweb\.ne\.jp", by_name["au-W53CA"].ids["subno"])
    assert re.fullmatch(r"[0-9a-z]{16}", by_name["softbank-930SH"].ids["uid"])
    assert mova["guid"] != foma["guid"]
    assert by_name["pc-Firefox"].ids == {}


def test_the_store_starts_as_the_builtin_list_and_keeps_edits_in_its_file(tmp_path: Path) -> None:
    path = tmp_path / "simulator" / "profiles.json"
    store = ProfileStore(path)
    assert [p.name for p in store.all()] == [p.name for p in builtin_profiles()]
    assert not path.exists()

    n505i = store.get("docomo-N505i")
    assert n505i is not None
    store.save(replace(n505i, send_ids=False, mail="taro@docomo.ne.jp"))
    store.save(replace(n505i, name="docomo-N505i-2", label="second N505i"))

    reread = ProfileStore(path)
    assert reread.get("docomo-N505i").send_ids is False  # type: ignore[union-attr]
    assert reread.by_mail("TARO@docomo.ne.jp").name == "docomo-N505i"  # type: ignore[union-attr]
    assert reread.all()[-1].label == "second N505i"
    assert json.loads(BUILTIN_FILE.read_text())[0]["send_ids"] is True
