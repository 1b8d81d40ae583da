"""`studytui search QUERY`: the notes search from the shell."""

from __future__ import annotations

import argparse
import json
import sys

from studytui.commands.common import add_command, load_content

FILTERS_HELP = ("Filters: topic:ID, domain:N (1 to 4), type:note or type:question. "
                "Several filters of one kind mean any of them (topic:sqs topic:sns finds "
                "hits in either topic); filters of different kinds must all hold "
                "(topic:sqs type:question: questions on SQS).")


def add_parser(sub: argparse._SubParsersAction) -> None:
    from studytui.search import MAX_LIMIT  # the package alone: the index loads on use

    search = add_command(sub, "search", "ranked search over notes and questions",
                         description="Ranked search over the notes and questions, as in "
                                     "the app's Search pane.",
                         epilog=FILTERS_HELP)
    search.add_argument("query", nargs="+", help='words, "a phrase", topic:ID, domain:N, '
                                                  "type:note|question (filters of one "
                                                  "kind repeated: any of them)")
    search.add_argument("--limit", type=int, default=10, metavar="N",
                        help=f"show at most N hits (default 10); an N over {MAX_LIMIT} "
                             f"is clamped to {MAX_LIMIT}")
    search.add_argument("--json", action="store_true", help="print one JSON object")
    search.set_defaults(func=cmd_search)


def build_index(args: argparse.Namespace):
    """The index over the bundled content and packs; skipped content files are reported
    on stderr as every other command reports them."""
    from studytui.locations import content_dirs
    from studytui.search import SearchIndex
    from studytui.search.synonyms import load_synonyms

    library = load_content(args)
    groups, problems = load_synonyms(content_dirs(args.content)[0] / "synonyms.yaml")
    return SearchIndex(library, groups), problems


def cmd_search(args: argparse.Namespace) -> int:
    from studytui.search import MAX_LIMIT, SearchSyntaxError

    if args.limit < 1:
        print("studytui search: --limit must be at least 1", file=sys.stderr)
        return 2
    if args.limit > MAX_LIMIT:  # SQLite's LIMIT overflows past 2**63; nobody reads more
        print(f"studytui search: --limit {args.limit} is more than {MAX_LIMIT}; showing at "
              f"most {MAX_LIMIT} hits", file=sys.stderr)
        args.limit = MAX_LIMIT
    index, _ = build_index(args)
    query = " ".join(args.query)
    try:
        result = index.search(query, args.limit)
    except SearchSyntaxError as exc:
        print(f"studytui search: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({
            "query": result.query, "corrected_query": result.corrected_query,
            "suggestion": result.suggestion,
            "hits": [{"id": h.id, "topic": h.topic, "topic_id": h.topic_id,
                      "section": h.section, "section_id": h.section_id, "kind": h.kind,
                      "score": h.score, "snippet": h.plain_snippet()} for h in result.hits],
        }, indent=2))
        return 0
    if result.corrected_query:
        print(f"(no results for {result.query!r}; showing results for "
              f"{result.corrected_query!r})")
    if not result.hits:
        maybe = f" Did you mean {result.suggestion!r}?" if result.suggestion else ""
        print(f"No results.{maybe} Try fewer words, a shorter word (prefixes match), or a "
              f"filter such as topic:dynamodb.")
    for hit in result.hits:
        label = "" if hit.kind == "note" else "[question] "
        print(f"{hit.topic} › {hit.section}: {label}{hit.plain_snippet()}")
    return 0
