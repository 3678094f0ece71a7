"""``python -m amendtrack``: the command line."""

from amendtrack.cli import main

main()
