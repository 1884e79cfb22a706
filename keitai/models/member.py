"""Members: the people who use the site, known to others by their nickname only."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow


class Member(Base):
    """One member: public nickname, private real name and birth date, login credentials."""

    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the name everyone sees; members are anonymous by default, so it need not be unique
    nickname: Mapped[str] = mapped_column(String(40))
    #: kept private: shown to nobody but the member and the operators
    real_name: Mapped[str] = mapped_column(String(80), default="")
    #: kept private; members must be 18 or over when they sign up
    birth_date: Mapped[date | None] = mapped_column(Date)
    #: the address the member logs in with (lower case); a PC address or the mobile one
    email: Mapped[str] = mapped_column(String(254), unique=True)
    #: the handset's own carrier address, verified by a mail to it (lower case)
    mobile_email: Mapped[str | None] = mapped_column(String(254), unique=True)
    #: argon2 hash of the password; the password itself is never stored
    password_hash: Mapped[str] = mapped_column(String(255))
    #: premium membership (keitai.premium): from this time until that one, UTC
    premium_since: Mapped[datetime | None] = mapped_column()
    premium_until: Mapped[datetime | None] = mapped_column()
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: a public figure: many friends allowed (the friend limit does not apply in full)
    is_celebrity: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    terms_accepted_at: Mapped[datetime | None] = mapped_column()
    #: an operator's suspension (keitai.moderation.bans): no login until this time, UTC
    suspended_until: Mapped[datetime | None] = mapped_column()
    #: the operator's words, shown to the member when a login is refused
    suspension_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column()

    def __repr__(self) -> str:
        return f"<Member {self.id} {self.nickname!r}>"

    def suspended(self, now: datetime | None = None) -> bool:
        """Tell whether an operator's suspension holds now."""
        return self.suspended_until is not None and self.suspended_until > (now or utcnow())
