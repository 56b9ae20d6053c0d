"""The report's ranked table, drawn in chunks of rows so that 10,000 rows render quickly.

A browser lays out a table's every row before it can show one, and again after
each sort: 10,000 rows cost seconds. So the rows come in tables of ``CHUNK``,
the first holding the header, the others inside ``.chunk`` boxes that the
browser skips while they are off screen (``content-visibility: auto``). Every
chunk has the same fixed column widths, worked out here from the text, so the
columns line up as one table; the page's script sorts and filters all the rows
as one. Without the script every row is there, in rank order.
"""

from __future__ import annotations

from cityrank.render.report.html import grid
from cityrank.render.report.text import esc
from cityrank.views.report.page import RankedTable

CHUNK = 500
#: A row's height in CSS pixels, for the size of a chunk not yet drawn; once drawn, the
#: browser remembers its real size.
ROW_HEIGHT = 30
#: The widest a text column is made, in ``ch``: longer names wrap.
TEXT_WIDTH = 28


def ranked_table(table: RankedTable) -> tuple[str, str]:
    """The ranked table's HTML, and the stylesheet rules of its column widths and chunks.

    Each row is the target of its city's anchor (``id``), and its city's name links there;
    the page's script turns that into the city's card."""
    view = table.view
    cards = {a for a in table.anchors if a is not None}
    made = grid(view, keys=table.keys, anchors=table.anchors, cards=cards, targets=True)
    shown = [c for c in view.columns if c.people]
    widths = []
    for column, width in zip(shown, made.widths, strict=True):
        # Digits are 1ch each (tabular figures), most letters less; then the cell's padding.
        ch = width + 3
        if column.kind in ("text", "bool"):
            ch = min(max(ch, 8), TEXT_WIDTH)
        widths.append(ch)
    total = sum(widths)
    rules = [f"#Ranking .k{n}{{width:{w}ch}}" for n, w in enumerate(widths)]
    rules.append(f"#Ranking table,#Ranking .chunk{{table-layout:fixed;width:{total}ch}}")
    columns = "<colgroup>" + "".join(f'<col class="k{n}">' for n in range(len(widths)))
    columns += "</colgroup>"
    rows = made.rows
    first = "".join(rows[:CHUNK])
    parts = [f'<table id="Table">{columns}{made.head}<tbody>{first}</tbody></table>']
    for start in range(CHUNK, len(rows), CHUNK):
        stop = min(start + CHUNK, len(rows))
        label = esc(f"Ranking, continued: rows {start + 1:,}–{stop:,}")
        parts.append(
            f'<div class="chunk"><table aria-label="{label}">{columns}'
            f"<tbody>{''.join(rows[start:stop])}</tbody></table></div>"
        )
    if len(rows) > CHUNK:
        last = len(rows) - CHUNK * ((len(rows) - 1) // CHUNK)
        rules.append(f"#Ranking .chunk{{contain-intrinsic-size:auto {CHUNK * ROW_HEIGHT}px}}")
        rules.append(
            f"#Ranking .chunk:last-of-type{{contain-intrinsic-size:auto {last * ROW_HEIGHT}px}}"
        )
    return "".join(parts), "\n".join(rules)
