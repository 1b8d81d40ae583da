"""The content caches a wheel ships, so that the first start after an install parses
nothing: the bundled content, validated when the wheel is built (`hatch_build.py`).

They are keyed by each file's SHA-256 and by the validator's fingerprint (see
studytui.content.cache), so they serve only the exact files they were built from, and
only while the checks are the same.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from studytui.calc.pricing import load_price_table
from studytui.content.cache import SHIPPED, cache_file
from studytui.content.loader import load_library


class BundledContentError(Exception):
    """The bundled content has problems: no wheel should ship it."""


def build_shipped_caches(content: Path, out: Path) -> list[Path]:
    """Validate `content` and write its caches into `out`; returns the files written.
    Raises BundledContentError when any file has a problem."""
    # entries already in `out` for these very bytes and checks are kept; the rest go
    library = load_library([content], out, shipped_cache=False)
    if library.problems:
        listed = "\n".join(str(problem) for problem in library.problems)
        raise BundledContentError(f"the bundled content has problems:\n{listed}")
    load_price_table(content / "pricing.yaml", out, shipped_cache=False)
    return sorted(cache_file(out, kind) for kind in ("pricing", "questions", "topics"))


def main() -> None:
    parser = argparse.ArgumentParser(description="Write the shipped content caches (the "
                                                 "wheel build does this itself).")
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--out", type=Path, required=True,
                        help=f"where to write them (an install reads them from {SHIPPED})")
    args = parser.parse_args()
    for path in build_shipped_caches(args.content, args.out):
        print(path)


if __name__ == "__main__":
    main()
