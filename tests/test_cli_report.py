"""``kb report``: the dossier's HTML parsed and its content checked, then opened in a real
headless Chromium; its Markdown twin; and a report of one pair at scale."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from glance_data import HOSTILE_TITLE, benchmark_kb, small_kb

from conftest import Run


class Page(HTMLParser):
    """What a reader gets from a page: its elements, attributes and text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.chunks: list[str] = []
        self.feed(html)
        self.close()
        self.text = " ".join(" ".join(self.chunks).split())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)

    def ids(self, tag: str) -> set[str]:
        return {
            str(attrs["data-id"]) for name, attrs in self.tags if name == tag and "data-id" in attrs
        }

    def attribute_values(self, attribute: str) -> list[str]:
        return [str(attrs[attribute]) for _, attrs in self.tags if attrs.get(attribute)]


@pytest.fixture
def small(write_db: Callable[[dict[str, list[dict[str, Any]]]], Path]) -> Path:
    return write_db(small_kb())


def _report(kb: Run, path: Path, *args: str, db: Path | None = None) -> Page:
    result = kb(*(("--db", str(db)) if db else ()), "report", *args, "-o", str(path))
    assert result.exit_code == 0, result.stderr
    return Page(path.read_text(encoding="utf-8"))


def _assert_self_contained(page: Page) -> None:
    tags = [name for name, _ in page.tags]
    assert "script" not in tags and "link" not in tags and "iframe" not in tags
    assert page.attribute_values("src") == []  # nothing loaded from anywhere
    assert "svg" in tags  # the charts are in the page


def test_the_dossier_of_the_shipped_pair_has_every_record(kb: Run, tmp_path: Path) -> None:
    page = _report(kb, tmp_path / "d.html", "--party", "kenya", "--party", "malaysia")
    instruments = kb.json("list", "--party", "kenya")
    assert page.ids("article") == {i["id"] for i in instruments}
    assert page.ids("blockquote") == {q["id"] for q in kb.json("quotes")}
    for instrument in instruments:
        assert instrument["title"] in page.text
    for quotation in kb.json("quotes"):
        assert f"“{quotation['text']}”" in page.text and quotation["speaker"] in page.text
    # Officials, disagreements between sources, and the sources themselves.
    assert "Salim Mvurya" in page.text and "Where sources disagree" in page.text
    assert "National Chamber of Commerce and Industry of Malaysia (NCCIM)" in page.text
    assert "Other sources confirm: exchanged_at" in page.text
    assert "malaymail-2025-11-24-anwar-state-welcome-kenya" in page.text
    _assert_self_contained(page)


def test_record_text_is_shown_and_never_run(kb: Run, small: Path, tmp_path: Path) -> None:
    path = tmp_path / "d.html"
    page = _report(kb, path, db=small)
    assert HOSTILE_TITLE in page.text  # the reader sees the title as it is stored
    assert [name for name, _ in page.tags].count("b") == 0
    assert "<script>alert" not in path.read_text(encoding="utf-8")
    # Links go to the page itself or to a source's http(s) address; javascript: is text.
    links = page.attribute_values("href")
    assert all(link.startswith(("#", "https://")) for link in links), links
    assert "https://example.org/ghana-india" in links
    assert "javascript:alert(1)" in page.text
    _assert_self_contained(page)


def test_the_dossier_says_which_records_have_no_date(kb: Run, small: Path, tmp_path: Path) -> None:
    page = _report(kb, tmp_path / "d.html", "--party", "ghana", db=small)
    assert "Not dated (1)" in page.text
    assert page.ids("article") == {
        "ghana-india-trade-agreement",
        "ghana-india-health-mou",
        "ghana-india-culture-loi",
        "ghana-togo-border-protocol",
    }
    # The quotation about the relationship is there, from a source these instruments cite.
    assert page.ids("blockquote") == {"mensah-new-chapter", "mensah-friendship"}


