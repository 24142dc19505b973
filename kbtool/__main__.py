"""Run the CLI as ``python -m kbtool``."""

from kbtool.fast_path import main

main()
