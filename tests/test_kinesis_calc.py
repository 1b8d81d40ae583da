"""Kinesis Data Streams shard calculator: worked examples, invariants, the CLI, the pane."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import Input, Static, Switch

from studytui.calc import CalcInputError
from studytui.calc.forms import CALCULATORS
from studytui.calc.kinesis import shard_count


def shards(mb_in, records_in, mb_out, consumers=1, efo=False) -> int:
    result = shard_count(mb_in=mb_in, records_in=records_in, mb_out=mb_out,
                         consumers=consumers, enhanced_fan_out=efo)
    assert result.value == int(result.value)
    return int(result.value)


# -- worked examples ----------------------------------------------------------------------
def test_topic_worked_example_reads_drive_the_count():
    # content/topics/kinesis.yaml: 3 MB/s, 2,500 records/s, 3 consumers each reading 3 MB/s
    result = shard_count(mb_in=3, records_in=2500, mb_out=3, consumers=3)
    assert result.value == 5 and result.unit == "shards"
    assert result.extra == {"write_shards": 3, "record_shards": 3, "read_shards": 5,
                            "read_mb_total": 9, "binding": ["MB/s read"]}
    assert result.headline() == "5 shards"
    assert any("9 / 2 = 4.5, rounds up to 5" in step for step in result.steps)
    assert "MB/s read binds" in result.steps[-1]


def test_topic_worked_example_with_enhanced_fan_out_needs_3():
    result = shard_count(mb_in=3, records_in=2500, mb_out=3, consumers=3,
                         enhanced_fan_out=True)
    assert result.value == 3 and result.extra["read_shards"] == 2
    assert result.extra["binding"] == ["MB/s written", "records/s written"]
    assert any("enhanced fan-out" in step and "do not add up" in step
               for step in result.steps)


def test_many_tiny_records_are_bound_by_the_record_count():
    # 4,000 records/s of 200 bytes is 0.8 MB/s, but needs 4 shards
    result = shard_count(mb_in=0.8, records_in=4000, mb_out=0.8, consumers=1)
    assert result.value == 4 and result.extra["binding"] == ["records/s written"]
    assert "records/s written binds" in result.steps[-1]


@pytest.mark.parametrize("efo", [False, True])
def test_brief_example_binds_equally(efo):
    result = shard_count(mb_in=3, records_in=2500, mb_out=2, consumers=3,
                         enhanced_fan_out=efo)
    assert result.value == 3
    assert result.extra["read_shards"] == (1 if efo else 3)
    assert "bind equally" in result.steps[-1]


@pytest.mark.parametrize("args, expected", [
    ((1, 1000, 2, 1), 1),           # exactly one shard's worth of everything
    ((1.01, 1000, 2, 1), 2),        # a little over 1 MB/s needs a second shard
    ((1, 1001, 2, 1), 2),           # one record over
    ((1, 1000, 2.01, 1), 2),        # reads just over 2 MB/s
    ((10, 500, 10, 5), 25),         # 5 shared readers x 10 MB/s = 50 MB/s / 2
    ((2.2, 10, 2.2, 10), 11),       # 22 MB/s read, not 23 from float noise
])
def test_edges(args, expected):
    assert shards(*args) == expected


def test_a_stream_has_at_least_one_shard():
    result = shard_count(mb_in=0, records_in=0, mb_out=0, consumers=1)
    assert result.value == 1 and result.headline() == "1 shard"
    assert "at least 1 shard" in result.steps[-1]
    assert shards(1e-13, 0, 0) == 1 and shards(0, 1e-13, 0) == 1 and shards(0, 0, 1e-13) == 1


def test_many_shared_consumers_get_a_getrecords_note():
    result = shard_count(mb_in=1, records_in=1, mb_out=1, consumers=6)
    assert any("5 GetRecords calls/s" in step for step in result.steps)
    efo = shard_count(mb_in=1, records_in=1, mb_out=1, consumers=6, enhanced_fan_out=True)
    assert not any("GetRecords" in step for step in efo.steps)


@pytest.mark.parametrize("kwargs, field", [
    ({"mb_in": None, "records_in": 1, "mb_out": 1}, "mb-in"),
    ({"mb_in": "-1", "records_in": 1, "mb_out": 1}, "mb-in"),
    ({"mb_in": 1, "records_in": "1,000", "mb_out": 1}, "records-in"),
    ({"mb_in": 1, "records_in": 1, "mb_out": "nan"}, "mb-out"),
    ({"mb_in": 1, "records_in": 1, "mb_out": 1, "consumers": 0}, "consumers"),
    ({"mb_in": 1, "records_in": 1, "mb_out": 1, "consumers": "2.5"}, "consumers"),
    ({"mb_in": "1e7", "records_in": 1, "mb_out": 1}, "mb-in"),
])
def test_bad_inputs_name_the_flag_and_range(kwargs, field):
    with pytest.raises(CalcInputError) as caught:
        shard_count(**kwargs)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ") and "at most" in str(caught.value)


# -- invariants ---------------------------------------------------------------------------
mbs = st.floats(min_value=0, max_value=10_000, allow_nan=False)
records = st.floats(min_value=0, max_value=10_000_000, allow_nan=False)
readers = st.integers(min_value=1, max_value=1000)
# float noise (1e-13 of a value) is forgiven when rounding up, so the exact bounds below
# are checked to within 1e-12
SLACK = Decimal("1e-12")


def exact(value: float) -> Decimal:
    return Decimal(repr(value))


@settings(max_examples=300)
@given(mbs, records, mbs, readers, st.booleans())
def test_never_below_any_bound_and_never_above_the_largest(mb_in, rec, mb_out, n, efo):
    count = shards(mb_in, rec, mb_out, n, efo)
    read_need = exact(mb_out) * (1 if efo else n) / 2
    needs = [exact(mb_in), exact(rec) / 1000, read_need]
    assert count >= 1
    for need in needs:
        assert Decimal(count) >= need * (1 - SLACK)
    assert count == 1 or count < max(needs) + 1  # no more than the largest, rounded up


@settings(max_examples=200)
@given(mbs, records, mbs, readers)
def test_enhanced_fan_out_never_needs_more_shards_than_shared(mb_in, rec, mb_out, n):
    assert shards(mb_in, rec, mb_out, n, True) <= shards(mb_in, rec, mb_out, n, False)


@settings(max_examples=200)
@given(mbs, mbs, records, records, mbs, mbs, readers, readers, st.booleans())
def test_monotonic_in_every_input(a1, a2, r1, r2, o1, o2, n1, n2, efo):
    low = (min(a1, a2), min(r1, r2), min(o1, o2), min(n1, n2))
    high = (max(a1, a2), max(r1, r2), max(o1, o2), max(n1, n2))
    base = shards(*low, efo)
    assert shards(*high, efo) >= base
    for i in range(4):  # raising one input at a time never lowers the count
        one = list(low)
        one[i] = high[i]
        assert shards(*one, efo) >= base


@given(st.one_of(st.text(max_size=12), st.none(), st.booleans(),
                 st.floats(allow_nan=True, allow_infinity=True), st.integers()))
def test_any_input_is_a_result_or_a_typed_error(raw):
    for kwargs in ({"mb_in": raw, "records_in": 1, "mb_out": 1},
                   {"mb_in": 1, "records_in": raw, "mb_out": 1},
                   {"mb_in": 1, "records_in": 1, "mb_out": raw},
                   {"mb_in": 1, "records_in": 1, "mb_out": 1, "consumers": raw}):
        try:
            result = shard_count(**kwargs)
        except CalcInputError:
            continue
        assert result.value >= 1 and result.value == int(result.value)


def test_form_and_generated_questions_use_the_calculator():
    from studytui.quiz.generated import generated_questions

    form = CALCULATORS["kinesis"]
    assert form.compute(form.defaults()).value == 5  # the topic's worked example
    questions = [q for q in generated_questions() if q.calculator == "kinesis"]
    assert questions and all(q.section_id == "kinesis-shard-calculation" for q in questions)
    for question in questions:
        right = next(o.text for o in question.options if o.correct)
        assert form.compute(dict(question.calc_values)).headline() == right


def test_generated_questions_link_to_a_real_section():
    from studytui.content import load_library
    from studytui.locations import bundled_content_dir

    library = load_library([bundled_content_dir()])
    ids = {section.id for topic in library.topics for section in topic.sections}
    assert "kinesis-shard-calculation" in ids


# -- the CLI, as a user runs it -----------------------------------------------------------
def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "studytui", "calc", "kinesis", *args],
                          capture_output=True, text=True, env=os.environ.copy(), timeout=120)


def test_cli_plain_output_first_line_is_the_result():
    result = run("--mb-in", "3", "--records-in", "2500", "--mb-out", "3", "--consumers", "3")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "5 shards"
    assert all(line.startswith("  ") for line in lines[1:]) and len(lines) >= 5
    assert "MB/s read binds" in lines[-1]
    efo = run("--mb-in", "3", "--records-in", "2500", "--mb-out", "3", "--consumers", "3",
              "--enhanced-fan-out")
    assert efo.returncode == 0 and efo.stdout.splitlines()[0] == "3 shards"


def test_cli_json():
    result = run("--mb-in", "3", "--records-in", "2500", "--mb-out", "2", "--consumers", "3",
                 "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["result"] == 3 and data["unit"] == "shards"
    assert isinstance(data["steps"], list) and data["steps"]
    assert data["inputs"] == {"mb_in": 3, "records_in": 2500, "mb_out": 2, "consumers": 3,
                              "enhanced_fan_out": False}
    assert data["read_shards"] == 3 and data["binding"] == [
        "MB/s written", "records/s written", "MB/s read"]


def test_cli_consumers_default_to_one():
    data = json.loads(run("--mb-in", "1", "--records-in", "10", "--mb-out", "3",
                          "--json").stdout)
    assert data["inputs"]["consumers"] == 1 and data["result"] == 2


@pytest.mark.parametrize("args, expected", [
    ((), "studytui calc: mb-in: missing; expected a number at least 0 and at most "
         "1,000,000 MB/s written"),
    (("--mb-in", "1", "--records-in", "1,000", "--mb-out", "1"),
     "studytui calc: records-in: '1,000' is not valid; expected a number at least 0 and at "
     "most 1,000,000,000 records/s written; write plain digits with one dot for decimals "
     "(1000 or 1.5, not 1,000 or 1,5)"),
    (("--mb-in", "-2", "--records-in", "1", "--mb-out", "1"),
     "studytui calc: mb-in: '-2' is not valid; expected a number at least 0 and at most "
     "1,000,000 MB/s written"),
    (("--mb-in", "1", "--records-in", "1", "--mb-out", "1", "--consumers", "0"),
     "studytui calc: consumers: '0' is not valid; expected a whole number at least 1 and at "
     "most 1,000 consumers"),
])
def test_cli_bad_input_exits_2_with_one_line(args, expected):
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [expected]
    assert "Traceback" not in result.stderr and result.stdout == ""


# -- the pane -----------------------------------------------------------------------------
async def test_pane_kinesis_form_live_and_marked(pack_library):
    from studytui.cli import make_app
    from studytui.ui.calculators import CalculatorsPane

    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        await pilot.press(*"j" * (list(CALCULATORS).index("kinesis")))
        await pilot.pause()
        pane = app.query_one(CalculatorsPane)
        assert pane.current_form().calculator.id == "kinesis"

        def shown() -> str:
            return str(app.query_one("#result-kinesis", Static).content)

        assert "= 5 shards" in shown() and "MB/s read binds" in shown()
        app.query_one("#calc-kinesis-enhanced_fan_out", Switch).value = True
        await pilot.pause()
        assert "= 3 shards" in shown()
        consumers = app.query_one("#calc-kinesis-consumers", Input)
        consumers.focus()
        await pilot.press("ctrl+a", "ctrl+k", *"1,5")
        await pilot.pause()
        error = str(app.query_one("#calc-kinesis-consumers-error", Static).content)
        assert "at most 1,000 consumers" in error and "plain digits" in error
        assert consumers.has_class("-invalid")
        assert "Fix Consumers:" in shown()
        await pilot.press("ctrl+a", "ctrl+k", *"20")
        await pilot.pause()
        assert "= 3 shards" in shown()  # enhanced fan-out: 20 readers do not add up
        await pilot.press("ctrl+y")  # copies even while a field has focus
        await pilot.pause()
        assert app.clipboard == "3 shards"
