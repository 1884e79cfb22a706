"""Polls on every kind of handset: create one (more choice fields on request), vote and
change the vote, results as counts and a text bar, when results show, refusals (closed poll,
a choice of another poll, 1 or 21 choices), double submits, one vote per member by the
database, blocks."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError

from keitai import submit_keys
from keitai.db import db
from keitai.features.communities import polls, service
from keitai.features.communities.access import community_access
from keitai.models.community import Poll, PollChoice, PollVote
from keitai.timefmt import JST
from keitai.uow import unit_of_work
from tests.diary.browsing import access_key, charset_of, check_page, sun_bytes
from tests.handsets import PAGE_PROFILES


def add_poll(app: Flask, community_id: int, author_id: int, question: str = "好きな季節は☀",
             choices: tuple[str, ...] = ("春", "夏", "秋", "冬"), results_open: bool = True,
             days: int = 7) -> int:
    """Create a poll as its author would; return its id."""
    with app.app_context(), unit_of_work():
        return polls.create_poll(
            community_access(community_id, author_id), author_id, question, list(choices),
            datetime.now(UTC) + timedelta(days=days), results_open, submit_keys.new_key())


def choice_ids(app: Flask, poll_id: int) -> dict[str, int]:
    """Return a poll's choices' ids by label."""
    with app.app_context():
        return {label: id_ for id_, label in db.session.execute(
            select(PollChoice.id, PollChoice.label).where(PollChoice.poll_id == poll_id))}


def positions(app: Flask, poll_id: int) -> dict[str, str]:
    """Return what the vote form sends for each choice (its place in the list), by label."""
    with app.app_context():
        return {label: str(position) for position, label in db.session.execute(
            select(PollChoice.position, PollChoice.label).where(PollChoice.poll_id == poll_id))}


def cast(app: Flask, poll_id: int, votes: dict[int, str]) -> None:
    """Vote through the service: member id -> the label voted for."""
    places = positions(app, poll_id)
    with app.app_context(), unit_of_work():
        for member_id, label in votes.items():
            polls.vote(poll_id, member_id, int(places[label]))


def close(app: Flask, poll_id: int) -> None:
    """Let the poll's closing time pass."""
    with app.app_context(), unit_of_work():
        db.session.execute(update(Poll).where(Poll.id == poll_id).values(
            closes_at=datetime.now(UTC) - timedelta(minutes=1)))


def votes_of(app: Flask, poll_id: int) -> dict[int, str]:
    """Return the stored votes: member id -> label."""
    with app.app_context():
        return dict(db.session.execute(
            select(PollVote.member_id, PollChoice.label)
            .join(PollChoice, PollChoice.id == PollVote.choice_id)
            .where(PollVote.poll_id == poll_id)).all())


