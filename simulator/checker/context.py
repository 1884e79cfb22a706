"""What the checker knows while it crawls as one handset: the site, the secrets the handset
holds (its terminal ids, its session), the images it has loaded, and the rules' notes."""
from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

import carriers
from simulator.profiles import Profile

if TYPE_CHECKING:
    from PIL.Image import Image

#: query parameters that carry a session by name (ours is ksid; the rest are common elsewhere)
SESSION_PARAMETERS = frozenset({
    "ksid", "sid", "sessid", "sessionid", "session_id", "session", "phpsessid", "jsessionid",
    "cfid", "cftoken", "aspsessionid", "s", "sess", "sk", "_sid",
})
#: shortest value treated as a secret (shorter values match too much by chance)
SECRET_MIN_CHARS = 8
#: shortest terminal id kept: docomo's i-mode ID is 7 alphanumerics
TERMINAL_ID_MIN_CHARS = 7
#: a value a session is carried by: random-looking, with a digit or long (not a search word)
_TOKEN = re.compile(r"[A-Za-z0-9_\-.~+/=%]{8,}")
#: a token without a digit is taken for a token only from this length on
_TOKEN_LETTERS_ONLY = 16
#: session tokens in the path (;jsessionid=...)
_PATH_PARAMETER = re.compile(r";([A-Za-z_]+)=([^;/?#]+)")
#: largest image the checker downloads
IMAGE_MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class ImageInfo:
    """A picture as the handset would load it."""

    url: str
    status: int
    bytes: int
    content_type: str
    #: "gif", "jpeg", "png", "bmp", "webp", ... from the bytes; "" when unreadable
    format: str = ""
    width: int = 0
    height: int = 0
    progressive: bool = False
    frames: int = 1
    #: GIF loop count (0 = forever), None when the image does not loop
    loops: int | None = None
    #: an animation's shortest frame delay in ms (0 where a frame has none), None when still
    delay_ms: int | None = None
    #: why the picture could not be read, "" when it could
    error: str = ""


@dataclass
class HandsetContext:
    """One handset's crawl: its site, secrets and loaded images."""

    profile: Profile
    #: the URL the crawl started at
    start: str
    #: only URLs under the start URL's path are crawled (--same-prefix)
    same_prefix: bool = False
    #: fetch(url) -> (status, headers, body) as the handset; set by the crawler
    fetch: Callable[[str], tuple[int, list[tuple[str, str]], bytes]] | None = None
    #: secret value -> what it is ("session token (ksid)", "i-mode ID (X-DCMGUID)")
    secrets: dict[str, str] = field(default_factory=dict)
    #: rule id -> anything the rule keeps between pages
    notes: dict[str, Any] = field(default_factory=dict)
    _images: dict[str, ImageInfo] = field(default_factory=dict)

    @cached_property
    def handset(self) -> carriers.Handset:
        """Return what the site makes of this handset."""
        return self.profile.handset

    @cached_property
    def host(self) -> str:
        """Return the checked site's host:port."""
        return urlsplit(self.start).netloc.lower()

    @cached_property
    def prefix(self) -> str:
        """Return the path the crawl keeps under with --same-prefix."""
        path = urlsplit(self.start).path or "/"
        return path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"

    def same_site(self, url: str) -> bool:
        """Tell whether url is on the checked site (scheme http(s), same host and port)."""
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and parts.netloc.lower() == self.host

    def in_scope(self, url: str) -> bool:
        """Tell whether the crawl may follow url."""
        if not self.same_site(url):
            return False
        return not self.same_prefix or (urlsplit(url).path or "/").startswith(self.prefix)

    def add_secret(self, value: str | None, what: str) -> None:
        """Remember a value that must never reach another site."""
        shortest = SECRET_MIN_CHARS if self.is_session(what) else TERMINAL_ID_MIN_CHARS
        if value and len(value) >= shortest:
            self.secrets.setdefault(value, what)

    def learn_session(self, url: str, cookies: Sequence[tuple[str, str]] = ()) -> None:
        """Remember the session tokens a URL on the site carries, and the cookies it set."""
        if self.same_site(url):
            parts = urlsplit(url)
            self.learn_parameters(parse_qsl(parts.query, keep_blank_values=True))
            self.learn_parameters(_PATH_PARAMETER.findall(parts.path))
        for name, value in cookies:
            if looks_like_token(value):
                self.add_secret(value, f"session cookie ({name})")

    def learn_parameters(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Remember the session tokens among parameters the site sends itself (a query, the
        hidden fields of its own forms)."""
        for name, value in pairs:
            if name.lower() in SESSION_PARAMETERS and looks_like_token(value):
                self.add_secret(value, f"session token ({name})")

    @staticmethod
    def is_session(what: str) -> bool:
        """Tell whether a secret (as secrets names it) is a session, not a terminal id."""
        return what.startswith("session")

    def secrets_in(self, text: str) -> list[str]:
        """Return what each secret found in text is."""
        return [what for value, what in self.secrets.items() if value in text]

    def image(self, url: str) -> ImageInfo:
        """Return a picture as the handset loads it, fetched once per crawl."""
        found = self._images.get(url)
        if found is None:
            found = self._images[url] = self._load_image(url)
        return found

    def image_response(self, url: str, status: int, content_type: str,
                       body: bytes) -> ImageInfo:
        """Return the picture a crawled response is (read once, shared with image(url))."""
        found = self._images.get(url)
        if found is None:
            found = self._images[url] = picture_of(url, status, content_type, body)
        return found

    def _load_image(self, url: str) -> ImageInfo:
        if self.fetch is None or not self.same_site(url):
            return ImageInfo(url, 0, 0, "", error="not on the checked site")
        try:
            status, headers, body = self.fetch(url)
        except OSError as error:
            return ImageInfo(url, 0, 0, "", error=str(error))
        content_type = next((v for k, v in headers if k.lower() == "content-type"), "")
        return picture_of(url, status, content_type, body)


def picture_of(url: str, status: int, content_type: str, body: bytes) -> ImageInfo:
    """Return what a response meant as a picture is: an error for HTTP 400 and above."""
    if status >= 400:
        return ImageInfo(url, status, len(body), content_type, error=f"HTTP {status}")
    return read_image(url, status, content_type, body[:IMAGE_MAX_BYTES])


def looks_like_token(value: str) -> bool:
    """Tell whether a value looks like a session token rather than a word."""
    if not _TOKEN.fullmatch(value):
        return False
    return any(c.isdigit() for c in value) or len(value) >= _TOKEN_LETTERS_ONLY


def read_image(url: str, status: int, content_type: str, body: bytes) -> ImageInfo:
    """Return what a picture's bytes are: format, size, progressive, frames, loops, delay."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(body)) as picture:
            frames = int(getattr(picture, "n_frames", 1))
            loop = picture.info.get("loop")
            return ImageInfo(
                url, status, len(body), content_type, format=(picture.format or "").lower(),
                width=picture.width, height=picture.height,
                progressive=bool(picture.info.get("progressive")
                                 or picture.info.get("progression")),
                frames=frames, loops=int(loop) if loop is not None and frames > 1 else None,
                delay_ms=_shortest_delay(picture, frames) if frames > 1 else None)
    except (UnidentifiedImageError, OSError, ValueError, EOFError) as error:
        return ImageInfo(url, status, len(body), content_type, error=str(error) or "unreadable")


def _shortest_delay(picture: Image, frames: int) -> int:
    delays = []
    for frame in range(frames):
        picture.seek(frame)
        delays.append(int(picture.info.get("duration") or 0))
    return min(delays)
