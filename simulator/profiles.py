"""Simulated handsets: the built-in list, and the tester's editable copy in a JSON file."""
from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import carriers

#: the built-in profiles: the handset facts (tests/data/handsets/) plus our own additions
BUILTIN_FILE = Path(__file__).resolve().parent / "data" / "handsets.json"
#: terminal-id kinds a profile may carry: i-mode ID, docomo user ID, au subscriber number,
#: handset serial and FOMA card ID (SoftBank's X-JPHONE-UID is kept under "uid")
ID_KINDS = ("guid", "uid", "subno", "serial", "card_id")
#: frame size used when neither the profile nor carriers.detect() knows the screen
DEFAULT_SCREEN = (240, 320)


@dataclass(frozen=True)
class Profile:
    """A handset as the simulator plays it: User-Agent, gateway headers, ids, screen, mail."""

    #: short unique name, e.g. "docomo-N505i"
    name: str
    #: what the handset list shows
    label: str
    user_agent: str
    #: headers the handset and its carrier's gateway add to every request
    headers: dict[str, str] = field(default_factory=dict)
    #: browser area in pixels (width, height)
    screen: tuple[int, int] = DEFAULT_SCREEN
    #: whether the handset keeps cookies (a server-side jar per profile when it does)
    cookies: bool = True
    #: terminal ids by kind (see ID_KINDS)
    ids: dict[str, str] = field(default_factory=dict)
    #: False plays a user who switched id sending off
    send_ids: bool = True
    #: False sends the request from outside the carrier's gateway ranges
    via_gateway: bool = True
    #: the handset's mail address; mail to it opens in this handset
    mail: str | None = None
    #: model generation as the handset list names it (mova, FOMA, WAP2.0, 3GC, ...)
    generation: str = ""

    @property
    def handset(self) -> carriers.Handset:
        """Return what carriers.detect() makes of this profile's User-Agent and headers."""
        return carriers.detect(self.user_agent, self.headers)

    @property
    def carrier(self) -> str:
        """Return the carrier whose gateway this handset goes through."""
        return self.handset.carrier

    def to_json(self) -> dict[str, Any]:
        """Return the profile as the JSON file stores it."""
        data = asdict(self)
        data["screen"] = list(self.screen)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Profile:
        """Build a profile from its JSON form, tolerating missing optional keys."""
        screen = data.get("screen") or DEFAULT_SCREEN
        return cls(
            name=str(data["name"]), label=str(data.get("label") or data["name"]),
            user_agent=str(data["user_agent"]),
            headers={str(k): str(v) for k, v in (data.get("headers") or {}).items()},
            screen=(int(screen[0]), int(screen[1])), cookies=bool(data.get("cookies", True)),
            ids={str(k): str(v) for k, v in (data.get("ids") or {}).items() if v},
            send_ids=bool(data.get("send_ids", True)),
            via_gateway=bool(data.get("via_gateway", True)),
            mail=data.get("mail") or None, generation=str(data.get("generation") or ""),
        )


def default_ids(name: str, carrier: str, foma: bool = False) -> dict[str, str]:
    """Return dummy terminal ids of the right shape, different for every profile name."""
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest().upper()
    digits = str(int(digest[:24], 16)).rjust(24, "0")
    if carrier == "docomo":
        ids = {"guid": "S" + digest[:6], "uid": "SIMU" + digest[6:14]}
        if foma:
            return ids | {"serial": "SIM" + digest[14:26], "card_id": "8981" + digits[:16]}
        return ids | {"serial": "SIM" + digest[14:22]}
    if carrier == "au":
        return {"subno": f"0500{digits[:10]}_si.ezweb.ne.jp"}
    if carrier == "softbank":
        return {"uid": "s" + digest[:15].lower(), "serial": "35" + digits[:13]}
    return {}


class ProfileStore:
    """The tester's profiles in a JSON file, seeded from the built-in list on first use."""

    def __init__(self, path: Path, builtin: Path = BUILTIN_FILE) -> None:
        self.path = Path(path)
        self.builtin = builtin
        self._lock = threading.Lock()

    def all(self) -> list[Profile]:
        """Return every profile in list order."""
        return [Profile.from_json(item) for item in self._read()]

    def get(self, name: str) -> Profile | None:
        """Return the profile of that name, or None."""
        return next((p for p in self.all() if p.name == name), None)

    def by_mail(self, address: str) -> Profile | None:
        """Return the profile whose mail address this is (case-insensitive), or None."""
        wanted = address.strip().lower()
        return next((p for p in self.all() if p.mail and p.mail.lower() == wanted), None)

    def save(self, profile: Profile) -> None:
        """Add the profile, or replace the one of the same name."""
        with self._lock:
            items = self._read()
            found = [i for i, item in enumerate(items) if item["name"] == profile.name]
            if found:
                items[found[0]] = profile.to_json()
            else:
                items.append(profile.to_json())
            self._write(items)

    def delete(self, name: str) -> None:
        """Remove a profile."""
        with self._lock:
            self._write([item for item in self._read() if item["name"] != name])

    def _read(self) -> list[dict[str, Any]]:
        source = self.path if self.path.exists() else self.builtin
        items: list[dict[str, Any]] = json.loads(source.read_text(encoding="utf-8"))
        return items

    def _write(self, items: list[dict[str, Any]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        text = json.dumps(items, ensure_ascii=False, indent=1) + "\n"
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, self.path)


def builtin_profiles() -> list[Profile]:
    """Return the built-in profiles."""
    return ProfileStore(BUILTIN_FILE).all()


def with_ids(profile: Profile, **ids: str) -> Profile:
    """Return the profile with some terminal ids replaced."""
    return replace(profile, ids={**profile.ids, **ids})
