"""Run the CLI as ``python -m kbtool``."""

from kbtool.cli.fast_path import main

main()
