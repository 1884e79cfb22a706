"""The writing pages of reviews: find or register the item, write a review, edit it, delete it.

Handsets write reviews too: the form is a choice of stars and a text box. A member who opens
the form for an item they reviewed already is taken to the edit of that review.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from keitai import submit_keys
from keitai.auth import member_required
from keitai.db import db
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.diary.forms import body_fits
from keitai.features.reviews import bp, codes, queries, service
from keitai.features.reviews.categories import CATEGORIES
from keitai.features.reviews.released import parse_released
from keitai.features.reviews.shown import item_shown
from keitai.features.reviews.views import QUERY_MAX, load_item, query_text
from keitai.features.social import me_id, per_page, redirect_with_notice, take_notice
from keitai.models.review import ITEM_NAME_MAX, ITEM_TITLE_MAX, REVIEW_BODY_MAX, Review
from keitai.numbers import parse_number
from keitai.pagination import PAGE_PARAM, page_number

#: the stars a form offers, best first: (value, ★★★★★)
STAR_CHOICES = tuple((n, "★" * n + "☆" * (5 - n)) for n in range(5, 0, -1))
#: room the review form needs besides its text
FORM_ROOM = 2048


@dataclass
class ReviewForm:
    """What the member chose and typed, or the review being edited."""

    stars: str
    #: None when the form had no text field (a review too long to edit on this handset)
    body: str | None
    key: str

    @classmethod
    def from_request(cls) -> ReviewForm:
        """Read the form a POST sent (or a blank form with a fresh key)."""
        form = request.form
        return cls(form.get("stars", ""), form.get("body"),
                   submit_keys.sent_key(form.get(submit_keys.FIELD)))


def _render_form(form: ReviewForm, item_id: int, review: Review | None,
                 message: str | None) -> str:
    item = load_item(item_id)
    body = form.body if form.body is not None else (review.body if review else "")
    return render_template(
        "review_form.html", form=form, body=body, item=item_shown(item), review=review,
        editable=body_fits(body, FORM_ROOM), choices=STAR_CHOICES,
        body_max=REVIEW_BODY_MAX, message=message, notice=take_notice())


def _find(q: str) -> str | Response:
    """The first step of writing: find the item (an identifier leads to it)."""
    code = codes.looks_like_code(q)
    if code is not None:
        item_id = queries.item_with_code(code)
        if item_id is not None:
            return redirect(url_for("reviews.new", item=item_id))
        return render_template("review_search.html", q=q, page=None, code=code, writing=True,
                               query_max=QUERY_MAX)
    page = queries.search(q, page_number(request.args.get(PAGE_PARAM)), per_page()) \
        if q else None
    return render_template("review_search.html", q=q, page=page, code=None, writing=True,
                           query_max=QUERY_MAX)


@bp.route("/reviews/new", methods=["GET", "POST"])
@member_required
def new() -> str | Response:
    """Find the item, then write a review of it (or edit the one written before)."""
    me = me_id()
    item_id = parse_number(request.args.get("item"))
    if item_id is None:
        return _find(query_text())
    load_item(item_id)
    form = ReviewForm.from_request()
    if request.method == "GET":
        written = service.own_review_of(item_id, me)
        if written is not None:
            return redirect_with_notice(url_for("reviews.edit", review_id=written),
                                        service.AlreadyReviewed.default_message)
        return _render_form(form, item_id, None, None)
    try:
        review_id = service.write_review(me, item_id, service.parse_stars(form.stars),
                                         form.body or "", form.key)
    except service.AlreadyReviewed as refused:
        message = refusal(refused)
        earlier = db_review(refused.review_id)
        return _render_form(ReviewForm(form.stars, form.body, submit_keys.new_key()),
                            item_id, earlier, message)
    except DomainError as refused:
        return _render_form(form, item_id, None, refusal(refused))
    return redirect_with_notice(url_for("reviews.show", review_id=review_id),
                                "レビューを書きました。")


def db_review(review_id: int) -> Review:
    """Return a review that exists (the member's own, found a moment ago)."""
    review = db.session.get(Review, review_id)
    if review is None:
        raise service.ReviewNotFound()
    return review


@bp.route("/reviews/items/new", methods=["GET", "POST"])
@member_required
def new_item() -> str | Response:
    """Register an item that is not on the site yet; then write its review."""
    form = request.form if request.method == "POST" else request.args
    values = {name: form.get(name, "") for name in
              ("category", "title", "creator", "maker", "year", "month", "day", "code")}
    key = submit_keys.sent_key(form.get(submit_keys.FIELD))
    message = None
    if request.method == "POST":
        try:
            facts = service.clean_facts(
                values["category"], values["title"], values["creator"], values["maker"],
                parse_released(values["year"], values["month"], values["day"],
                               service.today_in_japan()),
                codes.parse(values["code"]))
            item_id = service.register_item(me_id(), facts, key)
        except service.KnownItem as known:
            return redirect_with_notice(url_for("reviews.new", item=known.item_id),
                                        known.message)
        except DomainError as refused:
            message = refusal(refused)
        else:
            return redirect_with_notice(url_for("reviews.new", item=item_id),
                                        "商品を登録しました。続けてレビューを書いてください。")
    return render_template("review_item_form.html", values=values, key=key, message=message,
                           categories=CATEGORIES, title_max=ITEM_TITLE_MAX,
                           name_max=ITEM_NAME_MAX)


@bp.route("/reviews/<int:review_id>/edit", methods=["GET", "POST"])
@member_required
def edit(review_id: int) -> str | Response:
    """Edit the member's own review (stars and text)."""
    me = me_id()
    review = service.own_review(review_id, me)
    if request.method == "GET":
        return _render_form(ReviewForm(str(review.stars), review.body, submit_keys.new_key()),
                            review.item_id, review, None)
    form = ReviewForm.from_request()
    try:
        service.edit_review(me, review.id, service.parse_stars(form.stars),
                            review.body if form.body is None else form.body)
    except DomainError as refused:
        return _render_form(form, review.item_id, review, refusal(refused))
    return redirect_with_notice(url_for("reviews.show", review_id=review.id),
                                "レビューを保存しました。")


@bp.route("/reviews/<int:review_id>/delete", methods=["GET", "POST"])
@member_required
def delete(review_id: int) -> str | Response:
    """Ask, then delete the member's own review."""
    me = me_id()
    review = service.own_review(review_id, me)
    item = load_item(review.item_id)
    if request.method == "POST":
        service.delete_review(review.id, me)
        return redirect_with_notice(url_for("reviews.item", item_id=item.id),
                                    "レビューを削除しました。")
    return render_template("review_delete.html", review=review, item=item)
