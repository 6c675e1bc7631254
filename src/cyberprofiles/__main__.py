"""``python -m cyberprofiles`` runs the command line."""

from .cli import main

main()
