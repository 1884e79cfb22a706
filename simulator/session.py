"""The simulator's parts in one place: target site, profiles, state, transport, mailbox."""
from __future__ import annotations

from pathlib import Path

from carriers.mail_domains import mail_reader
from simulator.browser import Browser
from simulator.profiles import Profile, ProfileStore
from simulator.recorder import Recorder
from simulator.state import State
from simulator.transport import HttpTransport, Transport

#: what a new simulator data folder holds
PROFILES_FILE = "profiles.json"
STATE_FILE = "state.sqlite3"
#: where handsets' mail goes when nothing else is said: the mailbox of `keitai demo`
DEFAULT_SMTP_URL = "smtp://127.0.0.1:8025"


class UnknownHandset(LookupError):
    """No profile has that name."""


class Simulator:
    """Browse a target site as any profile, and read the mail its handsets receive."""

    def __init__(self, target: str, data_dir: Path, mailbox_dir: Path,
                 transport: Transport | None = None, smtp_url: str = DEFAULT_SMTP_URL) -> None:
        self.target = target.rstrip("/")
        #: the mailbox's SMTP server: mail the handsets send goes there, as to their carrier
        self.smtp_url = smtp_url
        self.data_dir = Path(data_dir)
        self.mailbox_dir = Path(mailbox_dir)
        self.transport: Transport = transport or HttpTransport()
        self.profiles = ProfileStore(self.data_dir / PROFILES_FILE)
        self.state = State(self.data_dir / STATE_FILE)
        self.recorder = Recorder(self.state)

    def profile(self, name: str) -> Profile:
        """Return the named profile; raise UnknownHandset."""
        found = self.profiles.get(name)
        if found is None:
            raise UnknownHandset(name)
        return found

    def browser(self, name: str) -> Browser:
        """Return a browser playing the named profile."""
        return Browser(self.profile(name), self.transport, self.state, self.target)

    @property
    def current_handset(self) -> str:
        """Return the name of the handset the tester last used (the first profile at first)."""
        name = self.state.setting("handset")
        if name and self.profiles.get(name) is not None:
            return name
        return self.profiles.all()[0].name

    def use_handset(self, name: str) -> None:
        """Remember the handset the tester is using (the HTTP proxy browses as it)."""
        self.state.set_setting("handset", self.profile(name).name)

    def carrier_of(self, address: str) -> str:
        """Return the carrier of a mail address: its profile's, else by the carriers' domains."""
        owner = self.profiles.by_mail(address)
        return owner.carrier if owner is not None else mail_reader(address)

    def owner_of(self, address: str) -> Profile | None:
        """Return the profile that owns a mail address, or None."""
        return self.profiles.by_mail(address)

    def relative(self, url: str) -> str:
        """Return url as a path when it is on the target site, else unchanged."""
        if url.startswith(self.target + "/"):
            return url[len(self.target):]
        return url
