"""Issue #11: hostile search input through the real entry point, and the rules it fixed.

- `--limit 99999999999999999999` overflowed SQLite's LIMIT (OverflowError): now clamped to
  MAX_LIMIT, said on stderr, documented in `search --help`.
- two `topic:` filters kept only the last: filters of one kind now mean any of them.
- a one-letter term highlighted every word starting with that letter: now a term of two
  or more letters marks the words it starts, a one-letter term only itself as a word.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import studytui
from studytui.bank import load_bank
from studytui.locations import bundled_content_dir
from studytui.search import MAX_LIMIT, SearchIndex, SearchSyntaxError
from studytui.search.highlight import first_match_line, highlight_markdown, term_pattern
from studytui.search.index import MARK_CLOSE, MARK_OPEN, _scan_snippet
from studytui.search.query import parse
from studytui.search.synonyms import load_synonyms

HUGE = "99999999999999999999"  # past 2**64


def search(*args: str) -> subprocess.CompletedProcess:
    """`python -m studytui search ...`, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "studytui", "search", *args],
                          capture_output=True, text=True, env=os.environ.copy(), timeout=120)


def assert_no_crash(result: subprocess.CompletedProcess) -> None:
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream, stream
        assert "unexpected error" not in stream, stream
        assert "OverflowError" not in stream, stream


# -- through the entry point ------------------------------------------------------------
def test_a_huge_limit_is_clamped_and_said():
    result = search("--limit", HUGE, "dlq")
    assert_no_crash(result)
    assert result.returncode == 0
    assert result.stderr.strip() == (f"studytui search: --limit {HUGE} is more than "
                                      f"{MAX_LIMIT}; showing at most {MAX_LIMIT} hits")
    lines = result.stdout.splitlines()
    assert lines and len(lines) <= MAX_LIMIT
    assert "«dlq»" in lines[0].lower()


def test_a_huge_limit_leaves_json_on_stdout_clean():
    result = search("--json", "--limit", HUGE, "lambda")
    assert_no_crash(result)
    assert result.returncode == 0
    data = json.loads(result.stdout)  # the notice went to stderr
    assert 0 < len(data["hits"]) <= MAX_LIMIT
    assert f"at most {MAX_LIMIT}" in result.stderr


def test_the_limit_at_the_clamp_says_nothing():
    result = search("--json", "--limit", str(MAX_LIMIT), "dlq")
    assert_no_crash(result)
    assert result.returncode == 0 and result.stderr == ""


@pytest.mark.parametrize("limit", ["0", "-1", f"-{HUGE}"])
def test_a_limit_below_one_is_refused(limit):
    result = search("--limit", limit, "dlq")
    assert_no_crash(result)
    assert result.returncode == 2
    assert result.stderr.strip() == "studytui search: --limit must be at least 1"
    assert result.stdout == ""


@pytest.mark.parametrize("limit", ["1e999", "ten", "9" * 5000, "0x10", ""])
def test_a_limit_that_is_not_a_whole_number_is_refused(limit):
    result = search("--limit", limit, "dlq")
    assert_no_crash(result)
    assert result.returncode == 2
    assert "--limit: invalid int value" in result.stderr
    assert result.stdout == ""


def test_two_topic_filters_mean_either_topic():
    result = search("--json", "--limit", HUGE, "topic:sqs", "topic:sns", "dlq")
    assert_no_crash(result)
    assert result.returncode == 0
    topics = {hit["topic_id"] for hit in json.loads(result.stdout)["hits"]}
    assert topics == {"sqs", "sns"}


def test_an_unknown_topic_among_several_is_named():
    result = search("topic:sqs", "topic:nope", "dlq")
    assert_no_crash(result)
    assert result.returncode == 2
    assert result.stderr.startswith("studytui search: topic:nope is not a topic; topics: ")
    assert result.stdout == ""


