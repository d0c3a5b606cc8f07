"""Allow ``python -m leadtui``."""

from leadtui.launch import main

if __name__ == "__main__":
    main()
