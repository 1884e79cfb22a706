"""/settings/notices: which notices a member gets by mail; and the link in each notice mail
that turns its kind off without logging in (GET shows what, only POST does it)."""
from __future__ import annotations

from flask import current_app, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from keitai import tokens
from keitai.auth import logged_in_member, member_required
from keitai.db import db
from keitai.features.notices import bp
from keitai.features.social import take_notice
from keitai.models.member import Member
from keitai.notices import KINDS, prefs, unsubscribe
from keitai.notices.kinds import BY_NAME

TITLE = "お知らせメール"


@bp.route("/settings/notices", methods=["GET", "POST"])
@member_required
def settings() -> str | Response:
    """Show, and save, the kinds of notice the member gets by mail."""
    me = logged_in_member()
    if request.method == "POST":
        prefs.keep_on(me.id, [kind for kind in request.form.getlist("on") if kind in KINDS])
        g.session.set("notice", "お知らせメールの設定を保存しました。")
        return redirect(url_for("notices.settings"))
    config = current_app.config
    return render_template("notice_settings.html", kinds=[BY_NAME[kind] for kind in KINDS],
                           off=prefs.kinds_off(me.id), address=me.mobile_email or me.email,
                           minutes=f"{float(config['NOTICE_BATCH_MINUTES']):g}",
                           cap=config["NOTICE_DAILY_CAP"], notice=take_notice())


def _unknown() -> str:
    return render_template("notice.html", title=TITLE, message=tokens.UNKNOWN)


@bp.route("/settings/notices/off", methods=["GET", "POST"])
def off() -> str:
    """Ask, then turn off one kind of notice for the member a mail's link names."""
    posted = request.method == "POST"
    sent = (request.form if posted else request.args).get("t", "")
    found = unsubscribe.read(sent, KINDS)
    if found is None or db.session.get(Member, found[0]) is None:
        return _unknown()
    member_id, kind = found
    label = BY_NAME[kind].label
    if not posted:
        return render_template("notice_off.html", label=label, token=sent)
    prefs.turn_off(member_id, kind)
    return render_template("notice.html", title=TITLE, message=(
        f"「{label}」のお知らせメールを止めました。"
        "ログインして「設定」の「お知らせメール」から、また受け取ることもできます。"))
