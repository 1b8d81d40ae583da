"""Spaced review (FSRS), the exam simulation and the dashboard's arithmetic."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studytui.bank import load_bank
from studytui.locations import bundled_content_dir
from studytui.progress import ProgressLog
from studytui.progress.dashboard import build_dashboard, streak
from studytui.quiz.exam import Exam, draw_exam, scaled_score, split_by_weight
from studytui.quiz.schedule import Planner, due_forecast, rating_for, review_queue

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def bank():
    return load_bank([bundled_content_dir()])


# -- rating rule ------------------------------------------------------------------------
@pytest.mark.parametrize("correct, seconds, state, rating", [
    (False, 5, {"seen": 3, "last_correct": True}, 1),
    (True, 10, {"seen": 1, "last_correct": True}, 4),   # fast and already known
    (True, 10, None, 3),                                  # fast but new: Good
    (True, 10, {"seen": 2, "last_correct": False}, 3),   # fast but missed last time
    (True, 45, {"seen": 2, "last_correct": True}, 3),
    (True, 120, {"seen": 2, "last_correct": True}, 2),   # slow: Hard
])
def test_rating_rule(correct, seconds, state, rating):
    assert rating_for(correct, seconds, state) == rating


def attempt(question: str, correct: bool, at: datetime, seconds: float = 30.0) -> dict:
    return {"question": question, "at": at.isoformat(timespec="seconds"), "answer": [0],
            "correct": correct, "seconds": seconds, "mode": "practice", "topic": "iam",
            "domain": 2}


def test_schedule_round_trips_through_the_log(tmp_path):
    planner = Planner(0.9)
    log = ProgressLog(tmp_path)
    state = log.record_attempt(attempt("iam-q001", True, NOW), planner)
    assert state["rating"] == 3 and state["card"]["last_review"]
    again = ProgressLog(tmp_path).question_states()["iam-q001"]
    assert again["card"] == state["card"]
    due = datetime.fromisoformat(again["card"]["due"])
    assert due > NOW
    logged = ProgressLog(tmp_path).attempts()[-1]
    assert logged["rating"] == 3 and logged["review_log"]["rating"] == 3
    # the learner overrides with Again: the card is recomputed from the card before
    rerated = log.rerate("iam-q001", 1, planner)
    assert rerated["rating"] == 1
    assert datetime.fromisoformat(rerated["card"]["due"]) <= due
    assert ProgressLog(tmp_path).attempts()[-1]["rating"] == 1
    # a second right answer soon after, already known and fast: Easy, due later again
    later = log.record_attempt(attempt("iam-q001", True, NOW + timedelta(hours=1), 5),
                               planner)
    assert later["rating"] == 3 or later["rating"] == 4
    assert later["seen"] == 2 and later["first_at"] == NOW.isoformat(timespec="seconds")


def test_review_queue_due_first_then_new_within_limit():
    states = {"a": {"card": {"due": (NOW - timedelta(days=2)).isoformat()}},
              "b": {"card": {"due": (NOW - timedelta(days=5)).isoformat()}},
              "c": {"card": {"due": (NOW + timedelta(days=1)).isoformat()}}}
    ids = ["a", "b", "c", "n1", "n2", "n3"]
    assert review_queue(ids, states, NOW, new_limit=2) == ["b", "a", "n1", "n2"]
    assert review_queue(ids, states, NOW, new_limit=2, new_today=2) == ["b", "a"]
    assert due_forecast(states, NOW) == [2, 1, 0, 0, 0, 0, 0]


# -- the exam ---------------------------------------------------------------------------
def test_scaled_score_known_points():
    assert scaled_score(0, 50) == 100
    assert scaled_score(36, 50) == 720
    assert scaled_score(35, 50) < 720
    assert scaled_score(50, 50) == 1000


def test_split_by_weight():
    assert split_by_weight(50) == {1: 16, 2: 13, 3: 12, 4: 9}
    assert sum(split_by_weight(15).values()) == 15


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_exam_draw_matches_the_weights_for_any_seed(seed):
    questions, unscored = draw_exam(BANK, seed)
    assert len(questions) == 65 and len({q.id for q in questions}) == 65
    assert len(unscored) == 15
    scored = Counter(q.domain for i, q in enumerate(questions) if i not in unscored)
    assert scored == Counter(split_by_weight(50))
    hidden = Counter(questions[i].domain for i in unscored)
    assert hidden == Counter(split_by_weight(15))


BANK = load_bank([bundled_content_dir()])


def test_exam_result_blanks_wrong_no_partial_credit(bank):
    exam = Exam.new(bank, seed=3, now=NOW)
    scored = [i for i in range(65) if i not in exam.unscored]
    for i in scored[:36]:
        exam.answer(i, sorted(exam.shown[i].right_positions))
    result = exam.result(NOW + timedelta(minutes=30))
    assert (result["correct"], result["score"], result["passed"]) == (36, 720, True)
    assert result["seconds_used"] == 1800
    multi = next((i for i in scored[36:] if exam.shown[i].question.kind == "multi"), None)
    if multi is not None:  # one of two right options is still wrong
        exam.answer(multi, [min(exam.shown[multi].right_positions)])
        assert exam.result(NOW)["correct"] == 36


def test_exam_times_out_and_survives_a_restart(bank, tmp_path):
    exam = Exam.new(bank, seed=5, now=NOW - timedelta(minutes=129))
    exam.answer(0, [0])
    exam.toggle_flag(3)
    exam.current = 7
    log = ProgressLog(tmp_path)
    log.save_running_exam(exam.to_dict())
    back = Exam.from_dict(ProgressLog(tmp_path).load_running_exam(), bank)
    assert back is not None
    assert (back.answers, back.flagged, back.current) == ({0: [0]}, {3}, 7)
    assert [s.order for s in back.shown] == [s.order for s in exam.shown]
    assert 0 < back.seconds_left(NOW) <= 60
    assert back.seconds_left(NOW + timedelta(minutes=2)) == 0  # time is up
    result = back.result(NOW + timedelta(minutes=5))
    assert result["seconds_used"] == 130 * 60  # capped at the deadline
    log.record_exam(result)
    assert ProgressLog(tmp_path).load_running_exam() is None
    assert ProgressLog(tmp_path).exams()[0]["score"] == result["score"]


def test_damaged_running_exam_is_kept_aside(tmp_path):
    (tmp_path / "exam-in-progress.json").write_text("{broken")
    log = ProgressLog(tmp_path)
    assert log.load_running_exam() is None
    assert list(tmp_path.glob("exam-in-progress.json.damaged-*")) and log.notices


# -- the dashboard ----------------------------------------------------------------------
def test_streak_counts_days_in_a_row():
    today = date(2026, 11, 26)
    days = {today - timedelta(days=i) for i in (0, 1, 2, 4)}
    assert streak(days, today) == 3
    assert streak(days - {today}, today) == 2  # today not yet: yesterday's run still counts
    assert streak(set(), today) == 0


def test_dashboard_from_a_seeded_history(bank):
    iam = [q for q in bank.questions if q.topic_id == "iam"]
    s3 = [q for q in bank.questions if q.topic_id == "s3"]
    attempts = []
    for day in range(10):
        when = NOW - timedelta(days=day)
        for q in iam[:5]:
            attempts.append({**attempt(q.id, True, when), "domain": q.domain})
        for q in s3[:3]:
            attempts.append({**attempt(q.id, False, when), "topic": "s3",
                             "domain": q.domain})
    board = build_dashboard(bank, attempts, {}, [], {"iam-identities"}, NOW,
                            lambda card, now: 0.9)
    topics = {row.key: row for row in board.topics}
    assert topics["iam"].accuracy == 1.0 and topics["s3"].accuracy == 0.0
    assert topics["iam"].seen == 5 and topics["iam"].read == 1
    assert board.streak_days == 10 and board.attempts == 80
    assert board.weakest_topics(1) == ["s3"]
    assert board.readiness is not None
    assert 100 <= board.readiness.low <= board.readiness.score <= board.readiness.high <= 1000
    assert len(board.heatmap) == 84 and board.heatmap[-1] == (NOW.date(), 8)


def test_an_unseeded_exam_follows_the_global_random_seed(pack_library):
    import random

    from studytui.quiz.exam import Exam

    random.seed(5)
    first = [s.question.id for s in Exam.new(pack_library, questions=3, unscored=0).shown]
    random.seed(5)
    again = [s.question.id for s in Exam.new(pack_library, questions=3, unscored=0).shown]
    assert first == again


def test_weakest_needs_enough_answers_and_next_step_follows_the_dashboard(bank):
    lambda_q = next(q for q in bank.questions if q.topic_id == "lambda")
    dynamo = [q for q in bank.questions if q.topic_id == "dynamodb"][:8]
    attempts = [attempt(lambda_q.id, True, NOW)]  # 1/1: too little to judge
    attempts += [attempt(q.id, i % 8 < 5, NOW) for i, q in enumerate(dynamo)]  # 5/8
    board = build_dashboard(bank, attempts, {}, [], set(), NOW, lambda card, now: 0.9)
    assert board.weakest_topics(3) == ["dynamodb"]
    step = board.next_step()
    assert step.kind == "practise" and step.topics == ("dynamodb",)
    due = {dynamo[0].id: {"card": {"due": (NOW - timedelta(hours=1)).isoformat()}},
           "gone-from-the-bank": {"card": {"due": (NOW - timedelta(hours=1)).isoformat()}}}
    board = build_dashboard(bank, attempts, due, [], set(), NOW, lambda card, now: 0.9)
    assert board.due_today == 1  # a question no longer in the bank is not counted
    assert board.next_step().kind == "review" and "1 review" in board.next_step().text