def test_the_markdown_dossier_escapes_record_text(kb: Run, small: Path) -> None:
    result = kb("--db", str(small), "report", "--format", "markdown")
    assert result.exit_code == 0
    text = result.stdout
    assert (
        r"Agreement \<script\>alert('x')\</script\> & \<b\>bold\</b\> on \[links\](http://evil)"
        in text
    )
    assert "> “a new chapter in our \\<trade\\> story”" in text
    assert "<https://example.org/ghana-india>" in text and "<javascript:" not in text


def test_a_report_of_one_pair_at_scale(kb: Run, tmp_path: Path) -> None:
    path = benchmark_kb()
    db = ("--db", str(path))
    found = kb.json(*db, "partners", "kenya")
    partner = found["partners"][0]["name"]
    page = _report(kb, tmp_path / "d.html", "--party", "kenya", "--party", partner, db=path)
    expected = {
        i["id"] for i in kb.json(*db, "list", "--party", "kenya") if partner in i["parties"]
    }
    assert page.ids("article") == expected and len(expected) == found["partners"][0]["instruments"]
    quotes = [q for q in kb.json(*db, "quotes") if q["instrument"] in expected]
    assert {q["id"] for q in quotes} <= page.ids("blockquote")


# ---------------------------------------------------------------- a real browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
        "--disable-gpu",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0",
        # Any request for the network fails, and would be logged: the page must need none.
        "--host-resolver-rules=MAP * ~NOTFOUND",
        *args,
    ]
    env = {**os.environ, "HOME": os.environ.get("HOME", "/tmp")}
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")
def test_chromium_renders_the_dossier_without_errors(kb: Run, small: Path, tmp_path: Path) -> None:
    page_path = tmp_path / "dossier.html"
    _report(kb, page_path, db=small)
    screenshot = tmp_path / "dossier.png"
    shot = _chromium(f"--screenshot={screenshot}", "--window-size=420,1600", page_path.as_uri())
    assert shot.returncode == 0, shot.stderr
    problems = [
        line
        for line in shot.stderr.splitlines()
        if "CONSOLE" in line or "net::ERR" in line or "Uncaught" in line
    ]
    assert problems == []
    header = screenshot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (420, 1600)
    # What the browser built from the page: the records are in it, the hostile title as text.
    dom = _chromium("--dump-dom", page_path.as_uri())
    assert dom.returncode == 0
    assert "ghana-india-trade-agreement" in dom.stdout
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in dom.stdout
    assert "<script>alert" not in dom.stdout


def test_a_hostile_label_in_a_chart_is_text(kb: Run, small: Path, tmp_path: Path) -> None:
    path = tmp_path / "d.html"
    page = _report(kb, path, db=small)
    assert "</script><script>alert(2)</script>" in page.text  # in the sectors chart, as text
    assert "<script>alert(2)" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("way", ["index", "one by one", "whole tables"])
def test_the_records_are_the_same_however_they_are_read(
    kb: Run, kb_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, way: str
) -> None:
    from kbtool.service import dossier

    if way == "index":
        assert kb("--db", str(kb_copy), "search", "tourism").exit_code == 0  # builds it
        from kbtool.kb import KnowledgeBase
        from kbtool.store.transactions import FileStore

        index = dossier._current_index(KnowledgeBase(FileStore(kb_copy)))
        assert index is not None  # the dossier reads its records from it
        index.close()
    else:
        monkeypatch.setattr(dossier, "_current_index", lambda reader: None)
        monkeypatch.setattr(dossier, "ONE_BY_ONE", 1000 if way == "one by one" else 0)
    page = _report(kb, tmp_path / "d.html", "--party", "kenya", db=kb_copy)
    assert page.ids("article") == {i["id"] for i in kb.json("list")}
    assert page.ids("blockquote") == {q["id"] for q in kb.json("quotes")}
    assert "Salim Mvurya" in page.text


def test_a_date_another_source_gives_differently_is_a_disagreement(
    kb: Run, small: Path, tmp_path: Path
) -> None:
    page = _report(kb, tmp_path / "d.html", "--party", "india", db=small)
    assert "signed_on 2024-03-01 2024-02-28 wire-report" in page.text
    assert "exchanged_on not given 2023-07-15 wire-report" in page.text
