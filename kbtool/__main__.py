"""Run the CLI as ``python -m kbtool``."""

from kbtool.cli import main

main()
