"""``python -m leadtui.locale extract|update|compile|check|init LANG`` (see the package doc)."""

from __future__ import annotations

import sys

from leadtui.locale import TEMPLATE, languages, po_path

USAGE = (
    "usage: python -m leadtui.locale"
    " extract | update [LANG…] | compile [LANG…] | check [LANG…] | init LANG"
)


def main(argv: list[str] | None = None) -> int:
    """Run one step of the workflow; the exit code is 1 when ``check`` finds problems."""
    from leadtui.locale import catalogs

    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in {"-h", "--help"}:
        print(USAGE)
        return 0 if args else 2
    command, selected = args[0], args[1:] or None
    if command == "extract":
        print(f"{TEMPLATE}: {catalogs.write_template()} messages")
    elif command == "update":
        for language, missing in catalogs.update(selected).items():
            print(f"{po_path(language)}: {missing} to translate")
    elif command == "compile":
        from leadtui.locale import formats

        for language, count in catalogs.compile_all(selected).items():
            print(f"{catalogs.mo_path(language)}: {count} translations")
            print(f"{language}: {formats.write_all(language)} locales' forms precomputed")
    elif command == "init" and selected and len(selected) == 1:
        print(f"{catalogs.init(selected[0])}: translate it, then compile")
    elif command == "check":
        template = catalogs.extract()
        failed = False
        for language in selected or languages():
            found = catalogs.problems(catalogs.read(po_path(language), language), template)
            for problem in found:
                print(f"{language}: {problem}")
            print(f"{language}: {len(found)} problems in {len(template) - 1} messages")
            failed = failed or bool(found)
        return 1 if failed else 0
    else:
        print(USAGE, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
