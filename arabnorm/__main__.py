"""``python -m arabnorm``: the same as the ``arabnorm`` command."""

from arabnorm.cli import main

if __name__ == "__main__":
    main()
