"""A file that is not UTF-8 gets an encoding to try only when that encoding reads it as text
of one script; --encoding takes only encodings that decode bytes to valid text.

The files are made here, each from city names in one language encoded as its
users' legacy software writes them.
"""

from __future__ import annotations

import importlib
import random
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

from cityrank import load
from cityrank.errors import DataError, UsageError
from cityrank.io.decode import decode
from cityrank.model import LoadOptions
from conftest import Run

Write = Callable[[str, str | bytes], Path]

CITIES: dict[str, list[str]] = {
    "cp1251": "Москва Санкт-Петербург Новосибирск Екатеринбург Казань Самара Омск Уфа "
    "Красноярск Воронеж Пермь Волгоград Київ Харків Одеса Львів Софія Пловдив".split(),
    "shift_jis": "東京 大阪 横浜 名古屋 札幌 神戸 京都 福岡 川崎 さいたま 広島 仙台 千葉 "
    "北九州 堺 浜松 新潟 熊本 相模原 岡山 静岡 船橋 鹿児島 姫路 つくば いわき".split(),
    "euc_kr": "서울 부산 인천 대구 대전 광주 울산 수원 창원 고양 용인 성남 청주 부천 화성 "
    "남양주 전주 천안 안산 안양 김해 평택 포항 제주 시흥 파주 의정부 김포 광명 구미".split(),
    "big5": "臺北 新北 桃園 臺中 臺南 高雄 基隆 新竹 嘉義 苗栗 彰化 南投 雲林 屏東 宜蘭 "
    "花蓮 臺東 澎湖 金門 香港 澳門 九龍 沙田 元朗".split(),
    "gb18030": "北京 上海 广州 深圳 天津 重庆 成都 杭州 武汉 南京 西安 苏州 郑州 长沙 青岛 "
    "沈阳 宁波 东莞 无锡 济南 大连 哈尔滨 福州 厦门 合肥 昆明 南宁 贵阳 石家庄 太原".split(),
    "cp1252": "Zürich Genève São-Paulo Málaga Besançon Münster Köln Düsseldorf Göteborg "
    "Malmö Århus Tromsø Bogotá Córdoba Reykjavík Nîmes Orléans Béziers Brasília".split(),
    "cp1253": "Αθήνα Θεσσαλονίκη Πάτρα Ηράκλειο Λάρισα Βόλος Ιωάννινα Χανιά Τρίκαλα "
    "Καλαμάτα Ρόδος Σέρρες Καβάλα Κομοτηνή Λευκωσία Λεμεσός".split(),
    "cp1255": "ירושלים תל-אביב חיפה ראשון-לציון פתח-תקווה אשדוד נתניה באר-שבע חולון".split(),
    "cp1256": "القاهرة الإسكندرية دبي الرياض جدة بغداد دمشق عمان بيروت تونس طهران".split(),
    # Not Częstochowa, Győr, Plzeň: ę ő ň read as cp1252 are Latin letters too (ê õ ò), a
    # limit cityrank.io.guess states; ł ż ą read as cp1252 are symbols (³ ¿ ¹), which tell.
    "cp1250": "Łódź Gdańsk Kraków Wrocław Poznań Białystok Brno Ostrava Košice Žilina "
    "Pécs Debrecen Ljubljana Zagreb".split(),
}
ASCII = ["Paris", "London", "Berlin", "Lima"]


def scores(names: list[str]) -> str:
    return "city,score\n" + "".join(f"{name},{70 + i}\n" for i, name in enumerate(names))


def advice(data: bytes) -> str:
    """The message that reading ``data`` as UTF-8 gives."""
    with pytest.raises(DataError) as raised:
        decode(data, "x.csv")
    return str(raised.value)


