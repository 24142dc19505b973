"""The command line: the Typer app, its commands, shared options, and the fast path.

Owns everything ``kb`` does between ``sys.argv`` and the knowledge base: parsing arguments
(Typer, or ``fast_path`` for the read commands scripts run in loops), calling the core, and
handing the result to ``kbtool.render``. Only this package imports Typer.

May import: every other kbtool package and module (it is the top of the layout); nothing
imports it but ``kbtool.__main__``. Keep this file to its docstring: ``kb list --json``
imports ``kbtool.cli.fast_path`` through it.
"""
