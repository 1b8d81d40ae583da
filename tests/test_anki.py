"""Anki export (issue #15): the .apkg opened as Anki would read it (a zip holding an SQLite
collection), its decks, fields, tags and GUIDs, the filters, the CLI and the palette."""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import genanki
import pytest

from studytui import anki
from studytui.content import Library

PARENT = "AWS DVA-C02 (studytui)"
ALPHA = f"{PARENT}::Alpha: a small test topic"
BETA = f"{PARENT}::Beta: security things"


@dataclasses.dataclass
class Note:
    guid: str
    model: int
    deck: str
    tags: set[str]
    fields: list[str]


def read_apkg(path: Path, tmp_path: Path) -> dict[str, Note]:
    """Every note of the package by its Id field (the last field of both note types)."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        collection = next(n for n in ("collection.anki21", "collection.anki2") if n in names)
        assert json.loads(archive.read("media")) == {}  # no media at all
        database = tmp_path / f"{path.name}.sqlite"
        database.write_bytes(archive.read(collection))
    connection = sqlite3.connect(database)
    try:
        (decks_json,) = connection.execute("SELECT decks FROM col").fetchone()
        deck_names = {int(d["id"]): d["name"] for d in json.loads(decks_json).values()}
        rows = connection.execute(
            "SELECT n.guid, n.mid, n.tags, n.flds, c.did FROM notes n JOIN cards c "
            "ON c.nid = n.id").fetchall()
        (note_count,) = connection.execute("SELECT count(*) FROM notes").fetchone()
    finally:
        connection.close()
    assert note_count == len(rows)  # one card per note
    notes = {}
    for guid, mid, tags, flds, did in rows:
        fields = flds.split("\x1f")
        notes[fields[-1]] = Note(guid, mid, deck_names[did], set(tags.split()), fields)
    assert len(notes) == len(rows)
    return notes


def deck_names(path: Path) -> set[str]:
    with zipfile.ZipFile(path) as archive:
        data = archive.read("collection.anki2")
    connection = sqlite3.connect(":memory:")
    connection.deserialize(data)
    (decks_json,) = connection.execute("SELECT decks FROM col").fetchone()
    connection.close()
    return {d["name"] for d in json.loads(decks_json).values()}


def write(export: anki.AnkiExport, path: Path) -> Path:
    path.write_bytes(export.to_bytes())
    return path


@pytest.fixture(scope="module")
def bank() -> Library:
    from studytui.bank import load_bank
    from studytui.locations import content_dirs

    return load_bank(content_dirs([]), None)


def test_one_deck_per_topic_with_its_question_and_tip_cards(pack_library, tmp_path):
    export = anki.build_export(pack_library)
    assert (export.cards, export.question_cards, export.tip_cards, export.decks) == (4, 3, 1, 2)
    path = write(export, tmp_path / "pack.apkg")
    notes = read_apkg(path, tmp_path)
    assert Counter(n.deck for n in notes.values()) == {ALPHA: 3, BETA: 1}
    assert {PARENT, ALPHA, BETA} <= deck_names(path)
    assert export.counts_text() == "4 cards (3 question cards, 1 tip cards) in 2 decks"


def test_a_question_card_holds_the_stem_options_answer_whys_and_section(pack_library,
                                                                        tmp_path):
    notes = read_apkg(write(anki.build_export(pack_library), tmp_path / "p.apkg"), tmp_path)
    note = notes["alpha-q002"]
    question, options, answer, explanation, why, study, topic, qid = note.fields
    assert note.model == anki.QUESTION_MODEL_ID
    assert note.guid == genanki.guid_for("studytui", "alpha-q002")
    assert note.tags == {"alpha", "D1", "task-1.1", "medium"}
    assert "(Choose TWO.)" in question and question.startswith("<p>")
    for letter, text in zip("ABCDE", ["X-Forwarded-For", "X-Forwarded-Proto", "X-Amz-Date",
                                      "Content-MD5", "Host-Override"], strict=True):
        assert f'<span class="letter">{letter}.</span>{text}</div>' in options
    assert answer == "A, B"
    assert explanation == "<p>Load balancers add X-Forwarded-* headers.</p>"
    for text in ("Carries the client IP.", "Carries the client protocol.",
                 "A signing header, not about the client.", "A body checksum.",
                 "Not a standard header."):
        assert text in why
    assert why.count('class="why-item right"') == 2 and why.count("why-item wrong") == 3
    assert study == "Alpha: a small test topic › More about alpha"
    assert (topic, qid) == ("Alpha: a small test topic", "alpha-q002")
    # nothing on the front gives the answer away
    assert "Carries" not in question + options
    beta = notes["beta-q001"]
    assert beta.tags == {"beta", "D2", "task-2.1", "hard"} and beta.deck == BETA


def test_a_tip_card_asks_on_the_front_and_answers_with_the_tip(pack_library, tmp_path):
    notes = read_apkg(write(anki.build_export(pack_library), tmp_path / "p.apkg"), tmp_path)
    note = notes["alpha-basics#tip-1"]
    prompt, tip, topic, section, _ = note.fields
    assert note.model == anki.TIP_MODEL_ID and note.deck == ALPHA
    assert note.guid == genanki.guid_for("studytui-tip", "alpha-basics", 0)
    assert tip == "Remember that reads round up to 4 KB."
    assert prompt == "Remember that reads round …" and prompt != tip
    assert (topic, section) == ("Alpha: a small test topic", "Alpha basics")
    assert note.tags == {"alpha", "D1", "task-1.1", "task-1.3", "exam-tip"}


def test_tip_prompts_ask_for_the_answer_part():
    assert anki.tip_prompt("Global users of a REST API: edge-optimized.") == (
        "Global users of a REST API: **?**")
    assert anki.tip_prompt("Connect a front end = `Amplify.configure(outputs)`") == (
        "Connect a front end = **?**")
    assert anki.tip_prompt("Rising 5XX on targets -> the bug is in the app") == (
        "Rising 5XX on targets -> **?**")
    # a separator inside inline code is not the split; a one-word head is not a scenario
    assert anki.tip_prompt("Use `a = b` in `x` and `y` and `z` later") == "Use `a = b` in …"
    assert anki.tip_prompt("Set `a b c d` now") == "Set `a b c d` …"  # never cut in code
    assert anki.tip_prompt("Cross-account: both must allow.") == "Cross-account: both …"
    assert anki.tip_prompt("Short") == "Short …"


@pytest.mark.filterwarnings("error")  # genanki warns on fields with bad HTML
def test_guids_model_and_deck_ids_are_the_same_on_every_export(bank, tmp_path):
    first = read_apkg(write(anki.build_export(bank), tmp_path / "1.apkg"), tmp_path)
    second = read_apkg(write(anki.build_export(bank), tmp_path / "2.apkg"), tmp_path)
    assert len(first) == len(bank.questions) + sum(len(s.exam_tips) for s in bank.sections)
    assert {k: (n.guid, n.model, n.deck) for k, n in first.items()} == {
        k: (n.guid, n.model, n.deck) for k, n in second.items()}
    assert len({n.guid for n in first.values()}) == len(first)  # no two notes share one
    # generated numeric questions are exported too, like the authored ones
    assert any(key.startswith("gen-") for key in first)


def test_guids_do_not_change_when_a_question_or_tip_is_reworded(pack_library, tmp_path):
    before = read_apkg(write(anki.build_export(pack_library), tmp_path / "a.apkg"), tmp_path)
    question = pack_library.question_by_id["alpha-q001"]
    reworded = dataclasses.replace(
        question, stem="Reworded: how many read units for a 6 KB strong read?",
        explanation="New explanation.",
        options=tuple(dataclasses.replace(o, why=o.why + " (updated)") for o in question.options))
    topics = [dataclasses.replace(t, sections=tuple(
        dataclasses.replace(s, exam_tips=tuple(tip + " Updated." for tip in s.exam_tips))
        for s in t.sections)) for t in pack_library.topics]
    changed = Library(topics=topics, questions=[reworded if q.id == question.id else q
                                                for q in pack_library.questions])
    after = read_apkg(write(anki.build_export(changed), tmp_path / "b.apkg"), tmp_path)
    assert {k: n.guid for k, n in before.items()} == {k: n.guid for k, n in after.items()}
    assert "Reworded" in after["alpha-q001"].fields[0]
    assert after["alpha-q001"].fields != before["alpha-q001"].fields
    assert after["alpha-basics#tip-1"].fields[1].endswith("Updated.")


def test_model_and_deck_ids_are_fixed_numbers_derived_from_names(bank):
    assert anki.QUESTION_MODEL_ID == anki.stable_id(anki.QUESTION_MODEL_NAME)
    assert anki.TIP_MODEL_ID == anki.stable_id(anki.TIP_MODEL_NAME)
    assert anki.stable_id("x") == anki.stable_id("x")
    ids = [anki.deck_id(t.id) for t in bank.topics] + [anki.stable_id(anki.PARENT_DECK_NAME)]
    assert len(set(ids)) == len(ids)
    assert all((1 << 30) <= i < (1 << 31) for i in [*ids, anki.QUESTION_MODEL_ID,
                                                      anki.TIP_MODEL_ID])


def test_topic_domain_and_kind_filters(pack_library, bank, tmp_path):
    def keys(**chosen) -> set[str]:
        export = anki.build_export(pack_library, **chosen)
        return set(read_apkg(write(export, tmp_path / "f.apkg"), tmp_path))

    everything = {"alpha-q001", "alpha-q002", "beta-q001", "alpha-basics#tip-1"}
    assert keys() == everything
    assert keys(topics=["alpha"]) == everything - {"beta-q001"}
    assert keys(domains=[2]) == {"beta-q001"}
    assert keys(domains=[1, 2]) == everything
    assert keys(kind="questions") == everything - {"alpha-basics#tip-1"}
    assert keys(kind="notes") == {"alpha-basics#tip-1"}
    assert keys(topics=["beta"], kind="notes") == set()
    with pytest.raises(ValueError):
        anki.build_export(pack_library, kind="cards")
    lambda_d2 = anki.build_export(bank, topics=["lambda"], domains=[1], kind="questions")
    assert lambda_d2.question_cards == sum(1 for q in bank.questions
                                           if q.topic_id == "lambda" and q.domain == 1)
    assert lambda_d2.decks == 1 and lambda_d2.tip_cards == 0


def test_markdown_becomes_simple_html_without_media():
    html = anki.block_html(
        "Some **bold** and `code`:\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n- one\n- two\n\n"
        "```\naws sts get-caller-identity\n```\n\nSee [streams](section:dynamodb-streams), "
        "![diagram](https://example.com/x.png) and <script>alert(1)</script>.")
    for part in ("<strong>bold</strong>", "<code>code</code>", "<table>", "<th>a</th>",
                 "<td>1</td>", "<ul>\n<li>one</li>", "<pre><code>aws sts get-caller-identity",
                 '<span class="see">streams</span>', "&lt;script&gt;"):
        assert part in html, part
    assert "<img" not in html and "section:" not in html and "<script>" not in html
    assert anki.inline_html("a *b*\n  c") == "a <em>b</em> c"


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "studytui", "export", *args],
                          capture_output=True, text=True, cwd=cwd, env=os.environ.copy(),
                          timeout=120)


def test_the_cli_writes_the_package_and_says_what_it_wrote(bank, tmp_path):
    target = tmp_path / "out" / "deck.apkg"
    target.parent.mkdir()
    done = run_cli("--format", "apkg", "--output", str(target), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    expected = anki.build_export(bank)
    assert done.stdout == f"Wrote {expected.counts_text()} to {target}\n"
    notes = read_apkg(target, tmp_path)
    assert len(notes) == expected.cards
    assert os.listdir(target.parent) == ["deck.apkg"]  # no temp file left beside it
    # again, over the first one: replaced in place, same GUIDs
    assert run_cli("--format", "apkg", "--output", str(target), cwd=tmp_path).returncode == 0
    assert {k: n.guid for k, n in read_apkg(target, tmp_path).items()} == {
        k: n.guid for k, n in notes.items()}


def test_the_cli_default_name_filters_and_refusals(tmp_path):
    done = run_cli("--format", "apkg", "--topic", "lambda", "--kind", "notes", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("in 1 deck to studytui-dva-c02.apkg\n")
    notes = read_apkg(tmp_path / "studytui-dva-c02.apkg", tmp_path)
    assert notes and all("exam-tip" in n.tags and "lambda" in n.tags for n in notes.values())

    for args, message in [
        (["--output", "-"], "binary and cannot go to stdout"),
        (["--output", str(tmp_path)], "is a folder"),
        (["--output", str(tmp_path / "missing" / "x.apkg")], "does not exist"),
        (["--topic", "no-such-topic"], "unknown topic no-such-topic"),
    ]:
        done = run_cli("--format", "apkg", *args, cwd=tmp_path)
        assert done.returncode == 2 and message in done.stderr, (args, done.stderr)
        assert done.stdout == ""
    done = run_cli("--format", "csv", "--kind", "notes", cwd=tmp_path)
    assert done.returncode == 2 and "only apply to --format apkg" in done.stderr


async def test_the_palette_entry_writes_into_the_data_folder(pack_library, private_data_dir,
                                                            tmp_path):
    from studytui.cli import make_app
    from studytui.ui.commands import ActionCommands

    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        entries = {text: action for text, action, _ in ActionCommands(app.screen)._entries()}
        entries["Export: Anki deck (.apkg)…"]()
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
    target = private_data_dir / "exports" / "studytui-dva-c02.apkg"
    assert len(read_apkg(target, tmp_path)) == 4
    assert any(m == f"Exported 4 cards (3 question cards, 1 tip cards) in 2 decks to {target}"
               for m in messages), messages
