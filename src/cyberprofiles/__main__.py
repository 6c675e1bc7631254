"""``python -m cyberprofiles``: the same as the ``cyberprofiles`` command."""

from .entry import main

if __name__ == "__main__":
    main()
