"""``python -m tahqiq``: the same as the ``tahqiq`` command."""

from tahqiq.cli import main

if __name__ == "__main__":  # pragma: no cover
    main()
