"""What ``--help`` says matches what kb does."""

from __future__ import annotations

import re

from conftest import Run


def _help(kb: Run, *command: str) -> str:
    result = kb(*command, "--help", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    return re.sub(r"\s+", " ", result.stdout.replace("│", " "))


def test_ingest_help_says_every_input_needs_the_extra(kb: Run) -> None:
    # Country names come from pycountry, which the extra installs: a plain text article
    # needs it as much as a web page.
    text = _help(kb, "ingest")
    assert "HTML needs the extra" not in text
    assert "kb ingest needs the extra, whatever the input: pip install 'kbtool[ingest]'" in text


def test_search_help_shows_a_query_starting_with_a_minus_as_it_works(kb: Run) -> None:
    # kb search -aviation tourism works as it stands (README says so): no -- is needed.
    text = _help(kb, "search")
    assert "Put -- before" not in text
    assert "kb search -aviation tourism" in text
    works = kb("search", "-aviation", "tourism", "--json")
    assert works.exit_code == 0, works.stderr