# Each file: its text, its encoding, and what a user is told to try (None: the encoding is
# called unknown, and the readings offered include the right one).
FILES = [
    ("russian", CITIES["cp1251"][:4], "cp1251", "cp1251"),
    ("japanese", CITIES["shift_jis"][:6], "shift_jis", "shift_jis"),
    ("japanese kanji only", ["東京", "大阪", "横浜"], "shift_jis", "shift_jis"),
    ("korean", CITIES["euc_kr"][:6], "euc_kr", "euc_kr"),
    ("traditional chinese", CITIES["big5"][:4], "big5", "big5"),
    ("simplified chinese", CITIES["gb18030"][:6], "gb18030", "gb18030"),
    ("western european", CITIES["cp1252"][:6], "cp1252", "cp1252"),
    ("western european in latin-1", ["Zürich", "Genève", "Köln"], "latin-1", "cp1252"),
    ("greek", CITIES["cp1253"][:4], "cp1253", "cp1253"),
    ("hebrew", CITIES["cp1255"][:4], "cp1255", "cp1255"),
    ("arabic", CITIES["cp1256"][:4], "cp1256", "cp1256"),
    ("polish", ["Łódź", "Wrocław", "Białystok"], "cp1250", "cp1250"),
    ("turkish", ["İstanbul", "Şanlıurfa", "Eskişehir"], "cp1254", None),  # or Icelandic?
    ("japanese in euc-jp, kanji only", ["東京", "大阪", "横浜"], "euc_jp", None),  # or Chinese?
    ("one korean name", ["서울"], "euc_kr", None),  # two syllables: Chinese reads as well
]


@pytest.mark.parametrize(
    ("names", "codec", "suggested"), [f[1:] for f in FILES], ids=[f[0] for f in FILES]
)
def test_a_suggested_encoding_reads_the_file_right(
    cityrank: Run,
    write: Write,
    names: list[str],
    codec: str,
    suggested: str | None,
) -> None:
    text = scores([*names, "Lima"])
    path = write("scores.csv", text.encode(codec))
    done = cityrank("list", str(path), "-f", "csv")
    assert done.exit_code == 1
    assert done.stdout == ""
    message = done.stderr.strip()
    assert "\n" not in message
    assert message.startswith(f"cityrank: error: {path}:2: byte 0x")
    tried = re.findall(r"try --encoding (\S+)", message)
    if suggested is None:
        assert "unknown encoding" in message and not tried, message
        assert f" in {codec} (" in message, message  # the right one is among those offered
        return
    assert tried == [suggested], message
    again = cityrank("list", str(path), "-f", "csv", "--encoding", suggested)
    assert again.exit_code == 0, again.stderr
    assert {row.split(",")[2] for row in again.stdout.splitlines()[1:]} == {*names, "Lima"}


def test_mojibake_is_never_suggested() -> None:
    """Random files of names of one language, some ASCII names among them: whatever is
    suggested decodes the file to its own text."""
    rng = random.Random(13)
    suggested = 0
    for _ in range(300):
        codec = rng.choice(list(CITIES))
        some = rng.sample(CITIES[codec], rng.randint(1, min(10, len(CITIES[codec]))))
        names = some + rng.sample(ASCII, rng.randint(0, 2))
        text = scores(names)
        message = advice(text.encode(codec))
        tried = re.findall(r"try --encoding (\S+)", message)
        if tried:
            suggested += 1
            assert text.encode(codec).decode(tried[0]) == text, (codec, names, message)
        else:
            assert "unknown encoding" in message, message
    assert suggested > 200  # most files get an encoding to try


def test_the_readings_offered_when_unsure_show_each_one_s_words() -> None:
    message = advice(scores(["İstanbul", "Şişli"]).encode("cp1254"))
    assert 'Latin in cp1252 ("Ýstanbul")' in message
    assert 'Latin in cp1254 ("İstanbul")' in message


def test_bytes_that_fit_no_encoding_are_an_unknown_encoding() -> None:
    message = advice(b"city,score\n\xff\xfe\x81\x8d\x8f\x90\x9d,1\n")
    assert message == (
        "x.csv:2: byte 0xff is not valid utf-8 — unknown encoding: give the file's encoding "
        "with --encoding NAME, or save it as UTF-8"
    )


def test_utf8_cut_short_is_not_given_another_encoding() -> None:
    data = "city,score\nZürich,1\nGenève,2\nMünchen".encode()[:-5] + b"\xc3"
    message = advice(data)
    assert "ends in the middle of a utf-8 character" in message
    assert "copied whole" in message and "--encoding" not in message


def test_utf8_read_with_a_wrong_encoding_is_told_to_leave_it_out(
    cityrank: Run, write: Write
) -> None:
    path = write("scores.csv", "city,score\nParis,1\nLima,2\n")
    done = cityrank("list", str(path), "--encoding", "utf-32")
    assert done.exit_code == 1
    assert done.stderr.strip().endswith("it reads as UTF-8: leave out --encoding")


# -- charset-normalizer: optional, asked only when cityrank is unsure --------------------------


