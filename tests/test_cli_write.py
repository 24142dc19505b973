"""kb add, edit, remove, init, undo: the knowledge base grows, and mistakes can be undone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run
from kbtool.store.location import shipped_db_path, user_db_path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "ghana-india.json"


def add_trade_agreement(kb: Run, db: Path, *extra: str) -> str:
    result = kb(
        "--db", str(db), "add", "instrument", "--title", "Agreement on Trade",
        "--kind", "agreement", "--party", "Ghana", "--party", "India", "--sector", "trade",
        "--status", "signed", *extra,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return str(result.stdout.strip())


def add_quote_about_it(kb: Run, db: Path) -> None:
    result = kb("--db", str(db), "add", "quote", "--text", "t", "--speaker", "S",
                "--instrument", "agreement-on-trade")  # fmt: skip
    assert result.exit_code == 0, result.stderr


def stored(db: Path, table: str) -> list[dict[str, object]]:
    return list(json.loads(db.read_text(encoding="utf-8")).get(table, {}).values())


def test_first_write_to_a_new_file_creates_it_and_says_so(kb: Run, db: Path) -> None:
    record_id = add_trade_agreement(kb, db)
    assert record_id == "agreement-on-trade"
    [instrument] = stored(db, "instruments")
    assert instrument["parties"] == ["Ghana", "India"]
    assert instrument["status"] == "signed"


def test_notice_of_a_new_file_goes_to_stderr(kb: Run, db: Path) -> None:
    result = kb("--db", str(db), "add", "source", "--description", "Joint statement")
    assert f"created {db}" in result.stderr
    assert result.stdout.strip() == "joint-statement"


def test_add_json_prints_what_was_written(kb: Run, db: Path) -> None:
    result = kb(
        "--db", str(db), "add", "quote", "--text", "a new chapter", "--speaker", "Jane Doe",
        "--role", "Minister", "--json",
    )  # fmt: skip
    written = json.loads(result.stdout)
    assert written == stored(db, "quotations")[0]
    assert written["speaker_role"] == "Minister"


def test_duplicate_id_is_refused(kb: Run, db: Path) -> None:
    add_trade_agreement(kb, db)
    before = db.read_bytes()
    result = kb(
        "--db", str(db), "add", "instrument", "--id", "agreement-on-trade", "--title", "Other",
        "--kind", "treaty", "--party", "X", "--status", "signed",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "taken already" in result.stderr
    assert db.read_bytes() == before


def test_generated_ids_are_unique_and_never_reused(kb: Run, db: Path) -> None:
    assert add_trade_agreement(kb, db) == "agreement-on-trade"
    assert add_trade_agreement(kb, db) == "agreement-on-trade-2"
    assert kb("--db", str(db), "remove", "agreement-on-trade-2", "--yes").exit_code == 0
    assert add_trade_agreement(kb, db) == "agreement-on-trade-3"
    result = kb(
        "--db", str(db), "add", "instrument", "--id", "agreement-on-trade-2", "--title", "T",
        "--kind", "treaty", "--party", "X", "--status", "signed",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "never reused" in result.stderr


def test_quote_about_an_unknown_instrument_is_refused(kb: Run, db: Path) -> None:
    result = kb(
        "--db", str(db), "add", "quote", "--text", "t", "--speaker", "S", "--instrument", "nope"
    )
    assert result.exit_code == 1
    assert "unknown instrument 'nope'" in result.stderr
    assert not db.exists()


def test_edit_sets_text_list_and_vocabulary_fields(kb: Run, db: Path) -> None:
    add_trade_agreement(kb, db)
    result = kb(
        "--db", str(db), "edit", "agreement-on-trade", "--set", "sectors=trade, textiles",
        "--set", "status=in-force", "--set", "signed_on=2026-01-15",
        "--set", "summary=Lower tariffs.",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    [instrument] = stored(db, "instruments")
    assert instrument["sectors"] == ["trade", "textiles"]
    assert (instrument["status"], instrument["signed_on"]) == ("in-force", "2026-01-15")
    result = kb("--db", str(db), "edit", "agreement-on-trade", "--unset", "summary")
    assert stored(db, "instruments")[0]["summary"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--set", "status=finished"], "is not one of: proposed"),
        (["--set", "signed_on=15/01/2026"], "signed_on"),
        (["--set", "colour=red"], "no field 'colour'"),
        (["--set", "id=new-id"], "ids are stable"),
        (["--set", "summary="], "--unset summary"),
        (["--set", "nonsense"], "FIELD=VALUE"),
        (["--unset", "title"], "required"),
        ([], "nothing to change"),
    ],
)
def test_bad_edits_change_nothing(kb: Run, db: Path, args: list[str], message: str) -> None:
    add_trade_agreement(kb, db)
    before = db.read_bytes()
    result = kb("--db", str(db), "edit", "agreement-on-trade", *args)
    assert result.exit_code in (1, 2)
    assert message in result.stderr
    assert db.read_bytes() == before


def test_remove_asks_and_refuses_without_a_terminal(kb: Run, db: Path) -> None:
    add_trade_agreement(kb, db)
    result = kb("--db", str(db), "remove", "agreement-on-trade")
    assert result.exit_code == 2
    assert "--yes" in result.stderr
    assert len(stored(db, "instruments")) == 1


@pytest.mark.parametrize("with_index", [True, False])
def test_remove_of_a_quoted_instrument_needs_cascade(kb: Run, db: Path, with_index: bool) -> None:
    add_trade_agreement(kb, db)
    add_quote_about_it(kb, db)
    index = db.with_name(db.name + ".index")
    assert index.exists()  # the references are found there, or else in the file
    if not with_index:
        index.unlink()
    result = kb("--db", str(db), "remove", "agreement-on-trade", "--yes")
    assert result.exit_code == 1
    assert "--cascade" in result.stderr
    result = kb("--db", str(db), "remove", "agreement-on-trade", "--yes", "--cascade", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["removed"] == ["agreement-on-trade", "s-t"]
    assert stored(db, "instruments") == [] and stored(db, "quotations") == []


def test_remove_unknown_id_suggests(kb: Run, db: Path) -> None:
    add_trade_agreement(kb, db)
    result = kb("--db", str(db), "remove", "agreement-on-trad", "--yes")
    assert result.exit_code == 1
    assert "did you mean 'agreement-on-trade'" in result.stderr


def test_undo_restores_each_earlier_version_in_turn(kb: Run, db: Path) -> None:
    add_trade_agreement(kb, db)
    first = db.read_bytes()
    kb("--db", str(db), "edit", "agreement-on-trade", "--set", "status=ratified")
    kb("--db", str(db), "remove", "agreement-on-trade", "--yes")
    result = kb("--db", str(db), "undo")
    assert result.exit_code == 0
    assert "1 earlier version(s) left to undo" in result.stderr
    assert stored(db, "instruments")[0]["status"] == "ratified"
    kb("--db", str(db), "undo")
    assert db.read_bytes() == first
    result = kb("--db", str(db), "undo")
    assert result.exit_code == 1
    assert "nothing to undo" in result.stderr


def test_without_db_the_first_write_copies_the_shipped_knowledge_base(kb: Run) -> None:
    shipped_before = shipped_db_path().read_bytes()
    result = kb("add", "source", "--description", "A note")
    assert result.exit_code == 0, result.stderr
    assert "created your own knowledge base" in result.stderr
    assert shipped_db_path().read_bytes() == shipped_before
    assert len(kb.json("list")) == 4  # reads now come from the user's copy
    assert any(
        s["id"] == "a-note" for s in json.loads(user_db_path().read_text())["sources"].values()
    )
    second = kb("add", "source", "--description", "Another note")
    assert "created" not in second.stderr


def test_init_creates_empty_or_shipped_and_refuses_to_overwrite(kb: Run, db: Path) -> None:
    assert kb("--db", str(db), "init").exit_code == 0
    assert kb("--db", str(db), "list", "--json").stdout.strip() == "[]"
    result = kb("--db", str(db), "init")
    assert result.exit_code == 1
    assert "exists already" in result.stderr
    assert kb("init", "--with-shipped").exit_code == 0
    assert user_db_path().exists()


def test_undo_with_the_shipped_knowledge_base_explains(kb: Run) -> None:
    result = kb("undo")
    assert result.exit_code == 1
    assert "nothing to undo" in result.stderr


def test_writing_to_the_shipped_file_by_name_writes_the_users_copy(kb: Run) -> None:
    shipped_before = shipped_db_path().read_bytes()
    result = kb("--db", str(shipped_db_path()), "add", "source", "--description", "A note")
    assert result.exit_code == 0, result.stderr
    assert shipped_db_path().read_bytes() == shipped_before
    assert "a-note" in user_db_path().read_text(encoding="utf-8")
    assert not shipped_db_path().with_name("kb.json.index").exists()


def test_a_blocked_removal_is_refused_before_asking(kb: Run, db: Path) -> None:
    add_trade_agreement(kb, db)
    add_quote_about_it(kb, db)
    result = kb("--db", str(db), "remove", "agreement-on-trade")  # no --yes, no terminal
    assert result.exit_code == 1
    assert "--cascade" in result.stderr


def test_status_is_never_assumed(kb: Run, db: Path) -> None:
    result = kb(
        "--db", str(db), "add", "instrument", "--title", "T", "--kind", "treaty", "--party", "X"
    )
    # No source gave it: null, like every other unknown fact, never a guess.
    assert result.exit_code == 0, result.stderr
    assert stored(db, "instruments")[0]["status"] is None


def test_list_understands_an_abbreviated_kind(kb: Run) -> None:
    ids = [i["id"] for i in kb.json("list", "--kind", "MoU")]
    assert ids == ["kenya-malaysia-tourism-mou", "kncci-malaysia-chambers-mou"]


def test_a_quotation_its_source_does_not_contain_is_refused(kb: Run, kb_copy: Path) -> None:
    before = kb_copy.read_bytes()
    result = kb(
        "--db", str(kb_copy), "add", "quote", "--text", "words never said", "--speaker", "Ruto",
        "--source", "article-9423b8af90372fa0",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "not verbatim" in result.stderr
    assert kb_copy.read_bytes() == before
    said = "to deepen private-sector partnerships"
    result = kb(
        "--db", str(kb_copy), "add", "quote", "--text", said, "--speaker", "William Ruto",
        "--source", "article-9423b8af90372fa0",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert kb("--db", str(kb_copy), "verify").exit_code == 0


def test_editing_a_sources_text_must_keep_its_quotations_verbatim(kb: Run, kb_copy: Path) -> None:
    before = kb_copy.read_bytes()
    result = kb(
        "--db", str(kb_copy), "edit", "article-9423b8af90372fa0", "--set", "text=Nothing here."
    )
    assert result.exit_code == 1
    assert "not verbatim" in result.stderr
    assert kb_copy.read_bytes() == before


def test_import_never_reuses_the_id_of_a_removed_record(kb: Run, db: Path) -> None:
    record = {"type": "source", "id": "dup", "description": "d"}
    kb("--db", str(db), "import", "-", input=json.dumps(record))
    assert kb("--db", str(db), "remove", "dup", "--yes").exit_code == 0
    result = kb("--db", str(db), "import", "-", input=json.dumps(record))
    assert result.exit_code == 1
    assert "ids are never reused" in result.stderr


def test_a_failure_after_the_write_does_not_report_the_write_as_failed(
    kb: Run, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kbtool.search import disk_index, index_building

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("index trouble")

    monkeypatch.setattr(index_building, "build", broken)
    result = kb("--db", str(db), "add", "source", "--description", "note")
    assert result.exit_code == 0, result.stderr
    assert "note" in db.read_text(encoding="utf-8")
    assert not disk_index.index_path(db).exists()


def test_export_table_goes_with_csv_only(kb: Run) -> None:
    result = kb("export", "--table", "quotations")
    assert result.exit_code == 2
    assert "--format csv" in result.stderr


def test_the_version_undone_is_kept_for_redo(kb: Run, db: Path) -> None:
    add_trade_agreement(kb, db)
    kb("--db", str(db), "edit", "agreement-on-trade", "--set", "status=ratified")
    edited = db.read_bytes()
    result = kb("--db", str(db), "undo")
    assert "'kb redo' puts back the version undone" in result.stderr
    assert json.loads(db.read_text())["instruments"]["1"]["status"] == "signed"
    assert kb("--db", str(db), "redo").exit_code == 0
    assert db.read_bytes() == edited


def test_a_taken_id_and_a_badly_written_date_are_said_plainly(kb: Run, db: Path) -> None:
    add_trade_agreement(kb, db)
    before = db.read_bytes()
    taken = kb("--db", str(db), "add", "source", "--id", "agreement-on-trade",
               "--description", "A note")  # fmt: skip
    assert taken.exit_code == 2
    assert "taken already (by an instrument)" in taken.stderr
    result = kb("--db", str(db), "edit", "agreement-on-trade", "--set", "signed_on=15/01/2026")
    assert result.exit_code == 1
    assert "field `signed_on`: must be a date written YYYY-MM-DD" in result.stderr
    assert db.read_bytes() == before


def test_an_edit_that_changes_nothing_writes_nothing_and_keeps_no_version(
    kb: Run, kb_copy: Path
) -> None:
    args = ("--db", str(kb_copy), "edit", "kenya-malaysia-tourism-mou", "--set", "status=signed")
    before = kb_copy.read_bytes()
    result = kb(*args)
    assert result.exit_code == 0
    assert "no changes to 'kenya-malaysia-tourism-mou'; nothing written" in result.stderr
    assert kb_copy.read_bytes() == before
    # No version was kept, so undo has nothing to take back.
    assert not list(kb_copy.parent.glob("kb.json.backups/*.json"))
