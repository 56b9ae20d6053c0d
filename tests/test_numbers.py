"""Unit tests of cityrank.numbers: parsing scores as people write them, writing them back."""

from __future__ import annotations

import pytest

from cityrank.numbers import decimals_of, difference, format_number, json_number, parse_number


@pytest.mark.parametrize(
    ("text", "value", "decimals"),
    [
        (" +1,234.5 ", 1234.5, 1),
        ("95%", 95.0, 0),
        ("95 %", 95.0, 0),
        ("1e3", 1000.0, 0),
        ("1E3", 1000.0, 0),
        ("1.5e-2", 0.015, 3),
        ("99.82", 99.82, 2),
        ("91.20", 91.2, 2),
        ("88", 88.0, 0),
        ("-3", -3.0, 0),
        (".5", 0.5, 1),
        ("5.", 5.0, 0),
        ("-1,234,567", -1234567.0, 0),
        ("\t12.5\n", 12.5, 1),
    ],
)
def test_parse_number_accepts(text: str, value: float, decimals: int) -> None:
    assert parse_number(text) == (value, decimals)


@pytest.mark.parametrize(
    "text",
    [
        "nan",
        "NaN",
        "inf",
        "-inf",
        "+Infinity",
        "1e400",
        "1_000",
        "abc",
        "",
        "   ",
        "%",
        "1,23",
        "1,2345",
        "12,5",
        "1.2.3",
        "0x10",
        "١٢",  # Arabic-Indic digits: float() takes them, a score file should not
        "12abc",
    ],
)
def test_parse_number_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


def test_parse_number_reasons() -> None:
    with pytest.raises(ValueError, match="not a finite number"):
        parse_number("nan")
    with pytest.raises(ValueError, match="too large"):
        parse_number("1e400")
    with pytest.raises(ValueError, match="not a number"):
        parse_number("abc")


def test_parse_number_rejects_an_absurd_exponent_with_value_error() -> None:
    # float() reads this as 0.0; working out its decimals must not raise
    # decimal.InvalidOperation past the loader (which only catches ValueError).
    try:
        value, _ = parse_number("1e-99999999999999999999")
    except ValueError:
        return
    assert value == 0.0


def test_difference_has_no_float_noise() -> None:
    assert 99.82 - 91.2 != 8.62  # the noise the contract is about
    assert format_number(difference(99.82, 2, 91.2, 1)) == "8.62"
    assert format_number(difference(91.2, 1, 88.0, 0)) == "3.2"
    assert format_number(difference(88.0, 0, 99.82, 2)) == "-11.82"
    assert format_number(difference(0.3, 1, 0.1, 1)) == "0.2"


@pytest.mark.parametrize(
    ("x", "text"),
    [
        (88.0, "88"),
        (88, "88"),
        (8.62, "8.62"),
        (0.0, "0"),
        (-0.0, "0"),
        (-1.5, "-1.5"),
        (1e-7, "0.0000001"),
        (1e20, "100000000000000000000"),
        (1.5e16, "15000000000000000"),
        (123456789.12, "123456789.12"),
    ],
)
def test_format_number(x: float, text: str) -> None:
    assert format_number(x) == text


@pytest.mark.parametrize(
    ("text", "decimals"),
    [("1.50", 2), ("1e-3", 3), ("12", 0), ("12.", 0), (".25", 2), ("1.5e2", 0), ("2.50e-1", 3)],
)
def test_decimals_of(text: str, decimals: int) -> None:
    assert decimals_of(text) == decimals


def test_json_number() -> None:
    assert json_number(88.0) == 88 and isinstance(json_number(88.0), int)
    assert json_number(8.62) == 8.62
    assert json_number(7) == 7


def test_scores_beyond_1e100_are_refused_so_arithmetic_cannot_overflow() -> None:
    assert parse_number("1e100") == (1e100, 0)
    with pytest.raises(ValueError, match="too large"):
        parse_number("1e308")
