"""Shell completion (bash, zsh, fish): what a Tab offers for an option or an argument.

Typer's completion machinery (``kb --install-completion``, ``kb --show-completion``, and
the ``_KB_COMPLETE`` requests a shell makes at each Tab) drives these functions; each
command names the one its parameter takes (``autocompletion=``). Ids come from the
knowledge base the line itself names (``--db`` before or after the command, else
``$KB_DB``, else the user's own or the shipped one), read as cheaply as
``kbtool.service.record_ids`` can: a Tab must answer at once on 14,000 instruments.
Vocabulary values come with their meaning, which zsh and fish show beside them.

Nothing here may fail loudly: a shell prints whatever a completion writes, so a broken
file or a bad --db simply offers nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from kbtool.cli.root import db_of

if TYPE_CHECKING:
    from kbtool.models import RecordKind


def _ids(ctx: typer.Context, kinds: tuple[RecordKind, ...], incomplete: str) -> list[str]:
    from kbtool.service.record_ids import ids_starting_with
    from kbtool.store import location

    try:
        where = location.resolve(db_of(ctx))
    except (OSError, ValueError):
        return []
    return ids_starting_with(where, kinds, incomplete)


def instrument_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Ids of the instruments (``kb show``, ``--instrument``)."""
    return _ids(ctx, ("instrument",), incomplete)


def source_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Ids of the sources (``--source``)."""
    return _ids(ctx, ("source",), incomplete)


def record_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Ids of every record, instruments first (``kb edit``, ``kb remove``)."""
    return _ids(ctx, ("instrument", "quotation", "source"), incomplete)


def _matching(values: tuple[str, ...], incomplete: str) -> list[str]:
    folded = incomplete.casefold()
    return [value for value in values if value.startswith(folded)]


def kinds(incomplete: str) -> list[str]:
    """The kinds of instrument (``--kind``)."""
    from kbtool.models import KIND_VALUES

    return _matching(KIND_VALUES, incomplete)


def statuses(incomplete: str) -> list[str]:
    """The statuses of an instrument (``--status``)."""
    from kbtool.models import STATUS_VALUES

    return _matching(STATUS_VALUES, incomplete)


def result_types(incomplete: str) -> list[str]:
    """What ``kb search --type`` keeps."""
    return _matching(("instrument", "quotation"), incomplete)


def sort_fields(incomplete: str) -> list[str]:
    """The fields ``kb list --sort`` takes, and each descending ('-' first)."""
    from kbtool.models import Instrument, field_names

    names = field_names(Instrument)
    return _matching((*names, *(f"-{name}" for name in names)), incomplete)
