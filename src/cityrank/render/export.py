"""The people view saved as SVG or HTML, drawn as it looks in a colour terminal.

Both are well-formed XML: every text from data is escaped as on a terminal
(``render.printable.literal``), so no control character, noncharacter or lone
surrogate reaches the file, and the HTML page is written as XHTML-compatible
HTML5 (its void elements closed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cityrank.render.printable import literal
from cityrank.views.base import Report

if TYPE_CHECKING:
    from rich.console import Console

#: The width of an export when standard output is not a terminal.
EXPORT_WIDTH = 100

# Rich fills in the braces; the title is put in (escaped, braces doubled) first.
_PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8" />
<title>{title}</title>
<style>
{{stylesheet}}
body {{{{
    color: {{foreground}};
    background-color: {{background}};
}}}}
</style>
</head>
<body>
<pre style="font-family:Menlo,'DejaVu Sans Mono',consolas,'Courier New',monospace">\
<code style="font-family:inherit">{{code}}</code></pre>
</body>
</html>
"""


def svg_text(report: Report, *, width: int | None = None) -> str:
    """The people view as an SVG image, titled with the report's title (or "cityrank").

    ``width`` in columns defaults to the terminal's when standard output is
    one, else ``EXPORT_WIDTH``.
    """
    text, _ = exports(report, svg=True, html=False, width=width)
    assert text is not None
    return text


def html_text(report: Report, *, width: int | None = None) -> str:
    """The people view as an HTML page with inline styles; ``width`` as for ``svg_text``."""
    _, text = exports(report, svg=False, html=True, width=width)
    assert text is not None
    return text


def exports(
    report: Report, *, svg: bool, html: bool, width: int | None = None
) -> tuple[str | None, str | None]:
    """The SVG and HTML text of the people view, each only when asked for, drawn once."""
    import html as markup

    if not svg and not html:
        return None, None
    console = _recorded(report, width)
    title = literal((report.chart.title if report.chart else report.data.title) or "cityrank")
    page = _PAGE.format(title=markup.escape(title).replace("{", "{{").replace("}", "}}"))
    return (
        console.export_svg(title=title, clear=False) if svg else None,
        console.export_html(clear=False, inline_styles=True, code_format=page) if html else None,
    )


def export_width() -> int:
    """The terminal's width when standard output is a terminal, else ``EXPORT_WIDTH``."""
    import shutil
    import sys

    if sys.stdout.isatty():
        return shutil.get_terminal_size((EXPORT_WIDTH, 24)).columns
    return EXPORT_WIDTH


def _recorded(report: Report, width: int | None) -> Console:
    """A console that has recorded the people view in true colour, printing nothing."""
    import io

    from rich.console import Console

    from cityrank.render.people import render_report

    console = Console(
        record=True,
        file=io.StringIO(),
        width=export_width() if width is None else width,
        force_terminal=True,
        color_system="truecolor",
        highlight=False,
        markup=False,
        emoji=False,
    )
    console.print(render_report(report))
    return console
