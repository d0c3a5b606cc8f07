"""Allow ``python -m leadtui``."""

from leadtui.cli import main

if __name__ == "__main__":
    main()
