"""The sign-up form: what a new member tells us, checked before anything is stored."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from flask import current_app

from keitai.domain import DomainError
from keitai.passwords import check_new_password, hash_password

#: Japan Standard Time: birthdays turn over at midnight in Japan (no daylight saving)
JST = timezone(timedelta(hours=9), "JST")
NICKNAME_MAX = 20
REAL_NAME_MAX = 40


@dataclass(frozen=True, slots=True)
class SignUpForm:
    """The fields of the sign-up form, as typed."""

    nickname: str = ""
    real_name: str = ""
    birth_year: str = ""
    birth_month: str = ""
    birth_day: str = ""
    password: str = ""
    mobile_email: str = ""
    agreed: bool = False


def age_on(birth: date, today: date) -> int:
    """Return someone's age in whole years on a day."""
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def check_birth_date(form: SignUpForm) -> date:
    """Return the birth date, or raise DomainError when it is no date or under the age."""
    today = datetime.now(JST).date()
    try:
        birth = date(int(form.birth_year), int(form.birth_month), int(form.birth_day))
    except (ValueError, OverflowError):  # OverflowError: a year no calendar holds
        raise DomainError("生年月日を正しく入力してください(例: 1985年4月1日)。") from None
    if birth.year < 1900 or birth > today:
        raise DomainError("生年月日を正しく入力してください(例: 1985年4月1日)。")
    minimum = current_app.config["MINIMUM_AGE"]
    if age_on(birth, today) < minimum:
        raise DomainError(f"{minimum}歳未満の方は登録できません。")
    return birth


def _name(value: str, label: str, longest: int) -> str:
    value = " ".join(value.split())
    if not value:
        raise DomainError(f"{label}を入力してください。")
    if len(value) > longest or not value.isprintable():
        raise DomainError(f"{label}は{longest}文字以内で入力してください。")
    return value


def check_profile(form: SignUpForm) -> dict[str, Any]:
    """Return what the new member will be made of (password hashed), or raise DomainError."""
    nickname = _name(form.nickname, "ニックネーム", NICKNAME_MAX)
    real_name = _name(form.real_name, "本名", REAL_NAME_MAX)
    birth = check_birth_date(form)
    check_new_password(form.password)
    if not form.agreed:
        raise DomainError("利用規約を読んで、同意するにチェックしてください。")
    return {"nickname": nickname, "real_name": real_name, "birth_date": birth.isoformat(),
            "password_hash": hash_password(form.password),
            "terms_accepted_at": datetime.now(UTC).isoformat()}
