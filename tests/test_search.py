"""Search: ranking on a fixed query set, query syntax, typos, synonyms, hostile input."""

from __future__ import annotations

import dataclasses
import json

import pytest

from studytui.bank import load_bank
from studytui.content import Library
from studytui.locations import bundled_content_dir
from studytui.search import SearchIndex, SearchSyntaxError
from studytui.search import index as search_index
from studytui.search.highlight import highlight_markdown
from studytui.search.synonyms import load_synonyms
from tests.test_cli import run


@pytest.fixture(scope="module")
def groups():
    found, problems = load_synonyms(bundled_content_dir() / "synonyms.yaml")
    assert problems == []
    return found


@pytest.fixture(scope="module")
def index(groups):
    return SearchIndex(load_bank([bundled_content_dir()]), groups)


@pytest.fixture(scope="module")
def scan_index(groups):
    return SearchIndex(load_bank([bundled_content_dir()]), groups, use_fts=False)


# query -> a note section that must be among the top 3 hits
RANKING = {
    "sticky sessions": "elb-sticky-sessions",
    "X-Forwarded-For": "elb-client-info",
    "binpack": "ecs-task-placement",
    "exponential backoff": "sdk-retries-backoff",
    "decode-authorization-message": "cli-decode-errors",
    "presigned url": "s3-access-control",
    "read replicas": "rds-aurora-read-replicas",
    "lazy loading write through": "elasticache-strategies",
    "user data": "ec2-user-data",
    "stage variables": "api-gateway-stage-variables",
    "immutable deployment": "elastic-beanstalk-deployment-policies",
    "appspec hooks": "cicd-appspec-hooks",  # the section that teaches the hooks
    "intrinsic functions": "cloudformation-intrinsic-functions",
    "cloudformation intrinsic": "cloudformation-intrinsic-functions",  # service + idea
    "annotations metadata": "cloudwatch-xray-concepts",
    "query scan": "dynamodb-query-scan-batch",
    "layers": "lambda-packaging-limits",
    "identity pool": "cognito-identity-pools",
    # short forms of the newer topics' services and ideas (content/synonyms.yaml)
    "sqs dlq": "sqs-dead-letter-queues",
    "fifo deduplication": "sqs-fifo-ordering-deduplication",
    "sfn retry": "step-functions-retry-catch",
    "asl": "step-functions-overview",
    "efo": "kinesis-enhanced-fan-out",
    "kcl checkpoint": "kinesis-kcl",
    "kds shard": "kinesis-streams-shards",
    "kdf": "kinesis-firehose",  # only a synonym leads there: no note says KDF
    "cwe": "cloudwatch-eventbridge",
    "sar": "sam-serverless-application-repository",
    "kms cmk": "kms-key-types",
    "dek": "kms-envelope-encryption",  # likewise: the notes say "data key"
    "mrk": "kms-multi-region-imported",
    "ssm parameter": "parameter-store-appconfig-parameter-types",
    "asm rotation": "secrets-manager-lambda-rotation",  # the notes say "Secrets Manager"
    "oac": "cloudfront-origin-access",
    "oai": "cloudfront-origin-access",
    "efs access point": "efs-access-points",
    "efs ap": "efs-access-points",
    "waf": "more-services-waf",
    "q developer": "developer-tools-amazon-q",
}


def _section_ids(index: SearchIndex) -> set[str]:
    return set(index.library.section_by_id)


@pytest.mark.parametrize("query, section", sorted(RANKING.items()))
def test_ranking_puts_the_teaching_section_in_the_top_3(index, query, section):
    if section not in _section_ids(index):  # keep the table honest if a section is renamed
        close = sorted(s for s in _section_ids(index) if s.split("-")[0] ==
                       section.split("-")[0])
        pytest.fail(f"{section} is not a section; sections of that topic: {close}")
    hits = index.search(query, 10).hits
    top = [h.section_id for h in hits[:3]]
    assert section in top, (query, [(h.kind, h.section_id) for h in hits[:5]])


def test_prefix_finds_while_typing(index):
    assert index.search("cloudfor", 5).hits
    assert index.search("stick", 5).hits[0].section_id == "elb-sticky-sessions"


