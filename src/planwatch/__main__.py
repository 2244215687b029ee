"""``python -m planwatch`` runs the CLI."""

from planwatch.cli import main

main()
