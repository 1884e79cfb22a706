"""ISBN-10, ISBN-13 and JAN: typed as printed, checked, stored as 13 digits."""
from __future__ import annotations

from datetime import date

import pytest

from keitai.features.reviews.codes import BadCode, Code, parse
from keitai.features.reviews.released import BadRelease, parse_released, released_text
from tests.reviews.conftest import ISBN10, ISBN13, JAN


@pytest.mark.parametrize("typed", [ISBN13, "978-4-10-101001-4", "ISBN978-4-10-101001-4",
                                   "ISBN 4-10-101001-3", ISBN10, " 978 4 10 101001 4 ",
                                   "９７８－４－１０－１０１００１－４"])
def test_every_way_of_typing_an_isbn_is_stored_as_its_isbn_13(typed) -> None:
    code = parse(typed)
    assert code == Code(ISBN13) and code.is_isbn and code.label == "ISBN"
    assert code.isbn10 == ISBN10


def test_an_isbn_10_ending_in_x_becomes_its_isbn_13() -> None:
    code = parse("4-06-000006-X")
    assert code is not None and code.digits == "9784060000064" and code.isbn10 == "406000006X"
    assert parse("406000006x") == code


def test_a_jan_is_kept_and_a_978_or_979_jan_is_an_isbn() -> None:
    jan = parse(JAN)
    assert jan == Code(JAN) and not jan.is_isbn and jan.label == "JAN" and jan.isbn10 is None
    music = parse("9790230000000")  # a 979 ISBN has no ISBN-10
    assert music is not None and music.is_isbn and music.isbn10 is None


def test_a_blank_field_is_no_identifier() -> None:
    assert parse("") is None and parse(" - ") is None


@pytest.mark.parametrize("typed", ["9784101010015", "4101010014", "4988002123458",
                                   "406000006Y", "12345", "97841010100141", "abcdefghij",
                                   "4101010013X"])
def test_a_wrong_check_digit_or_length_is_refused(typed) -> None:
    with pytest.raises(BadCode) as refused:
        parse(typed)
    assert "ISBN" in refused.value.message


def test_release_dates_keep_the_precision_they_were_given() -> None:
    today = date(2007, 6, 1)
    assert parse_released("", "", "", today) is None
    assert parse_released("2007", "", "", today).text() == "2007年"
    assert parse_released("2007", "3", "", today).text() == "2007年3月"
    assert parse_released("２００７", "３", "２１", today).text() == "2007年3月21日"
    assert released_text(date(2007, 3, 1), "month") == "2007年3月"
    assert released_text(None, None) == ""
    for year, month, day in (("2007", "", "21"), ("2007", "13", ""), ("2007", "2", "30"),
                             ("", "3", ""), ("1700", "", ""), ("2010", "", ""), ("二千", "", "")):
        with pytest.raises(BadRelease):
            parse_released(year, month, day, today)
