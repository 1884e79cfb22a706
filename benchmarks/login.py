"""Login cost: a member's wrong password against a stranger's address, through the whole app.

Both must cost the same, or the time of an answer tells who is a member. The figures are the
median of many logins of each kind, interleaved so that both see the same machine load, with
the production argon2 cost (KEITAI_ARGON2_TIME_COST and _MEMORY_KIB, 3 and 64 MiB).
"""
from __future__ import annotations

import os
import statistics
import tempfile
import time
from urllib.parse import urlencode

os.environ.setdefault("KEITAI_SECRET_KEY", "benchmark")

from flask import Flask  # noqa: E402

from keitai import create_app, migrations  # noqa: E402
from keitai.db import db  # noqa: E402
from keitai.members import create_member  # noqa: E402
from keitai.passwords import hash_password  # noqa: E402

ROUNDS = 40
PC = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def build_app(url: str) -> Flask:
    """Return the app on a new database holding one member."""
    migrations.upgrade(url)
    app = create_app({"DATABASE_URL": url, "LOGIN_ACCOUNT_LIMIT": 10**6,
                      "LOGIN_ADDRESS_LIMIT": 10**6})
    with app.app_context():
        create_member(email="taro@example.com", nickname="たろう",
                      password_hash=hash_password("kaeru2007"))
        db.session.commit()
    return app


def one_login(app: Flask, email: str, round_number: int) -> float:
    """Post one wrong login from a fresh client; return the seconds it took."""
    client = app.test_client()
    environ = {"HTTP_USER_AGENT": PC, "REMOTE_ADDR": f"198.51.100.{round_number % 250 + 1}"}
    page = client.get("/login", environ_base=environ).get_data(as_text=True)
    csrf = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    body = urlencode({"csrf_token": csrf, "email": email, "password": "wrong-guess"})
    start = time.perf_counter()
    answer = client.post("/login", data=body, environ_base=environ,
                         content_type="application/x-www-form-urlencoded")
    elapsed = time.perf_counter() - start
    assert answer.status_code == 200, answer.status
    return elapsed


def main() -> None:
    """Print the median time of each kind of failed login and their difference."""
    with tempfile.TemporaryDirectory() as folder:
        app = build_app(f"sqlite:///{folder}/login.sqlite3")
        one_login(app, "warm-up@example.com", 0)  # the stranger's hash is made once
        member, stranger = [], []
        for n in range(ROUNDS):
            member.append(one_login(app, "taro@example.com", n))
            stranger.append(one_login(app, f"nobody{n}@example.com", n))
        with app.app_context():
            db.dispose()
    m, s = statistics.median(member), statistics.median(stranger)
    print(f"failed login, argon2 time_cost={app.config['ARGON2_TIME_COST']} "
          f"memory={app.config['ARGON2_MEMORY_KIB']} KiB, median of {ROUNDS} each")
    print(f"  member, wrong password   {m * 1000:7.1f} ms")
    print(f"  stranger's address       {s * 1000:7.1f} ms")
    print(f"  difference               {(s - m) / m * 100:+7.1f} % (budget: within 10 %)")


if __name__ == "__main__":
    main()
