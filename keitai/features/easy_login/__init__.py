"""Easy login: one tap on a registered handset, only through that carrier's own gateway."""
from __future__ import annotations

from flask import Blueprint

from carriers import easy_login_rules
from carriers.easy_login import RULES

bp = Blueprint("easy_login", __name__)
bp.add_app_template_global(easy_login_rules, "easy_login_rules")
bp.add_app_template_global(RULES.get, "easy_login_rules_for")

from keitai.features.easy_login import views  # noqa: E402,F401