def test_help_documents_repeated_filters_and_the_clamp():
    result = search("--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())  # argparse wraps lines
    assert "Several filters of one kind mean any of them" in text
    assert "topic:sqs topic:sns" in text
    assert f"an N over {MAX_LIMIT} is clamped to {MAX_LIMIT}" in text


def test_help_screen_documents_repeated_filters():
    source = (Path(studytui.__file__).parent / "ui" / "help.md").read_text(encoding="utf-8")
    search_part = source.split("## Search", 1)[1].split("\n## ", 1)[0]
    text = " ".join(search_part.split())
    assert "Several filters of one kind mean any of them" in text
    assert "topic:sqs topic:sns" in text and "1000" in text


def test_a_one_letter_term_marks_only_that_letter_as_a_word():
    result = search("--json", "--limit", "50", "x")
    assert_no_crash(result)
    assert result.returncode == 0
    hits = json.loads(result.stdout)["hits"]
    assert hits
    marked = [m for hit in hits for m in re.findall("«([^»]*)»", hit["snippet"])]
    assert marked and {m.lower() for m in marked} == {"x"}, marked


# -- the highlight rule -----------------------------------------------------------------
def test_a_one_letter_term_highlights_only_the_whole_word():
    text = "Sticky sessions use s cookies; S-3 and SSE-S3 too.\n"
    # "S-3": the S stands alone; "SSE-S3": S3 is a word of its own, not the letter
    assert highlight_markdown(text, ["s"]) == (
        "Sticky sessions use **s** cookies; **S**-3 and SSE-S3 too.\n")


def test_a_term_of_two_letters_or_more_highlights_the_words_it_starts():
    text = "Sticky sessions stick; a stack is not sticky.\n"
    assert highlight_markdown(text, ["st"]) == (
        "**Sticky** sessions **stick**; a **stack** is not **sticky**.\n")
    assert highlight_markdown(text, ["sticky"]) == (
        "**Sticky** sessions stick; a stack is not **sticky**.\n")
    assert highlight_markdown(text, ["session"]) == (
        "Sticky **sessions** stick; a stack is not sticky.\n")


def test_short_and_long_terms_together_keep_their_own_rule():
    text = "A queue, a dead-letter queue and an alarm.\n"
    assert highlight_markdown(text, ["a", "queue"]) == (
        "**A** **queue**, **a** dead-letter **queue** and an alarm.\n")
    # the longer term wins where both could match
    assert highlight_markdown("an answer\n", ["a", "an"]) == "**an** **answer**\n"


def test_one_letter_terms_skip_code_and_lines_without_the_word():
    text = "Start here.\nSome text.\n`x` in code\nThe x axis.\n"
    assert first_match_line(text, ["s"]) is None
    assert first_match_line(text, ["x"]) == 2  # the line, as before: found in code too
    out = highlight_markdown(text, ["x"])
    assert "`x` in code" in out and "The **x** axis." in out


def test_no_terms_mark_nothing():
    assert term_pattern([]) is None and term_pattern(["", ""]) is None
    assert highlight_markdown("text\n", []) == "text\n"


def test_snippets_follow_the_same_rule():
    snippet = _scan_snippet("Sticky sessions use s cookies and a stack.", ["s"])
    assert snippet.count(MARK_OPEN) == 1
    assert f"{MARK_OPEN}s{MARK_CLOSE} cookies" in snippet
    prefix = _scan_snippet("Sticky sessions use s cookies and a stack.", ["st"])
    assert (f"{MARK_OPEN}Sticky{MARK_CLOSE}" in prefix
            and f"{MARK_OPEN}stack{MARK_CLOSE}" in prefix and prefix.count(MARK_OPEN) == 2)


def test_a_one_letter_snippet_centres_on_the_word_not_the_first_letter():
    body = "Several extra sentences exist: xray, xml and so on. " * 4 + "Then x stands alone."
    snippet = _scan_snippet(body, ["x"], width=40)
    assert f"{MARK_OPEN}x{MARK_CLOSE}" in snippet


# -- repeated filters -------------------------------------------------------------------
def test_repeated_filters_are_kept_once_each_in_order():
    parsed = parse("topic:sqs topic:sns topic:sqs domain:1 domain:3 type:note type:question "
                   "dlq", ["sqs", "sns"])
    assert parsed.topics == ("sqs", "sns")
    assert parsed.domains == (1, 3)
    assert parsed.kinds == ("note", "question")
    assert [p.tokens for p in parsed.parts] == [("dlq",)]


def test_a_bad_value_among_repeated_filters_still_fails():
    for bad in ("topic:sqs topic:nope x", "domain:1 domain:9 x", "type:note type:video x"):
        with pytest.raises(SearchSyntaxError):
            parse(bad, ["sqs", "sns"])


@pytest.fixture(scope="module")
def indexes():
    groups, problems = load_synonyms(bundled_content_dir() / "synonyms.yaml")
    assert problems == []
    library = load_bank([bundled_content_dir()])
    return SearchIndex(library, groups), SearchIndex(library, groups, use_fts=False)


def test_topic_sqs_topic_sns_returns_hits_of_both_topics(indexes):
    for index in indexes:
        hits = index.search("topic:sqs topic:sns dlq", 100).hits
        assert {h.topic_id for h in hits} == {"sqs", "sns"}, index.fts
        one = {h.id for h in index.search("topic:sqs dlq", 100).hits}
        other = {h.id for h in index.search("topic:sns dlq", 100).hits}
        assert {h.id for h in hits} == one | other  # any of them: the union


def test_a_filter_given_twice_is_the_same_filter(indexes):
    index = indexes[0]
    assert ([h.id for h in index.search("topic:sqs topic:sqs dlq", 50).hits]
            == [h.id for h in index.search("topic:sqs dlq", 50).hits])


def test_filters_of_different_kinds_must_all_hold(indexes):
    for index in indexes:
        hits = index.search("topic:sqs topic:sns type:question dlq", 100).hits
        assert hits and {h.kind for h in hits} == {"question"}
        assert {h.topic_id for h in hits} == {"sqs", "sns"}
        kinds = index.search("type:note type:question topic:sqs dlq", 100).hits
        assert {h.kind for h in kinds} == {"note", "question"}


def test_repeated_domains_mean_any_domain(indexes):
    index = indexes[0]
    one = {h.id for h in index.search("cache domain:1", MAX_LIMIT).hits}
    four = {h.id for h in index.search("cache domain:4", MAX_LIMIT).hits}
    both = {h.id for h in index.search("cache domain:1 domain:4", MAX_LIMIT).hits}
    assert one and four and both == one | four


def test_repeated_filters_alone_list_what_they_select(indexes):
    for index in indexes:
        hits = index.search("topic:sqs topic:sns", MAX_LIMIT).hits
        assert {h.topic_id for h in hits} == {"sqs", "sns"}


def test_a_huge_or_negative_limit_in_the_library_call(indexes):
    for index in indexes:
        hits = index.search("lambda", 10 ** 30).hits  # was an OverflowError
        assert 0 < len(hits) <= MAX_LIMIT
        assert index.search("lambda", -1).hits == []  # SQLite reads LIMIT -1 as no limit
        assert len(index.search("topic:sqs", 10 ** 30).hits) <= MAX_LIMIT


def test_a_far_guess_is_a_suggestion_not_a_rewrite(indexes):
    index = indexes[0]
    # one edit from "envelope": corrected and run, and said
    near = index.search("envelopz", 5)
    assert near.corrected_query == "envelope" and near.hits
    # several edits from the nearest word: never run as if typed, only offered
    far = index.search("qzvelopeq", 5)
    assert far.corrected_query is None and not far.hits
    assert far.suggestion is not None


def test_snippets_keep_star_and_underscore_inside_code():
    from studytui.search.index import _scan_snippet, plain

    body = ('Prose with *emphasis* and `MAX_RECORD_SIZE`.\n\n```json\n'
            '{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}\n```\n')
    assert plain(body) == ('Prose with emphasis and MAX_RECORD_SIZE. {"Effect": "Allow", '
                           '"Principal": "*", "Action": "s3:GetObject"}')
    snippet = _scan_snippet(body, ("principal",), width=60)
    from studytui.search.index import MARK_CLOSE, MARK_OPEN

    assert '"Principal": "*"' in snippet.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