def test_phrase_and_open_quote(index):
    phrase = index.search('"read capacity unit"', 20).hits
    assert phrase and all("read capacity unit" in h.plain_snippet("", "").lower() or
                          h.kind == "note" for h in phrase[:3])
    assert index.search('"x-forwarded', 5).hits[0].section_id == "elb-client-info"


def test_filters(index):
    hits = index.search("encryption topic:s3", 20).hits
    assert hits and {h.topic_id for h in hits} == {"s3"}
    questions = index.search("kms type:question", 20).hits
    assert questions and {h.kind for h in questions} == {"question"}
    domain = index.search("cache domain:4", 20).hits
    assert domain
    assert index.search("topic:elb", 50).hits  # a filter alone lists what it selects
    for bad in ("type:video x", "domain:7 x", "topic:nope x", "topic: x"):
        with pytest.raises(SearchSyntaxError):
            index.search(bad)


def test_typo_is_corrected_and_said(index):
    result = index.search("cloudfromation", 5)
    assert result.corrected_query == "cloudformation"
    assert result.hits and result.hits[0].topic_id == "cloudformation"
    assert index.search("elasticbeanstalk deploymnet", 5).corrected_query
    assert index.search("lambda", 5).corrected_query is None


def test_synonyms_find_each_other(index):
    def sections(query: str) -> set[str]:
        return {h.section_id for h in index.search(query, 15).hits}

    assert sections("ALB") & sections("application load balancer")
    asg = index.search("ASG", 10).hits
    assert asg and any(h.topic_id == "asg" for h in asg)
    cup = index.search("CUP", 10).hits
    assert cup and cup[0].topic_id in ("cognito", "api-gateway")
    assert index.search("IMDSv2", 5).hits[0].topic_id in ("ec2", "sdk")
    assert index.search("SSE-KMS", 5).hits[0].topic_id == "s3"


@pytest.mark.parametrize("query", ["", "   ", '"', '""', "*", "-", ":", "(", ")", "^",
                                   'NEAR(a b)', "a AND OR NOT", '"unclosed phrase',
                                   "x" * 5000, "lambda " * 400, "\x00\x01", "∑ ü ß 日本"])
def test_hostile_queries_never_raise(index, scan_index, query):
    for each in (index, scan_index):
        result = each.search(query, 5)
        assert isinstance(result.hits, list)
    assert index.search("", 5).hits == []


def test_scan_fallback_agrees_on_the_obvious(scan_index):
    assert scan_index.search("binpack", 5).hits[0].section_id == "ecs-task-placement"
    assert scan_index.search("sticky sessions topic:elb", 5).hits[0].topic_id == "elb"
    assert scan_index.search("ALB", 5).hits


def test_snippets_mark_the_match(index):
    hit = index.search("binpack", 1).hits[0]
    assert "«binpack»" in hit.plain_snippet().lower()


def test_highlight_leaves_code_alone():
    text = "Use sticky cookies.\n\n```\nsticky = 1\n```\n`sticky` here\n"
    out = highlight_markdown(text, ["sticky"])
    assert out.startswith("Use **sticky** cookies.")
    assert "sticky = 1" in out and "`sticky` here" in out


def test_synonym_file_problems_name_file_and_line(tmp_path):
    bad = tmp_path / "synonyms.yaml"
    bad.write_text("groups:\n  - [alb, application load balancer]\n  - [solo]\n"
                   "  - [alb, something else]\n")
    groups, problems = load_synonyms(bad)
    assert groups == []
    assert [(p.line, "at least two" in p.message or "already" in p.message)
            for p in problems] == [(3, True), (4, True)]


def test_cli_search_json_and_errors():
    data = json.loads(run("search", "sticky", "sessions", "--json", "--limit", "3").stdout)
    assert data["query"] == "sticky sessions" and data["corrected_query"] is None
    first = data["hits"][0]
    assert set(first) >= {"id", "topic", "topic_id", "section", "kind", "score", "snippet"}
    assert first["topic_id"] == "elb"
    typo = json.loads(run("search", "cloudfromation", "--json").stdout)
    assert typo["corrected_query"] == "cloudformation"
    nothing = run("search", "zzzzqqqq", "--json")
    assert nothing.returncode == 0 and json.loads(nothing.stdout)["hits"] == []
    bad = run("search", "type:video", "x")
    assert bad.returncode == 2 and "type:video" in bad.stderr
    plain = run("search", "binpack", "--limit", "1").stdout.splitlines()
    assert plain[0].startswith("Amazon ECS") or "›" in plain[0]