def _closing(days: int = 10) -> dict[str, str]:
    day = datetime.now(JST) + timedelta(days=days)
    return {"closes_year": str(day.year), "closes_month": str(day.month),
            "closes_day": str(day.day), "closes_hour": "", "closes_minute": ""}


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_member_creates_a_poll_with_more_choice_fields_and_a_sun(
        app, member, browse, community, name: str) -> None:
    me = member("たろう")
    community_id = community(me)
    browser = browse(name, me)
    form = browser.get(f"/communities/{community_id}/polls/new")
    text = check_page(browser, form)
    assert 'name="choice5"' in text and 'name="choice6"' not in text
    assert "選択肢を増やす" in text and 'name="closes_day"' in text
    charset = charset_of(form)
    sun = sun_bytes(name)
    typed = {"question": "好きな天気は".encode(charset) + sun,
             "choice1": "晴れ".encode(charset) + sun, "choice2": "くもり", "choice3": "",
             "choice4": "雨", "choice5": "", **_closing()}
    more = browser.submit(form, {**typed, "more": "選択肢を増やす"})
    text = check_page(browser, more)
    assert 'name="choice10"' in text and 'name="choice11"' not in text
    assert "晴れ".encode(charset) + sun in more.body and 'value="くもり"' in text
    assert "好きな天気は".encode(charset) + sun in more.body
    done = browser.submit(more, {"choice7": "雪"})
    path = browser.location(done)
    assert re.fullmatch(r"/polls/\d+", path)
    page = browser.get(path)
    text = check_page(browser, page)
    assert "好きな天気は".encode(charset) + sun in page.body
    assert text.count('type="radio"') == 4 and "投票する" in text
    assert "結果は投票すると見られます。" in text and access_key(text, "0", "トップ")
    poll_id = int(path.rsplit("/", 1)[1])
    assert list(choice_ids(app, poll_id)) == ["晴れ☀", "くもり", "雨", "雪"]
    with app.app_context():
        poll = db.session.get(Poll, poll_id)
        assert poll is not None and poll.results_open
        closes = (datetime.now(JST) + timedelta(days=10)).replace(
            hour=23, minute=59, second=0, microsecond=0)
        assert poll.closes_at == closes.astimezone(UTC)


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_voter_sees_the_results_as_counts_and_a_bar_and_changes_the_vote(
        app, member, browse, community, name: str) -> None:
    admin, me, *others = (member(n) for n in ("管理", "たろう", "はなこ", "じろう", "さぶろう"))
    poll_id = add_poll(app, community(admin, members=(me, *others)), admin)
    cast(app, poll_id, {others[0]: "夏", others[1]: "夏", others[2]: "冬"})
    browser = browse(name, me)
    page = browser.get(f"/polls/{poll_id}")
    assert "結果は投票すると見られます。" in check_page(browser, page)
    ids = positions(app, poll_id)
    done = browser.submit(page, {"choice": ids["夏"]})
    assert browser.location(done) == f"/polls/{poll_id}"
    page = browser.get(f"/polls/{poll_id}")
    text = check_page(browser, page)
    assert "投票しました。" in text and "途中結果(投票4人)" in text
    assert "2.夏(あなたの投票)<br />\n■■■■■■■■□□ 3票 75%" in text
    assert "4.冬<br />\n■■■□□□□□□□ 1票 25%" in text
    assert "1.春<br />\n□□□□□□□□□□ 0票 0%" in text
    assert f'value="{ids["夏"]}" checked' in text and "投票を変更する" in text
    changed = browser.submit(page, {"choice": ids["春"]}).follow()
    text = check_page(browser, changed)
    assert "投票を変更しました。" in text and "1.春(あなたの投票)<br />\n■■■□□□□□□□ 1票 25%" in text
    assert "2.夏<br />\n■■■■■□□□□□ 2票 50%" in text
    assert votes_of(app, poll_id)[me] == "春" and len(votes_of(app, poll_id)) == 4


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_hidden_results_show_to_every_reader_once_the_poll_closes(
        app, member, browse, community, name: str) -> None:
    admin, me, outsider = member("管理"), member("たろう"), member("外の人")
    poll_id = add_poll(app, community(admin, members=(me,)), admin, results_open=False)
    cast(app, poll_id, {admin: "秋"})
    browser = browse(name, me)
    page = browser.get(f"/polls/{poll_id}")
    assert "結果は締め切り後に表示されます。" in check_page(browser, page)
    browser.submit(page, {"choice": positions(app, poll_id)["秋"]})
    text = check_page(browser, browser.get(f"/polls/{poll_id}"))
    assert "投票しました。結果は締め切り後に表示されます。" in text
    assert "■" not in text and "□" not in text and "%" not in text
    close(app, poll_id)
    for viewer in (browser, browse(name, outsider)):
        text = check_page(viewer, viewer.get(f"/polls/{poll_id}"))
        assert "結果(投票2人)" in text and "3.秋" in text and "2票 100%" in text
        assert "投票は締め切られました。" in text and 'type="radio"' not in text


def test_a_vote_after_closing_is_refused(app, member, browse, community) -> None:
    admin, me = member("管理"), member("たろう")
    poll_id = add_poll(app, community(admin, members=(me,)), admin)
    cast(app, poll_id, {me: "春"})
    browser = browse("docomo-N505i", me)
    page = browser.get(f"/polls/{poll_id}")
    close(app, poll_id)
    refused = browser.submit(page, {"choice": positions(app, poll_id)["冬"]})
    text = check_page(browser, refused)
    assert "投票は締め切られました。" in text and "1.春(あなたの投票)" in text
    assert votes_of(app, poll_id) == {me: "春"}


