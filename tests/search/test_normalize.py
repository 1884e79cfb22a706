"""Folding: the forms a phone's input modes give for one word become one string."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keitai.search.analysis import forms
from keitai.search.normalize import fold, fold_map
from keitai.search.query import QUERY_MAX, BadQuery, parse


@pytest.mark.parametrize(("typed", "same_as"), [
    ("ラーメン", "らーめん"),            # katakana = hiragana
    ("ﾗｰﾒﾝ", "ラーメン"),                # half-width kana (older handsets)
    ("ｶﾞｷﾞｸﾞ", "がぎぐ"),                # half-width voiced marks join their kana
    ("ﾊﾟﾋﾟﾌﾟ", "ぱぴぷ"),
    ("ＴＯＫＹＯ２０２６", "tokyo2026"),  # full-width Latin and digits, and case
    ("Tokyo", "tOKYO"),
    ("コンピューター", "コンピュータ"),    # with or without the long-vowel mark
    ("ら〜めん", "ら～めん"),              # WAVE DASH (Shift_JIS 8160) = FULLWIDTH TILDE
    ("10〜20", "10~20"),
    ("10∼20", "10〰20"),
    ("a‐b", "a—b"),                       # the dash family
    ("☀\ufe0f", "☀"),                     # an emoji with and without its variation selector
    ("カ\u3099", "ガ"),                   # a combining voiced mark = the composed kana
    ("か゛", "が"),                         # the spacing voiced mark, as some handsets type it
])
def test_forms_typed_on_phones_fold_to_one_string(typed: str, same_as: str) -> None:
    assert fold(typed) == fold(same_as)


def test_folding_keeps_what_differs() -> None:
    assert fold("猫") != fold("犬")
    assert fold("かき") != fold("がぎ")      # voicing is meaning
    assert fold("ゆき") != fold("ゆぎ")
    assert fold("☀") != fold("☁")


@given(st.text(alphabet=st.sampled_from(
    list("あいうアイウｱｲｳｶﾞﾊﾟﾞﾟーｰ〜～ＡａAa１1 　☀\ufe0f東京ヴカ\u3099゛々")), max_size=30))
def test_fold_map_folds_as_fold_does_and_points_back(text: str) -> None:
    folded, starts, ends = fold_map(text)
    assert folded == fold(text)
    assert len(starts) == len(ends) == len(folded)
    for index, char in enumerate(folded):
        assert fold(text[starts[index]:ends[index]]).count(char) >= 1


@pytest.mark.parametrize(("kana", "written"), [
    ("とうきょう", "東京"), ("らーめん", "拉麺"), ("ねこ", "猫"), ("おおさか", "大阪")])
def test_a_word_in_kana_shares_a_form_with_the_word_in_kanji(kana: str, written: str) -> None:
    assert set(forms(kana).distinct()) & set(forms(written).distinct())


@pytest.mark.parametrize(("one", "other"), [
    ("バイオリン", "ヴァイオリン"), ("コンピューター", "コンピュータ")])
def test_variant_spellings_share_their_normal_form(one: str, other: str) -> None:
    assert set(forms(one).distinct()) & set(forms(other).distinct())


def test_readings_come_from_kanji_words_only() -> None:
    found = forms("☀ taro_1984 猫")
    assert found.reading == "☀ taro_1984 ねこ"   # symbols, Latin and digits are not read out


def test_a_query_is_its_words_each_in_every_form() -> None:
    query = parse("東京　ﾗｰﾒﾝ  ")  # an ideographic space and trailing spaces
    assert [word.typed for word in query.words] == ["東京", "ﾗｰﾒﾝ"]
    assert "とうきょう" in query.words[0].forms
    assert query.words[1].forms[0] == "らめん"


def test_a_repeated_word_is_asked_once() -> None:
    assert len(parse("猫 猫 ネコ").words) == 2


@pytest.mark.parametrize(("raw", "message"), [
    ("", "検索する言葉を入力してください。"),
    ("   　", "検索する言葉を入力してください。"),
    ('" * - ( ) : ^', "検索する言葉を入力してください。"),
    ("あ" * (QUERY_MAX + 1), f"検索する言葉は{QUERY_MAX}文字以内で入力してください。"),
    ("a b c d e f", "検索する言葉は5つまでです。"),
])
def test_queries_that_cannot_be_searched_say_why(raw: str, message: str) -> None:
    with pytest.raises(BadQuery) as refused:
        parse(raw)
    assert refused.value.message == message


@pytest.mark.parametrize("raw", ['"猫"', "猫*", "NEAR(猫 犬)", "猫 OR 犬", "猫 AND", "uni:猫",
                                 "bi : 732b", "猫'); DROP TABLE diaries; --"])
def test_query_syntax_of_the_engines_is_only_text(raw: str) -> None:
    query = parse(raw)
    for word in query.needles:
        for needle in word:
            terms = [needle.unigram] if needle.unigram else needle.bigrams
            assert all(term and all(c in "0123456789abcdefg" for c in term) for term in terms)
