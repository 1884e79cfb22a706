"""Mail addresses as members type them, including the odd ones old handsets allowed."""
from __future__ import annotations

import re

import carriers
from keitai.domain import DomainError

MAX_LENGTH = 254
# docomo and au let users pick local parts such as "taro..yamada." that RFC 5322 forbids;
# mail to them works, so any printable ASCII without spaces, quotes or brackets is taken.
_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]{1,64}")
_DOMAIN = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")


def normalize_email(raw: str) -> str:
    """Return the address as stored: trimmed and in lower case."""
    return raw.strip().lower()


def check_email(raw: str) -> str:
    """Return the normalized address, or raise DomainError when it is not one."""
    address = normalize_email(raw)
    local, at, domain = address.rpartition("@")
    if (not at or len(address) > MAX_LENGTH or not _LOCAL.fullmatch(local)
            or not _DOMAIN.fullmatch(domain)):
        raise DomainError("メールアドレスを正しく入力してください。")
    return address


def check_mobile_email(raw: str) -> str:
    """Return the normalized address, or raise DomainError unless it is a handset's."""
    address = check_email(raw)
    if carriers.mail_carrier(address) is None:
        raise DomainError("携帯電話のメールアドレス(docomo・au・SoftBank・WILLCOMなど)"
                          "を入力してください。パソコンやフリーメールのアドレスは使えません。")
    return address


def is_mobile_email(address: str) -> bool:
    """Return True for an address on a carrier's mail domain."""
    return carriers.mail_carrier(address) is not None