def _normalizer(answer: str, asked: list[bytes]) -> SimpleNamespace:
    """A stand-in for charset-normalizer whose best guess is ``answer``."""

    def from_bytes(data: bytes) -> SimpleNamespace:
        asked.append(data)
        return SimpleNamespace(best=lambda: SimpleNamespace(encoding=answer))

    return SimpleNamespace(from_bytes=from_bytes)


def test_charset_normalizer_breaks_a_tie_it_is_sure_of(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[bytes] = []
    monkeypatch.setitem(sys.modules, "charset_normalizer", _normalizer("euc_kr", asked))
    message = advice(scores(["서울"]).encode("euc_kr"))
    assert asked  # it was asked: Korean of two syllables reads as Chinese too
    assert message.endswith("it reads as Korean text in euc_kr: try --encoding euc_kr")


def test_charset_normalizer_cannot_suggest_mojibake(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[bytes] = []
    monkeypatch.setitem(sys.modules, "charset_normalizer", _normalizer("cp1252", asked))
    message = advice(scores(["서울"]).encode("euc_kr"))
    assert asked
    assert "unknown encoding" in message and "try --encoding" not in message


def test_without_charset_normalizer_the_readings_are_offered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "charset_normalizer", None)  # import raises ImportError
    message = advice(scores(["서울"]).encode("euc_kr"))
    assert 'Korean in euc_kr ("서울")' in message and "unknown encoding" in message


def test_charset_normalizer_is_not_imported_when_cityrank_is_sure(
    cityrank: Run, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    imported: list[str] = []
    real = importlib.import_module

    def counted(name: str, package: str | None = None) -> ModuleType:
        imported.append(name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", counted)
    good = write("good.csv", scores(CITIES["cp1251"][:3]).encode("cp1251"))
    assert cityrank("list", str(good), "--encoding", "cp1251").exit_code == 0
    assert cityrank("list", str(good)).exit_code == 1  # a sure suggestion: cp1251
    assert "charset_normalizer" not in imported


# -- --encoding takes text encodings only -------------------------------------------------------


@pytest.mark.parametrize(
    "encoding",
    ["utf-7", "unicode_escape", "raw_unicode_escape", "punycode", "idna", "undefined"],
)
@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_encodings_that_give_invalid_text_are_usage_errors(
    cityrank: Run, write: Write, encoding: str, fmt: str
) -> None:
    path = write("scores.csv", "city,score\nA+2AA-b,1\nParis,2\n")  # utf-7: a lone surrogate
    done = cityrank("list", str(path), "--encoding", encoding, "-f", fmt)
    assert done.exit_code == 2
    assert done.stdout == ""
    assert done.stderr == (
        f'cityrank: error: encoding "{encoding}" is not for files (it decodes to invalid text, '
        "or fails on ordinary bytes) — give one such as utf-8, utf-16, cp1252, latin-1 or "
        "gb18030\n"
    )


@pytest.mark.parametrize(
    ("encoding", "said"),
    [
        ("nope", 'unknown encoding "nope" — give a text encoding such as utf-8, utf-16'),
        ("", 'unknown encoding "" — give a text encoding such as utf-8'),
        ("base64", 'encoding "base64" is not a text encoding — give one such as utf-8'),
        ("rot13", 'encoding "rot13" is not a text encoding'),
    ],
)
def test_unknown_and_binary_codecs_are_usage_errors_before_reading(
    encoding: str, said: str
) -> None:
    done = subprocess.run(  # its own process, with a time limit: /dev/zero is never read
        [sys.executable, "-m", "cityrank", "list", "/dev/zero", "--encoding", encoding],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"cityrank: error: {said}")
    assert done.stderr.count("\n") == 1


def test_the_library_refuses_them_too(write: Write) -> None:
    path = write("scores.csv", "city,score\nParis,1\n")
    with pytest.raises(UsageError, match="utf-7"):
        load([path], LoadOptions(encoding="utf-7"))


@pytest.mark.parametrize("encoding", ["utf-8", "UTF8", "utf-16", "cp1252", "latin-1", "gbk"])
def test_text_encodings_are_taken(cityrank: Run, write: Write, encoding: str) -> None:
    path = write("scores.csv", "city,score\nParis,1\nLima,2\n".encode(encoding))
    done = cityrank("list", str(path), "--encoding", encoding, "-f", "csv")
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines()[1].split(",")[2] == "Lima"