def test_a_vote_for_no_choice_or_one_the_poll_does_not_have_is_refused(
        app, member, browse, community) -> None:
    admin, me = member("管理"), member("たろう")
    community_id = community(admin, members=(me,))
    poll_id = add_poll(app, community_id, admin)
    other = add_poll(app, community_id, admin, "別の質問", ("はい", "いいえ"))
    browser = browse("au-W53CA", me)
    page = browser.get(f"/polls/{poll_id}")
    assert positions(app, other) == {"はい": "1", "いいえ": "2"}
    for choice in ({"choice": "5"}, {}, {"choice": "x"}):  # 5: no such choice in this poll
        refused = browser.submit(page, choice)
        assert "選択肢を選んでから投票してください。" in check_page(browser, refused)
    assert votes_of(app, poll_id) == {} and votes_of(app, other) == {}


def test_only_members_vote(app, member, browse, community) -> None:
    admin, me, outsider = member("管理"), member("たろう"), member("外の人")
    community_id = community(admin, members=(me,))
    poll_id = add_poll(app, community_id, admin)
    stranger = browse("softbank-930SH", outsider)
    text = check_page(stranger, stranger.get(f"/polls/{poll_id}"))
    assert "コミュニティに参加すると、投票できます。" in text and 'type="radio"' not in text
    assert "1.春" in text
    assert stranger.get(f"/communities/{community_id}/polls/new", status=403).status_int == 403
    browser = browse("softbank-930SH", me)
    page = browser.get(f"/polls/{poll_id}")
    with app.app_context(), unit_of_work():  # taro leaves with the page still open
        service.leave(community_access(community_id, me), me)
    refused = browser.submit(page, {"choice": positions(app, poll_id)["春"]},
                             status=403)
    assert "コミュニティに参加すると、投票できます。" in browser.text(refused)
    assert votes_of(app, poll_id) == {}
    admins_only = community(admin, "管理人だけ", members=(me,), post_policy="admins")
    page = browser.get(f"/communities/{admins_only}/polls/new", status=403)
    assert "管理人と副管理人だけが作成できます" in browser.text(page)


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_poll_with_one_choice_is_refused_and_keeps_what_was_typed(
        app, member, browse, community, name: str) -> None:
    me = member("たろう")
    browser = browse(name, me)
    form = browser.get(f"/communities/{community(me)}/polls/new")
    refused = browser.submit(form, {"question": "どっち", "choice3": "こっち",
                                    "results": "hidden", **_closing()})
    text = check_page(browser, refused)
    assert "選択肢を2つ以上入力してください。" in text
    assert 'value="どっち"' in text and 'value="こっち"' in text
    assert re.search(r'<option value="hidden" selected', text)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Poll)) == 0


def test_choice_fields_grow_to_20_and_21_choices_are_refused(
        app, member, browse, community) -> None:
    me = member("たろう")
    browser = browse("softbank-J-SH51", me)
    page = browser.get(f"/communities/{community(me)}/polls/new")
    for _ in range(3):
        page = browser.submit(page, {"more": "選択肢を増やす"})
    text = check_page(browser, page)
    assert 'name="choice20"' in text and 'name="choice21"' not in text
    assert "選択肢を増やす" not in text
    again = browser.submit(page, {"more": "選択肢を増やす"})
    assert "選択肢は20個までです。" in check_page(browser, again)
    choices = {f"choice{n}": f"案{n}" for n in range(1, 22)}
    refused = browser.submit(page, {"question": "多すぎ", **choices, **_closing()})
    text = check_page(browser, refused)
    assert "選択肢は20個までです(今は21個です)。" in text and 'value="案21"' in text
    done = browser.submit(page, {"question": "ちょうど", **choices, "choice21": "",
                                 **_closing()})
    assert len(choice_ids(app, int(browser.location(done).rsplit("/", 1)[1]))) == 20


