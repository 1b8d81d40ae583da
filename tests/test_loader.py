"""Loader: good content loads; each bad file is reported with file and line, and skipped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from studytui.content import load_library
from tests.conftest import PACK

GOOD_TOPIC = (PACK / "topics" / "beta.yaml").read_text()


def pack_with(tmp_path: Path, name: str, text: str, kind: str = "topics") -> Path:
    """A copy of the fixture pack plus one extra file."""
    folder = tmp_path / "pack"
    shutil.copytree(PACK, folder)
    (folder / kind / name).write_text(text, encoding="utf-8")
    return folder


def only_problem(library, name: str):
    assert len(library.problems) == 1, library.problems
    problem = library.problems[0]
    assert problem.file.endswith(name)
    return problem


def test_fixture_pack_loads(pack_library):
    assert [t.id for t in pack_library.topics] == ["alpha", "beta"]
    assert len(pack_library.sections) == 4
    assert pack_library.question_by_id["alpha-q002"].answer == {0, 1}
    assert pack_library.topic_of("beta-two").id == "beta"


def test_syntax_error_names_file_and_line(tmp_path):
    text = "id: gamma\ntitle: Gamma\nsections:\n  - id: gamma-a\n    title: [unclosed\n"
    library = load_library([pack_with(tmp_path, "gamma.yaml", text)])
    problem = only_problem(library, "gamma.yaml")
    assert "syntax" in problem.message
    assert problem.line in (5, 6)
    assert [t.id for t in library.topics] == ["alpha", "beta"]  # the rest still loads


def test_missing_key_points_at_the_mapping(tmp_path):
    text = GOOD_TOPIC.replace("id: beta\n", "id: gamma\n").replace("beta-", "gamma-")
    text = text.replace("    title: Beta two\n", "")
    library = load_library([pack_with(tmp_path, "gamma.yaml", text)])
    problem = only_problem(library, "gamma.yaml")
    assert problem.message == "missing key 'title'"
    assert problem.line == text.splitlines().index("  - id: gamma-two") + 1


def test_duplicate_topic_id_is_reported_at_its_line(tmp_path):
    library = load_library([pack_with(tmp_path, "zz-copy.yaml", GOOD_TOPIC)])
    problem = library.problems[0]
    assert problem.file.endswith("zz-copy.yaml")
    assert "duplicate topic id 'beta'" in problem.message
    assert problem.line == 1
    assert {p.line for p in library.problems[1:]} == {8, 13}  # its two section ids


def test_duplicate_section_id_within_a_file(tmp_path):
    text = GOOD_TOPIC.replace("id: beta\n", "id: gamma\n").replace("beta-one", "gamma-x")
    text = text.replace("beta-two", "gamma-x")
    library = load_library([pack_with(tmp_path, "gamma.yaml", text)])
    problem = only_problem(library, "gamma.yaml")
    assert "duplicate section id 'gamma-x'" in problem.message
    assert problem.line == text.splitlines().index("  - id: gamma-x", 12) + 1


def test_wrong_type_names_key_and_type(tmp_path):
    text = GOOD_TOPIC.replace("id: beta\n", "id: gamma\n").replace("beta-", "gamma-")
    text = text.replace("domains: [2]", "domains: two")
    library = load_library([pack_with(tmp_path, "gamma.yaml", text)])
    problem = only_problem(library, "gamma.yaml")
    assert problem.message == "'domains' must be a list, not text"
    assert problem.line == text.splitlines().index("domains: two") + 1


def test_unknown_key_and_bad_task(tmp_path):
    text = GOOD_TOPIC.replace("id: beta\n", "id: gamma\ncolour: blue\n").replace("beta-", "g-")
    text = text.replace('tasks: ["2.1"]', 'tasks: ["2.9"]')
    library = load_library([pack_with(tmp_path, "gamma.yaml", text)])
    messages = sorted((p.line, p.message) for p in library.problems)
    assert (2, "unknown key 'colour'") in messages
    assert any("'2.9' is not a DVA-C02 task id" in m for _, m in messages)
    assert any("must start" in m or "section" in m for _, m in messages) or len(messages) >= 2


def test_question_rules(tmp_path):
    text = (PACK / "questions" / "alpha.yaml").read_text()
    text = text.replace("id: alpha-q002", "id: alpha-q001")  # duplicate id
    text = text.replace('task: "1.1"', 'task: "2.1"')  # task of another domain
    library = load_library([pack_with(tmp_path, "alpha.yaml", text, kind="questions")])
    messages = [p.message for p in library.problems]
    assert any("task 2.1 belongs to domain 2, not domain 1" in m for m in messages)
    assert all(p.file.endswith("alpha.yaml") for p in library.problems)
    assert not any(q.topic_id == "alpha" for q in library.questions)  # bad file skipped


@pytest.mark.parametrize("change, expected", [
    (("        correct: true\n        why: Carries the client protocol.\n",
      "        why: Carries the client protocol.\n"), "needs 2 or more right options"),
    (("(Choose TWO.)", "(Choose THREE.)"), "says '(Choose THREE.)' but 2 options"),
    (("section: alpha-more", "section: beta-one"), "not a section of topic 'alpha'"),
])
def test_multi_response_checks(tmp_path, change, expected):
    text = (PACK / "questions" / "alpha.yaml").read_text().replace(*change)
    library = load_library([pack_with(tmp_path, "alpha.yaml", text, kind="questions")])
    assert any(expected in p.message for p in library.problems), library.problems


def test_alias_bomb_is_refused(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 9) + "]\n"
    library = load_library([pack_with(tmp_path, "bomb.yaml", bomb)])
    problem = only_problem(library, "bomb.yaml")
    assert "aliases" in problem.message and problem.line == 2


def test_huge_and_binary_files_are_refused(tmp_path):
    folder = pack_with(tmp_path, "huge.yaml", "x: '" + "y" * 1_100_000 + "'\n")
    (folder / "topics" / "binary.yaml").write_bytes(b"id: \xff\xfe\x00\x01")
    library = load_library([folder])
    messages = {Path(p.file).name: p.message for p in library.problems}
    assert "limit" in messages["huge.yaml"]
    assert "UTF-8" in messages["binary.yaml"]


def test_missing_folder_and_empty_file(tmp_path):
    folder = pack_with(tmp_path, "empty.yaml", "")
    library = load_library([folder, tmp_path / "does-not-exist"])
    empty, missing = library.problems
    assert empty.file.endswith("empty.yaml") and "must be a mapping" in empty.message
    # a pack folder that is not there is said, never read as an empty success
    assert missing.file.endswith("does-not-exist") and "does not exist" in missing.message
    assert str(missing).endswith("does-not-exist: content folder does not exist")


def test_cache_serves_unchanged_files_and_notices_edits(tmp_path, monkeypatch):
    import studytui.content.yamlfile as yamlfile

    folder = pack_with(tmp_path, "gamma.yaml", GOOD_TOPIC.replace("id: beta\n", "id: gamma\n")
                       .replace("beta-", "gamma-"))
    cache = tmp_path / "cache"
    first = load_library([folder], cache)
    assert (cache / "topics-v2.json").exists() and not first.problems

    def no_yaml(raw):
        raise AssertionError("parsed YAML although the cache holds this file")

    monkeypatch.setattr(yamlfile, "parse_yaml", no_yaml)
    again = load_library([folder], cache)
    assert [t.id for t in again.topics] == [t.id for t in first.topics]
    monkeypatch.undo()
    target = folder / "topics" / "gamma.yaml"
    target.write_text(target.read_text().replace("title: Beta one", "title: [broken"))
    edited = load_library([folder], cache)
    assert [p.file.endswith("gamma.yaml") for p in edited.problems] == [True]
    (cache / "topics-v2.json").write_text("{not json")  # a damaged cache: a slower start
    assert not load_library([pack_with(tmp_path / "2", "x.yaml", GOOD_TOPIC.replace(
        "id: beta\n", "id: x\n").replace("beta-", "x-"))], cache).problems


def test_cache_keeps_only_the_files_read_last(tmp_path):
    import json

    first = pack_with(tmp_path / "a", "gamma.yaml", GOOD_TOPIC.replace(
        "id: beta\n", "id: gamma\n").replace("beta-", "gamma-"))
    other = pack_with(tmp_path / "b", "delta.yaml", GOOD_TOPIC.replace(
        "id: beta\n", "id: delta\n").replace("beta-", "delta-"))
    cache = tmp_path / "cache"
    load_library([first, other], cache)
    files = json.loads((cache / "topics-v2.json").read_text())["files"]
    # another checkout's files must not be read at every start from now on
    again = load_library([first], cache)
    kept = json.loads((cache / "topics-v2.json").read_text())["files"]
    assert "gamma" in [t.id for t in again.topics]
    ids = [entry["id"] for entry in kept.values()]
    assert "gamma" in ids and "delta" not in ids
    assert len(kept) < len(files)


def test_a_cache_passed_by_other_checks_is_never_served(tmp_path, monkeypatch):
    import json

    folder = pack_with(tmp_path, "gamma.yaml", GOOD_TOPIC.replace("id: beta\n", "id: gamma\n")
                       .replace("beta-", "gamma-"))
    cache = tmp_path / "cache"
    load_library([folder], cache)
    document = json.loads((cache / "topics-v2.json").read_text())
    for entry in document["files"].values():
        entry["title"] = "Served from a cache of other checks"
    document["checks"] = "0" * 64  # as an older or newer validator would have written
    (cache / "topics-v2.json").write_text(json.dumps(document))
    titles = [topic.title for topic in load_library([folder], cache).topics]
    assert "gamma" in [t.id for t in load_library([folder], cache).topics]
    assert titles and "Served from a cache of other checks" not in titles


def test_questions_can_wait_until_the_library_is_completed(tmp_path):
    library = load_library([PACK], tmp_path / "cache", defer_questions=True)
    assert library.topics and not library._questions and library._deferred
    assert library.questions  # asking for them reads them, once
    count = len(library.questions)
    library.complete()
    assert len(library.questions) == count and library.question_by_id


def test_a_library_completes_once_whichever_thread_asks_first(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    library = load_library([PACK], tmp_path / "cache", defer_questions=True)
    with ThreadPoolExecutor(8) as pool:
        counts = list(pool.map(lambda _: len(library.questions), range(32)))
    assert len(set(counts)) == 1 and counts[0] == len(load_library([PACK]).questions)