def test_snippets_drop_markdown_table_rules_and_links():
    from studytui.search.index import plain

    table = "| Strategy | Does |\n|---|:---:|\n| binpack | fewest [hosts](https://x.y/z) |"
    assert plain(table) == "Strategy Does binpack fewest hosts"


def test_a_topic_filter_being_typed_means_the_one_topic_it_starts(index):
    hits = index.search("topic:dynam throttling", 5).hits
    assert hits and all(h.topic_id == "dynamodb" for h in hits)
    with pytest.raises(SearchSyntaxError, match="topics: ec2, ecs$"):
        index.search("topic:ec x", 5)  # more than one topic starts so: say which


@pytest.fixture
def saved(monkeypatch, tmp_path, groups):
    """The bundled content indexed as a large corpus is: saved in a cache folder."""
    monkeypatch.setattr(search_index, "PERSIST_MIN_DOCS", 1)
    library = load_bank([bundled_content_dir()])
    first = SearchIndex(library, groups, cache_dir=tmp_path)
    files = list(tmp_path.glob("search-*.index"))
    assert not first.loaded and len(files) == 1
    return library, files[0]


QUERIES = ["sticky sessions", "lambda", '"read replicas"', "type:note dynamodb",
           "cloudfromation", "topic:dynam throttling"]


def test_a_saved_index_loads_and_gives_the_same_hits(index, saved, groups, tmp_path):
    library, _ = saved
    loaded = SearchIndex(library, groups, cache_dir=tmp_path)
    assert loaded.loaded
    for query in QUERIES:
        fresh = index.search(query, 1000)
        again = loaded.search(query, 1000)
        assert fresh.hits and again.hits == fresh.hits
        assert again.corrected_query == fresh.corrected_query
    for query, section in sorted(RANKING.items()):
        assert section in [h.section_id for h in loaded.search(query, 10).hits[:3]], query


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "other header", "folder"])
def test_a_damaged_saved_index_is_rebuilt_and_replaced(index, saved, groups, tmp_path,
                                                       damage):
    library, path = saved
    good = path.read_bytes()
    if damage == "flip":  # one byte deep inside the FTS5 data
        middle = len(good) // 2
        path.write_bytes(good[:middle] + bytes([good[middle] ^ 0x40]) + good[middle + 1:])
    elif damage == "truncate":
        path.write_bytes(good[: len(good) - 4096])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "other header":  # a file of other documents renamed: not trusted
        path.write_bytes(good.replace(path.stem.split("-")[1].encode(), b"0" * 32, 1))
    else:
        path.unlink()
        path.mkdir()
    rebuilt = SearchIndex(library, groups, cache_dir=tmp_path)
    assert not rebuilt.loaded
    assert [h.id for h in rebuilt.search("sticky sessions", 50).hits] == [
        h.id for h in index.search("sticky sessions", 50).hits]
    if damage != "folder":  # a folder in the way is left alone; the index is only rebuilt
        assert path.read_bytes() == good
        assert SearchIndex(library, groups, cache_dir=tmp_path).loaded
    assert not list(tmp_path.glob(".studytui-tmp-*"))


def test_changed_documents_get_a_new_index_and_the_old_one_goes(saved, groups, tmp_path):
    library, path = saved
    topic = library.topics[0]
    section = dataclasses.replace(topic.sections[0], body="zyxwvut only here")
    changed = Library(topics=[dataclasses.replace(topic, sections=(section, *topic.sections[1:])),
                              *library.topics[1:]], questions=library.questions)
    index = SearchIndex(changed, groups, cache_dir=tmp_path)
    assert not index.loaded and index.search("zyxwvut", 5).hits[0].id == section.id
    assert not path.exists() and len(list(tmp_path.glob("search-*.index"))) == 1


def test_a_small_index_is_never_saved(tmp_path, groups):
    SearchIndex(load_bank([bundled_content_dir()]), groups, cache_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []
