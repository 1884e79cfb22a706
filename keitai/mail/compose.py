"""Write a mail the way its reader's handset or PC reads it."""
from __future__ import annotations

import re
import unicodedata
from email.header import Header
from email.mime.text import MIMEText
from email.utils import formatdate, make_msgid

import emoji_maps
from keitai.addresses import is_mobile_email

#: what a handset shows for a character ISO-2022-JP cannot carry
GETA = "〓"
_HALFWIDTH_KANA = re.compile("[\uff61-\uff9f]+")
_KEYCAP = re.compile("[0-9#*]\ufe0f?\u20e3")
#: the site's own emoji (Google's private use), which no standard font shows
_GOOGLE_PUA = re.compile("[\U000fe000-\U000fefff]")
#: joiners and selectors that mean nothing once emoji are written as words
_INVISIBLE = dict.fromkeys(map(ord, "\ufe0e\ufe0f\u200d"))
#: characters Windows and handsets type that ISO-2022-JP writes as their JIS counterparts
_TO_JIS = str.maketrans({"\uff5e": "\u301c", "\uff0d": "\u2212", "\u2225": "\u2016"})


#: what a mail reader would turn into a link: digits (phone numbers) and URL or address signs
_LINKABLE = re.compile(r"[0-9:/.@%#?=&~+\-]")


def quote_member_text(text: str) -> str:
    """Return text a member wrote, quoted for a mail from the site so it cannot pose as it.

    It stays on one line between 「」, and digits and the signs of URLs and addresses become
    full-width, so no mail reader makes a link or a phone number of "運営 http://ev.il/".
    """
    line = " ".join(str(text).split())
    return "「" + _LINKABLE.sub(lambda m: chr(ord(m.group()) + 0xFEE0), line) + "」"


def _jis_safe(char: str) -> bool:
    try:
        char.encode("iso2022_jp")
    except UnicodeEncodeError:
        return False
    return True


def emoji_text(emoji: str) -> str:
    """Return an emoji as words a mail can carry: [晴れ], emoji4unicode's fallback, or 〓."""
    name = emoji_maps.japanese_name(emoji)
    if name:
        return f"[{name}]"
    fallback = emoji_maps.encode(emoji, "pc", "shift_jis").decode("cp932")
    return fallback if fallback.strip("?") and _jis_safe(fallback) else GETA


def handset_text(text: str) -> str:
    """Return text ISO-2022-JP can carry: emoji as words, half-width kana widened, rest 〓."""
    text = _HALFWIDTH_KANA.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = text.translate(_TO_JIS)
    if _jis_safe(text):
        return text
    text = _KEYCAP.sub(lambda m: emoji_text(m.group()), text).translate(_INVISIBLE)
    return "".join(char if _jis_safe(char) else emoji_text(char) for char in text)


def pc_text(text: str) -> str:
    """Return text for a UTF-8 mail: standard emoji stay, the site's own become words."""
    text = _GOOGLE_PUA.sub(lambda m: emoji_text(m.group()), text)
    return emoji_maps.encode(text, "pc", "utf-8").decode("utf-8")


def compose(to: str, subject: str, body: str, sender: str) -> MIMEText:
    """Build the message: ISO-2022-JP with a MIME-encoded subject for handsets, else UTF-8."""
    charset = "iso-2022-jp" if is_mobile_email(to) else "utf-8"
    convert = handset_text if charset == "iso-2022-jp" else pc_text
    lines = convert(body).replace("\r\n", "\n").split("\n")
    message = MIMEText("\n".join(line.rstrip() for line in lines), "plain", charset)
    message["Subject"] = Header(convert(subject), charset, header_name="Subject").encode()
    message["From"] = sender
    message["To"] = to
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "localhost")
    return message
