"""What ``kb search`` says on stderr about how it read a query: plausible, and short."""

from __future__ import annotations

import json

from conftest import Run


def test_a_word_is_not_corrected_into_another_starting_differently(kb: Run) -> None:
    # "base" was read as "ease": one letter apart, but a typo seldom changes the first.
    result = kb("search", "base", "--json")
    assert result.exit_code == 0
    assert "ease" not in result.stderr


def test_a_plain_typo_is_still_corrected(kb: Run) -> None:
    result = kb("search", "tourisim", "--json")
    assert json.loads(result.stdout)[0]["id"] == "kenya-malaysia-tourism-mou"
    assert "tourism" in result.stderr


def test_the_notes_on_a_long_query_are_short_lines(kb: Run) -> None:
    query = "tourisim " + "kenya " * 500  # pasted text, 3,000 characters
    result = kb("search", query, "--json")
    assert result.exit_code == 0
    assert "'tourisim' as 'tourism'" in result.stderr
    assert all(len(line) < 100 for line in result.stderr.splitlines())