@pytest.mark.parametrize(("fields", "message"), [
    ({"question": ""}, "質問を入力してください。"),
    ({"question": "あ" * 101}, "質問は100文字以内で入力してください(今は101文字です)。"),
    ({"choice2": "はい"}, "同じ選択肢「はい」が2つあります。"),
    ({"choice1": "あ" * 51}, "選択肢1は50文字以内で入力してください(今は51文字です)。"),
    ({"closes_month": "2", "closes_day": "30"}, "締め切りの日付が正しくありません("),
    ({"closes_year": str(datetime.now(JST).year - 1)},
     "締め切りは今より後の日時を入力してください。"),
])
def test_poll_form_refusals_name_the_field(app, member, browse, community, fields,
                                           message: str) -> None:
    me = member("たろう")
    browser = browse("docomo-P903i", me)
    form = browser.get(f"/communities/{community(me)}/polls/new")
    values = {"question": "行く?", "choice1": "はい", "choice2": "いいえ", **_closing(),
              **fields}
    assert message in check_page(browser, browser.submit(form, values))


def test_a_double_submit_makes_one_poll_and_a_second_vote_replaces_the_first(
        app, member, browse, community) -> None:
    me = member("たろう")
    browser = browse("docomo-N505i", me)
    form = browser.get(f"/communities/{community(me)}/polls/new")
    values = {"question": "一回だけ", "choice1": "A", "choice2": "B", "choice3": "C",
              **_closing()}
    first, second = browser.submit(form, values), browser.submit(form, values)
    assert browser.location(first) == browser.location(second)
    poll_id = int(browser.location(first).rsplit("/", 1)[1])
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Poll)) == 1
        assert db.session.scalar(select(func.count()).select_from(PollChoice)) == 3
    page = browser.get(f"/polls/{poll_id}")
    ids = positions(app, poll_id)
    browser.submit(page, {"choice": ids["A"]})
    browser.submit(page, {"choice": ids["A"]})
    assert votes_of(app, poll_id) == {me: "A"}


def test_the_database_holds_one_vote_per_member_and_poll(app, member, community) -> None:
    me = member("たろう")
    poll_id = add_poll(app, community(me), me)
    ids = choice_ids(app, poll_id)
    cast(app, poll_id, {me: "春"})
    with app.app_context(), pytest.raises(IntegrityError):
        db.session.execute(insert(PollVote).values(
            poll_id=poll_id, member_id=me, choice_id=ids["夏"], voted_at=datetime.now(UTC)))
        db.session.flush()
    with app.app_context():
        db.session.rollback()
    assert votes_of(app, poll_id) == {me: "春"}


def test_a_block_hides_polls_both_ways(app, member, browse, community, blocks) -> None:
    me, blocked, other = member("たろう"), member("ブロック相手"), member("はなこ")
    community_id = community(other, members=(me, blocked))
    by_blocked = add_poll(app, community_id, blocked, "見えない質問")
    by_me = add_poll(app, community_id, me, "たろうの質問")
    shown = add_poll(app, community_id, other, "見える質問")
    blocks(me, blocked)
    for viewer, hidden in ((me, by_blocked), (blocked, by_me)):
        browser = browse("docomo-P903i", viewer)
        page = browser.get(f"/polls/{hidden}", status=404)
        assert "アンケートが見つからないか" in browser.text(page)
        assert "見える質問" in check_page(browser, browser.get(f"/polls/{shown}"))
    mine = browse("docomo-P903i", me)
    top = check_page(mine, mine.get(f"/communities/{community_id}"))
    assert "見える質問" in top and "見えない質問" not in top


def test_members_only_polls_are_not_shown_to_others(app, member, browse, community) -> None:
    admin, outsider = member("管理"), member("外の人")
    poll_id = add_poll(app, community(admin, topic_visibility="members"), admin, "内輪の質問")
    browser = browse("docomo-P903i", outsider)
    assert browser.get(f"/polls/{poll_id}", status=404).status_int == 404


def test_the_bar_and_percentages_round_half_up_and_show_every_vote() -> None:
    assert polls.bar(0, 0) == "□" * 10
    assert polls.bar(1, 3) == "■■■" + "□" * 7 and polls.bar(2, 3) == "■" * 7 + "□" * 3
    assert polls.bar(1, 200) == "■" + "□" * 9  # one vote shows
    assert polls.bar(5, 5) == "■" * 10
    assert polls._share(1, 8, 100) == 13 and polls._share(1, 3, 100) == 33
