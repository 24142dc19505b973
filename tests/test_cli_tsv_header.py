"""``-f tsv --header``: a first line naming the columns, for cut, awk and spreadsheets."""

from __future__ import annotations

import pytest

from conftest import Run

TOURISM_MOU = "kenya-malaysia-tourism-mou"


@pytest.mark.parametrize(
    ("argv", "columns"),
    [
        (["list", "-f", "tsv", "--header"], "id\ttitle\tkind\tparties\tstatus"),
        (["list", "--header", "--fields", "id,signed_on"], "id\tsigned_on"),
        (["quotes", "--format=tsv", "--header"], "id\tspeaker\ttext\tinstrument"),
        (["search", "tourism", "-f", "tsv", "--header"], "type\tid\tscore\tfield\tsnippet"),
        (["show", TOURISM_MOU, "-f", "tsv", "--header"], "field\tvalue"),
    ],
)
def test_the_first_line_names_the_columns(kb: Run, argv: list[str], columns: str) -> None:
    with_header = kb(*argv)
    assert with_header.exit_code == 0, with_header.stderr
    first, *rest = with_header.stdout.splitlines()
    assert first == columns
    without = kb(*[a for a in argv if a != "--header"])
    assert rest == without.stdout.splitlines()


def test_header_with_another_format_is_a_usage_error(kb: Run) -> None:
    result = kb("list", "--json", "--header")
    assert result.exit_code == 2
    assert "--header" in result.stderr and "tsv" in result.stderr
