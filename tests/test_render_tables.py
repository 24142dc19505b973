"""``kbtool.render.tables.fit`` on any records and any width from 60 to 250 columns."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from kbtool.render.tables import Column, Role, fit, link

# Words of Latin letters, accented letters and wide (two-cell) characters, as titles have.
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéüøß李伟記事", min_size=1, max_size=18)
texts = st.lists(words, min_size=1, max_size=25).map(" ".join)
ids = st.lists(
    st.text(alphabet="abcdefghij0123456789", min_size=1, max_size=9), min_size=1, max_size=5
).map("-".join)
labels = st.sampled_from(["MoU", "LoI", "agreement", "signed", "in-force", "2025-11-24"])
records = st.lists(st.tuples(ids, texts, labels, texts, ids), min_size=0, max_size=6)
COLUMNS = (
    Column("id", Role.ID),
    Column("title", Role.TEXT),
    Column("kind", Role.LABEL),
    Column("parties", Role.TEXT),
    Column("instrument", Role.ID, stacked="about {}"),
)


def _draw(rows: list[tuple[str, ...]], width: int) -> list[str]:
    console = Console(file=io.StringIO(), width=width, force_terminal=True, color_system=None)
    cells = [[Text(value) for value in row] for row in rows]
    console.print(fit("Records", COLUMNS, cells, width))
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined]


@settings(max_examples=60, deadline=None)
@given(records, st.integers(min_value=60, max_value=250))
def test_every_layout_fits_keeps_ids_whole_and_splits_no_word(
    rows: list[tuple[str, ...]], width: int
) -> None:
    lines = _draw(rows, width)
    assert all(cell_len(line) <= width for line in lines)
    for record_id, title, _, parties, instrument in rows:
        for whole in (record_id, instrument):
            assert any(whole in line for line in lines), whole
        tokens = {token for line in lines for token in line.replace("│", " ").split()}
        for word in f"{title} {parties}".split():
            assert word in tokens, word


def test_a_link_is_the_whole_url_behind_text_that_fits() -> None:
    url = "https://www.example.com/news/2025/11/24/a-very-long-address-of-a-report-page"
    shown = link(url, 30)
    assert cell_len(shown.plain) == 30 and shown.plain.endswith("…")
    assert shown.style.link == url  # type: ignore[union-attr]
    assert link("https://example.com/\x1b]8;;x", 40).style == ""  # no link out of a sequence
