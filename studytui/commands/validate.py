"""`studytui validate`: check the bundled content and any packs, saying what was read."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from typing import Any

from studytui.commands.common import add_command
from studytui.content.text import plural


def add_parser(sub: argparse._SubParsersAction) -> None:
    validate = add_command(sub, "validate", "check the bundled content and any given folders")
    validate.add_argument("folders", nargs="*", metavar="DIR", help="extra content folders")
    validate.add_argument("--json", action="store_true", help="print one JSON object")
    validate.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from studytui.bank import load_bank
    from studytui.content.services import load_services, pack_blueprints
    from studytui.locations import content_dirs
    from studytui.search.synonyms import load_synonyms

    folders = content_dirs([*args.content, *args.folders])
    library = load_bank(folders)
    for folder in folders:
        library.problems.extend(load_synonyms(folder / "synonyms.yaml")[1])
    # only the bundled content has a blueprint; one in a pack is reported, not read
    services, blueprint_problems = load_services(library)
    library.problems.extend(blueprint_problems)
    library.problems.extend(pack_blueprints(folders[1:]))
    summary: dict[str, Any] = (services.summary() if services is not None else
                               {"in_scope": 0, "covered": 0, "missing": [], "retired": []})
    by_domain = Counter(q.domain for q in library.questions)
    packs = [{"folder": p.folder, "files": p.files, "topics": p.topics,
              "sections": p.sections, "questions": p.questions, "problems": p.problems}
             for p in library.packs]
    if args.json:
        print(json.dumps({
            "ok": not library.problems,
            "files": library.files,
            "topics": len(library.topics),
            "sections": len(library.sections),
            "questions": len(library.questions),
            "questions_by_domain": {str(d): by_domain.get(d, 0) for d in (1, 2, 3, 4)},
            "packs": packs,
            "services": summary,
            "errors": [{"file": p.file, "line": p.line, "message": p.message}
                       for p in library.problems],
        }, indent=2))
        return 0 if not library.problems else 1
    for problem in library.problems:
        print(problem)
    out = sys.stdout if not library.problems else sys.stderr
    for pack in library.packs:
        print(f"{pack.folder}: read {pack.topics} topics, {pack.sections} sections, "
              f"{pack.questions} questions from {pack.files} files"
              + (f"; {plural(pack.problems, 'problem')}" if pack.problems else ""), file=out)
    if services is not None:
        missing = summary["missing"]
        print(f"blueprint: {summary['covered']} of {summary['in_scope']} in-scope services "
              f"taught" + (f"; missing: {', '.join(missing)}" if missing else "")
              + (f"; retired: {', '.join(summary['retired'])}" if summary["retired"] else ""),
              file=out)
    state = "OK" if not library.problems else plural(len(library.problems), "problem")
    print(f"{state}: {len(library.topics)} topics, {len(library.sections)} sections, "
          f"{len(library.questions)} questions in {library.files} files", file=out)
    return 0 if not library.problems else 1
