"""Each command's words, read by ``cli/quick.py`` before typer is imported.

Made from the commands by ``python -m cityrank.cli.write_grammar``;
tests/test_completion_quick.py fails when it is out of step with them. An
option's entry is its parameter's name, what it takes (``on``/``off``: a flag
and what it sets; a kind of value from the data, ``file`` or ``other``) and
whether it may be repeated; an argument's is its name, how many words it
takes (-1: any) and what they are.
"""

GROUP = ["--help", "--install-completion", "--show-completion", "--version", "-h"]
SHARED = {
    "--data": ("data", "file", True),
    "-d": ("data", "file", True),
    "--city-col": ("city_col", "columns", False),
    "--score-col": ("score_col", "columns", False),
    "--year-col": ("year_col", "columns", False),
    "--delimiter": ("delimiter", "other", False),
    "--encoding": ("encoding", "other", False),
    "--no-header": ("no_header", "on", False),
    "-H": ("no_header", "on", False),
    "--sheet": ("sheet", "other", False),
    "--decimal-comma": ("decimal_comma", "on", False),
    "--decimal-point": ("decimal_comma", "off", False),
    "--label": ("label", "other", True),
    "--where": ("where", "where_columns", True),
    "--by": ("by", "columns", False),
    "--key": ("key", "other", False),
    "--na": ("na", "other", True),
    "--on-duplicate": ("on_duplicate", "other", False),
    "--strict": ("strict", "on", False),
    "--spec": ("spec", "other", False),
    "--weights": ("weights", "other", False),
    "--missing": ("missing", "other", False),
    "--lower": ("lower", "columns", True),
    "--ties": ("ties", "other", False),
    "--lower-is-better": ("lower_is_better", "on", False),
    "--year": ("year", "editions", False),
    "--format": ("format", "other", False),
    "-f": ("format", "other", False),
    "--output": ("output", "other", False),
    "-o": ("output", "other", False),
    "--svg": ("svg", "other", False),
    "--html": ("html", "other", False),
    "--decimals": ("decimals", "other", False),
    "--columns": ("columns", "other", False),
    "--excel-safe": ("excel_safe", "on", False),
    "--quiet": ("quiet", "on", False),
    "-q": ("quiet", "on", False),
    "--verbose": ("verbose", "on", False),
    "-v": ("verbose", "on", False),
    "--help": ("help", "on", False),
    "-h": ("help", "on", False),
}
COMMANDS = {
    "list": (
        {
            "--top": ("top", "other", False),
            "--all-columns": ("all_columns", "on", False),
            "--compare-to": ("compare_to", "editions", False),
        },
        [("files", -1, "file")],
    ),
    "compare": ({}, [("cities", -1, "cities")]),
    "show": ({}, [("city", 1, "cities")]),
    "validate": ({}, [("files", -1, "file")]),
    "history": ({}, [("cities", -1, "cities")]),
    "movers": (
        {
            "--from": ("from_year", "editions", False),
            "--to": ("to_year", "editions", False),
            "--top": ("top", "other", False),
            "--within": ("within", "other", False),
            "--common-only": ("common_only", "on", False),
        },
        [("files", -1, "file")],
    ),
    "chart": (
        {
            "--top": ("top", "other", False),
            "--from-min": ("from_min", "on", False),
            "--history": ("history_of", "cities", True),
        },
        [("files", -1, "file")],
    ),
    "stats": ({}, [("files", -1, "file")]),
    "robustness": (
        {
            "--samples": ("samples", "other", False),
            "--seed": ("seed", "other", False),
            "--weight-noise": ("weight_noise", "other", False),
            "--vary-method": ("vary_method", "on", False),
            "--top-k": ("top_k", "other", False),
        },
        [("files", -1, "file")],
    ),
    "report": (
        {
            "--top": ("top", "other", False),
            "--all-columns": ("all_columns", "on", False),
            "--compare-to": ("compare_to", "editions", False),
            "--max-rows": ("max_rows", "other", False),
            "--robustness": ("robustness", "on", False),
            "--samples": ("samples", "other", False),
            "--seed": ("seed", "other", False),
        },
        [("files", -1, "file")],
    ),
}
