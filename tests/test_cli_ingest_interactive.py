"""``kb ingest -i``: a person accepts, skips, edits or quits, record by record."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from kbtool.ingest import interactive

HERE = Path(__file__).resolve().parent
SECOND_REPORT = HERE / "articles" / "kenya-malaysia-second-report.txt"
ARTICLE = (
    "Chile and Japan sign copper research memorandum\n"
    "Chile and Japan signed a Memorandum of Understanding on Copper Research on Monday.\n"
    "“The Memorandum of Understanding on Copper Research opens a new chapter for both "
    "countries,” the Chilean government said.\n"
    "The two countries also signed an Agreement on Seismic Monitoring.\n"
)
MOU = "chile-japan-copper-research-mou"
AGREEMENT = "chile-japan-seismic-monitoring-agreement"
# The order -i asks in: instruments, then quotations.
QUOTATION = "chilean-government-memorandum-understanding-copper"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "chile.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Answers come from the test's input, as if a person typed them."""
    monkeypatch.setattr(interactive, "stdin_is_terminal", lambda: True)


def _stored(kb: Any, db: Path) -> set[str]:
    if not db.exists():
        return set()
    return {r["id"] for r in kb.json("--db", str(db), "list")} | {
        q["id"] for q in kb.json("--db", str(db), "quotes")
    }


def _editor(tmp_path: Path, body: str) -> dict[str, str]:
    """EDITOR set to a Python script that edits the file it is given."""
    script = tmp_path / "editor.py"
    script.write_text("import sys\npath = sys.argv[1]\n" + body, encoding="utf-8")
    return {"EDITOR": f"{sys.executable} {script}", "VISUAL": ""}


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize(
    ("answers", "kept"),
    [
        ("y\nn\ny\n", {MOU, QUOTATION}),
        ("n\ny\nq\n", {AGREEMENT}),
        ("n\na\n", {AGREEMENT, QUOTATION}),
        ("q\n", set()),
        ("y\n", {MOU}),  # the input ends: as if q
    ],
)
def test_each_answer_keeps_what_it_says(
    kb: Any, tmp_path: Path, article: Path, answers: str, kept: set[str]
) -> None:
    db = tmp_path / "kb.json"
    result = kb("--db", str(db), "ingest", str(article), "-i", input=answers)

    assert result.exit_code == 0, result.stderr
    assert "(1/3) Add this instrument [y,n,e,a,q,?]?" in result.stdout
    assert _stored(kb, db) == kept
    if kept:
        assert kb("--db", str(db), "verify").exit_code == 0


@pytest.mark.usefixtures("terminal")
def test_question_mark_prints_help_and_asks_again(kb: Any, tmp_path: Path, article: Path) -> None:
    result = kb("--db", str(tmp_path / "kb.json"), "ingest", str(article), "-i", input="?\nq\n")

    assert "a - accept this record and all the rest" in result.stdout
    assert result.stdout.count("(1/3)") == 2


@pytest.mark.usefixtures("terminal")
def test_a_skipped_instrument_leaves_its_quotation_unlinked(
    kb: Any, tmp_path: Path, article: Path
) -> None:
    db = tmp_path / "kb.json"
    kb("--db", str(db), "ingest", str(article), "-i", input="n\nn\ny\n")

    (quotation,) = kb.json("--db", str(db), "quotes")
    assert quotation["instrument"] is None


@pytest.mark.usefixtures("terminal")
def test_edit_opens_the_editor_and_keeps_the_edited_record(
    kb: Any, tmp_path: Path, article: Path
) -> None:
    editor = _editor(
        tmp_path,
        "text = open(path, encoding='utf-8').read()\n"
        "assert 'title: Memorandum of Understanding on Copper Research' in text\n"
        "text = text.replace('Copper Research', 'Copper and Lithium Research', 1)\n"
        "open(path, 'w', encoding='utf-8').write(text)\n",
    )
    db = tmp_path / "kb.json"
    result = kb("--db", str(db), "ingest", str(article), "-i", input="e\nn\nn\n", env=editor)

    assert result.exit_code == 0, result.stderr
    (stored,) = kb.json("--db", str(db), "list")
    assert stored["title"] == "Memorandum of Understanding on Copper and Lithium Research"
    assert kb("--db", str(db), "verify").exit_code == 0


@pytest.mark.usefixtures("terminal")
def test_an_invalid_edit_is_explained_and_reopened_with_the_input_kept(
    kb: Any, tmp_path: Path, article: Path
) -> None:
    # First save: a kind that does not exist. Second: the person's text comes back with the
    # error on top; they fix the kind and keep their new title.
    editor = _editor(
        tmp_path,
        "text = open(path, encoding='utf-8').read()\n"
        "if '# error:' not in text:\n"
        "    text = text.replace('kind: memorandum-of-understanding', 'kind: pact')\n"
        "    text = text.replace('Copper Research', 'Copper Studies', 1)\n"
        "else:\n"
        "    assert 'title: Memorandum of Understanding on Copper Studies' in text\n"
        "    text = text.replace('kind: pact', 'kind: memorandum-of-understanding')\n"
        "open(path, 'w', encoding='utf-8').write(text)\n",
    )
    db = tmp_path / "kb.json"
    result = kb("--db", str(db), "ingest", str(article), "-i", input="e\ny\nn\nn\n", env=editor)

    assert result.exit_code == 0, result.stderr
    assert "field `kind`" in result.stdout and "Edit again [y,n]?" in result.stdout
    (stored,) = kb.json("--db", str(db), "list")
    assert stored["title"] == "Memorandum of Understanding on Copper Studies"


@pytest.mark.usefixtures("terminal")
def test_giving_up_on_an_edit_leaves_the_record_as_read(
    kb: Any, tmp_path: Path, article: Path
) -> None:
    editor = _editor(tmp_path, "open(path, 'w').write('kind: pact\\n')\n")
    db = tmp_path / "kb.json"
    kb("--db", str(db), "ingest", str(article), "-i", input="e\nn\ny\nq\n", env=editor)

    (stored,) = kb.json("--db", str(db), "list")
    assert stored["title"] == "Memorandum of Understanding on Copper Research"


@pytest.mark.usefixtures("terminal")
def test_a_matched_record_shows_what_it_would_add(kb: Any, kb_copy: Path) -> None:
    before = kb.json("--db", str(kb_copy), "show", "kenya-malaysia-tourism-mou")
    result = kb("--db", str(kb_copy), "ingest", str(SECOND_REPORT), "-i", input="n\ny\nq\n")

    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "Add this article to kenya-malaysia-tourism-mou [y,n,e,a,q,?]?" in out
    assert "+ claim title: memorandum of understanding on tourism cooperation" in out
    after = kb.json("--db", str(kb_copy), "show", "kenya-malaysia-tourism-mou")
    assert len(after["sources"]) == len(before["sources"]) + 1
    assert len(kb.json("--db", str(kb_copy), "list")) == 4


def test_i_is_refused_when_stdin_is_not_a_terminal(kb: Any, kb_copy: Path) -> None:
    before = kb_copy.read_bytes()
    result = kb("--db", str(kb_copy), "ingest", str(SECOND_REPORT), "-i", input="y\n")

    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "needs a terminal" in result.stderr
    assert kb_copy.read_bytes() == before
