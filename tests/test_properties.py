"""Property-based tests: round trips over generated records, and a model of the whole KB."""

from __future__ import annotations

import copy
import shutil
import tempfile
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, invariant, rule

from kbtool.errors import DataError
from kbtool.kb import KnowledgeBase
from kbtool.models import (
    KIND_VALUES,
    STATUS_VALUES,
    TABLES,
    Instrument,
    slugify,
    unchecked,
    validate,
)
from kbtool.render.export import export_text
from kbtool.store.base import MemoryStore
from kbtool.store.history import BACKUPS_KEPT
from kbtool.store.importing import parse_import
from kbtool.store.location import DbLocation, Origin
from kbtool.store.transactions import FileStore

# Any text a person could type or paste, in any script, but not lone surrogates (not text).
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40
).filter(str.strip)
record_ids = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}\Z")
dates = st.dates().map(lambda d: d.isoformat())


@st.composite
def knowledge_bases(draw: st.DrawFn) -> dict[str, list[dict[str, Any]]]:
    ids = draw(st.lists(record_ids, min_size=0, max_size=8, unique=True))
    split = draw(st.integers(0, len(ids)))
    instruments = [
        {
            "id": record_id,
            "title": draw(text),
            "kind": draw(st.sampled_from(KIND_VALUES)),
            "parties": draw(st.lists(text, min_size=1, max_size=3)),
            "status": draw(st.sampled_from(STATUS_VALUES)),
            "summary": draw(st.none() | text),
            "sectors": draw(st.lists(text, max_size=3)),
            "signed_on": draw(st.none() | dates),
        }
        for record_id in ids[:split]
    ]
    quotations = [
        {
            "id": record_id,
            "text": draw(text),
            "speaker": draw(text),
            "instrument": draw(st.none() | st.sampled_from(ids[:split])) if split else None,
        }
        for record_id in ids[split:]
    ]
    return {"instruments": instruments, "quotations": quotations, "sources": []}


@settings(max_examples=60, deadline=None)
@given(knowledge_bases(), st.sampled_from(["json", "jsonl"]))
def test_export_import_export_is_identical(
    batch: dict[str, list[dict[str, Any]]], fmt: str
) -> None:
    original = KnowledgeBase(MemoryStore())
    original.import_records(batch)
    exported = export_text(original.export_document(), fmt, None)
    colleague = KnowledgeBase(MemoryStore())
    colleague.import_records(parse_import(exported.encode("utf-8"), "export"))
    assert export_text(colleague.export_document(), fmt, None) == exported
    assert colleague.verify() == []


@settings(max_examples=60, deadline=None)
@given(knowledge_bases())
def test_records_read_unchecked_are_the_records_validated(
    batch: dict[str, list[dict[str, Any]]],
) -> None:
    # A new file's index is built from records read without their constraints, while the
    # same documents are validated: a valid document must give the same record either way.
    for table, documents in batch.items():
        for document in documents:
            read = msgspec.convert(document, unchecked(TABLES[table]))
            assert isinstance(read, TABLES[table])
            assert msgspec.json.encode(read) == msgspec.json.encode(
                validate(document, TABLES[table])
            )


def test_records_read_unchecked_are_not_validated() -> None:
    document = {"id": "Not An Id", "title": " ", "kind": "treaty", "parties": ["Ghana"],
                "officials": [{"name": " ", "source": "Not A Source"}]}  # fmt: skip
    with pytest.raises(msgspec.ValidationError):
        validate(document, Instrument)
    read = msgspec.convert(document, unchecked(Instrument))
    assert (read.id, read.title, read.officials[0].name) == ("Not An Id", " ", " ")
    with pytest.raises(msgspec.ValidationError):  # the shape is still read as a record's
        msgspec.convert({**document, "kind": "pact"}, unchecked(Instrument))


class KnowledgeBaseMachine(RuleBasedStateMachine):
    """add / edit / remove / undo / redo / reopen against a plain dict of what should be stored."""

    instrument_ids = Bundle("instrument_ids")

    def __init__(self) -> None:
        super().__init__()
        self.directory = Path(tempfile.mkdtemp())
        self.path = self.directory / "kb.json"
        FileStore(self.path).create({})
        self.kb = self._open()
        self.model: dict[str, dict[str, Any]] = {}
        self.retired: set[str] = set()
        self.history: list[tuple[dict[str, dict[str, Any]], set[str]]] = []
        self.undone: list[tuple[dict[str, dict[str, Any]], set[str]]] = []

    def _open(self) -> KnowledgeBase:
        return KnowledgeBase.open(DbLocation(self.path, Origin.OPTION))

    def _state(self) -> tuple[dict[str, dict[str, Any]], set[str]]:
        return copy.deepcopy(self.model), set(self.retired)

    def _remember(self) -> None:
        # A write keeps the versions undone before it as backups, below the one it replaced.
        self.history += [*self.undone, self._state()]
        self.undone = []
        del self.history[:-BACKUPS_KEPT]

    @rule(target=instrument_ids, title=text)
    def add(self, title: str) -> str:
        base = slugify(title)
        expected = base
        number = 2
        while expected in self.model or expected in self.retired:
            expected, number = f"{base}-{number}", number + 1
        record = self.kb.add(
            "instrument",
            {"title": title, "kind": "treaty", "parties": ["A"], "status": "signed"},
            title,
        )
        assert record.id == expected
        self._remember()
        self.model[record.id] = {"title": title, "summary": None}
        return record.id

    @rule(record_id=instrument_ids, summary=text)
    def edit(self, record_id: str, summary: str) -> None:
        if record_id not in self.model:
            return
        if self.kb.edit(record_id, {"summary": summary}, []) is not None:
            self._remember()  # an edit that changes nothing keeps no version
        self.model[record_id]["summary"] = summary

    @rule(record_id=consumes(instrument_ids))
    def remove(self, record_id: str) -> None:
        if record_id not in self.model:
            return
        self.kb.remove(record_id)
        self._remember()
        del self.model[record_id]
        self.retired.add(record_id)

    @rule()
    def undo(self) -> None:
        if not self.history:
            try:
                self.kb.undo()
            except DataError:
                return
            raise AssertionError("undo succeeded with no earlier version")
        remaining = self.kb.undo()
        self.undone.append(self._state())
        self.model, self.retired = self.history.pop()
        assert remaining == len(self.history)

    @rule()
    def redo(self) -> None:
        if not self.undone:
            try:
                self.kb.redo()
            except DataError:
                return
            raise AssertionError("redo succeeded with nothing undone")
        remaining = self.kb.redo()
        self.history.append(self._state())
        self.model, self.retired = self.undone.pop()
        assert remaining == len(self.undone)

    @rule()
    def reopen(self) -> None:
        self.kb = self._open()

    @invariant()
    def stored_records_match_the_model(self) -> None:
        stored = {i.id: {"title": i.title, "summary": i.summary} for i in self._open().instruments}
        assert stored == self.model

    def teardown(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)


KnowledgeBaseMachine.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestKnowledgeBase = KnowledgeBaseMachine.TestCase
