"""Profiles: a member's self-introduction and profile fields, each with its own visibility."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow


class Profile(Base):
    """One member's self-introduction and the marks their social pages keep."""

    __tablename__ = "profiles"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    #: the self-introduction (自己紹介)
    introduction: Mapped[str] = mapped_column(Text, default="")
    #: a keitai.privacy.Visibility value
    introduction_visibility: Mapped[str] = mapped_column(String(20), default="everyone")
    #: who sees the member's friend list: everyone, friends or only_me (Visibility values);
    #: a member without a row has the default (keitai.features.friends.list_privacy)
    friends_visibility: Mapped[str] = mapped_column(String(20), default="everyone",
                                                    server_default="everyone")
    #: footprints after this are new to the member (the home page counts them)
    footprints_seen_at: Mapped[datetime | None] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProfileField(Base):
    """One profile field (趣味, 出身地, ...) a member filled in, with who may see it."""

    __tablename__ = "profile_fields"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    #: a key of keitai.features.profile.fields.FIELDS
    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    #: a keitai.privacy.Visibility value
    visibility: Mapped[str] = mapped_column(String(20), default="everyone")
