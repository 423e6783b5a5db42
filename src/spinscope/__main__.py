"""``python -m spinscope`` runs the command line."""

from spinscope.cli import main

main()
