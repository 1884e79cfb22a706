"""The demo's operator: `keitai demo` opens the console to 127.0.0.1 and makes one operator,
whose second factor is a code mailed to the demo's mailbox."""
from __future__ import annotations

#: the demo operator's login address (the password is the demo's: keitai.seed.network)
DEMO_OPERATOR = "operator@keitai.example"


def ensure_demo_operator() -> None:
    """Add the demo's operator when the database has none (idempotent)."""
    from keitai import create_app
    from keitai.db import db
    from keitai.features.admin import factors
    from keitai.members import create_member, find_by_address
    from keitai.passwords import hash_password
    from keitai.seed.network import PASSWORD
    from keitai.uow import unit_of_work

    app = create_app()
    with app.app_context():
        try:
            with unit_of_work():
                member = find_by_address(DEMO_OPERATOR)
                if member is None:
                    member = create_member(email=DEMO_OPERATOR, nickname="運営事務局",
                                           password_hash=hash_password(PASSWORD))
                factors.make_operator(member)
        finally:
            db.session.remove()
            db.dispose()
