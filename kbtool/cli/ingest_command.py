"""``kb ingest``: read an article, show what it reports, and apply it on request.

The work is ``kbtool.ingest``'s; this module parses the options and picks how to show it.
"""

from __future__ import annotations

import sys
from collections.abc import Collection
from typing import Annotated

import typer

from kbtool.cli.root import app, open_kb, open_kb_for_writing, settings_of
from kbtool.errors import UsageError
from kbtool.render.output import Environment


@app.command("ingest")
def ingest_command(
    ctx: typer.Context,
    source: Annotated[
        str,
        typer.Argument(
            metavar="FILE|URL|-",
            help="A news article: a text or HTML file, an http(s) URL, or - for stdin.",
        ),
    ],
    apply: Annotated[
        bool,
        typer.Option(
            "--apply", help="Add the new records, and what the article adds to known ones."
        ),
    ] = False,
    interactive: Annotated[
        bool,
        typer.Option(
            "-i",
            "--interactive",
            help="Decide record by record, as git add -p: accept, skip, edit, quit.",
        ),
    ] = False,
    only: Annotated[
        str | None,
        typer.Option(metavar="ID,...", help="With --apply: write only these candidates."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the candidates as JSON, with their spans.")
    ] = False,
    timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds to wait for a URL to answer.")
    ] = 20.0,
) -> None:
    """Find the instruments and quotations an article reports, for review; --apply keeps them.

    Rules, not a model: each candidate is shown with the sentence it came
    from and the words that gave each field. A record the knowledge base
    holds already (an instrument of the same kind and parties whose title
    names the same thing; a quotation with the same words and speaker) is
    shown as "already in the knowledge base as ID" with the reasons; --apply
    then adds the article to its sources, its passages to its excerpts and a
    claim for each field the article gives differently, never changing what
    is there. Applying an article twice changes nothing.
    kb ingest needs the extra, whatever the input: pip install 'kbtool\\[ingest]'.

    -i asks about each record in turn: y accept, n skip, e edit in
    $VISUAL or $EDITOR (then accept), a accept the rest, q quit (what was
    accepted is written), ? help.

    Examples:

      kb ingest article.txt

      curl -s https://example.com/news | kb ingest - --json \\
        | jq '.instruments[] | {id, match}'

      kb ingest https://example.com/news/signing --apply

      kb ingest article.txt -i

      kb ingest article.txt --apply --only kenya-malaysia-tourism-mou
    """
    from kbtool.ingest import interactive as walk
    from kbtool.ingest.candidates import Known, extract
    from kbtool.ingest.reading import read_article
    from kbtool.render import output

    keep: Collection[str] | None = _ingest_selection(source, apply, interactive, only, as_json)
    if interactive and not walk.stdin_is_terminal():
        raise UsageError("-i needs a terminal on stdin; in a script, use --apply --only ID,...")
    env = Environment.from_system(settings_of(ctx).color)
    article = read_article(source, sys.stdin.buffer.read, timeout)
    writing = apply or interactive
    kb = open_kb_for_writing(ctx) if writing else open_kb(ctx)
    known = Known(kb.instruments, kb.quotations, kb.sources, frozenset(kb.retired_ids()))
    candidates = extract(article, known)
    unknown = candidates.unknown_ids(keep or [])
    if unknown:
        raise UsageError(
            f"--only: no candidate has the id {unknown[0]!r}; nothing was written",
            hint="kb ingest FILE --json | jq -r '.instruments[].id, .quotations[].id' lists them",
        )
    if interactive:
        keep = walk.choose(candidates, walk.Terminal.from_system(env))
    elif as_json:
        output.write_json(env, candidates.json_document())
    else:
        from kbtool.ingest import review

        review.show(env.console(), candidates, applied=apply)
    if writing:
        batch = candidates.import_batch(keep)
        report = kb.import_records(batch, update=True) if any(batch.values()) else None
        added = report.count(report.added) if report else 0
        updated = report.count(report.updated) if report else 0
        sys.stderr.write(
            f"kb: ingested into {kb.store.name}: {added} record(s) added, {updated} updated, "
            f"the rest already there or left out\n"
        )


def _ingest_selection(
    source: str, apply: bool, interactive: bool, only: str | None, as_json: bool
) -> list[str] | None:
    """The ids --only names, after checking the options go together."""
    if interactive and (as_json or only is not None):
        raise UsageError("-i cannot go with --json or --only")
    if interactive and source == "-":
        raise UsageError("-i reads your answers from stdin; give the article as a file or URL")
    if only is None:
        return None
    if not apply:
        raise UsageError("--only needs --apply")
    ids = [part.strip() for part in only.split(",") if part.strip()]
    if not ids:
        raise UsageError("--only needs at least one id")
    return ids
