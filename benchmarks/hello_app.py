"""The start-up anchor: the smallest useful Typer app, run the way ``kb`` is run.

``kb --help`` and ``kb list --json`` should start within 1.3x of this (issue 6), because
Python and Typer's own start-up is a cost no Typer CLI can avoid.
"""

import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    """Say hello."""
    print(f"hello {name}")


if __name__ == "__main__":
    app()
