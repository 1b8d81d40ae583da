"""Readiness counts what the learner has not shown: pinned at known points."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from studytui.bank import load_bank
from studytui.content.model import Library, Option, Question, Section, Topic
from studytui.content.services import load_services
from studytui.locations import content_dirs
from studytui.progress.dashboard import (
    MIN_ATTEMPTS_FOR_READINESS,
    PRIOR_ACCURACY,
    PRIOR_WEIGHT,
    Area,
    build_dashboard,
    predict,
    shrunk,
)

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)


def tiny_library() -> Library:
    """Four topics, one per domain, ten questions each: shares are easy to compute."""
    topics, questions = [], []
    for domain in (1, 2, 3, 4):
        tid = f"t{domain}"
        section = Section(f"{tid}-s", tid, "Section", "Body.")
        topics.append(Topic(tid, f"Topic {domain}", domain, (domain,), (f"{domain}.1",),
                            "Summary.", (section,)))
        for n in range(10):
            questions.append(Question(
                f"{tid}-q{n}", tid, section.id, domain, f"{domain}.1", "easy", "single",
                "Which?", (Option("right", True, ""), Option("wrong", False, "")), ""))
    return Library(topics, questions)


def answers(questions, times: int = 2, correct: bool = True) -> list[dict]:
    return [{"question": q.id, "at": NOW.isoformat(),
             "correct": correct} for _ in range(times) for q in questions]


def board(library, attempts, services=None):
    return build_dashboard(library, attempts, {}, [], set(), NOW, lambda card, now: 0.9,
                           services)


def test_the_prior_and_the_shrink():
    assert (PRIOR_ACCURACY, PRIOR_WEIGHT) == (0.25, 3.0)
    assert shrunk(0, 0) == PRIOR_ACCURACY  # never practised: a guess
    assert shrunk(20, 20) == pytest.approx(20.75 / 23)
    assert shrunk(0, 1) < PRIOR_ACCURACY < shrunk(1, 1)  # a wrong answer lowers it


def test_a_all_practised_and_right_is_likely_to_pass():
    library = tiny_library()
    readiness = board(library, answers(library.questions)).readiness
    # every topic: (20 + 0.75) / 23 = 0.902 -> 45 of 50 -> 900
    assert readiness is not None
    assert readiness.share == pytest.approx(20.75 / 23)
    assert (readiness.score, readiness.low, readiness.high) == (900, 820, 980)
    assert readiness.practised == pytest.approx(1.0)
    assert readiness.verdict == "likely to pass"


def test_b_one_topic_perfect_and_nothing_else_is_not_enough_evidence():
    library = tiny_library()
    d1 = [q for q in library.questions if q.domain == 1]
    dashboard = board(library, answers(d1))
    readiness = dashboard.readiness
    # D1 (32%) at 0.902, the other 68% at the prior 0.25: 0.459 -> 23 of 50 -> 496
    assert readiness is not None
    assert readiness.share == pytest.approx(0.32 * 20.75 / 23 + 0.68 * 0.25)
    assert (readiness.score, readiness.low, readiness.high) == (496, 341, 651)
    assert readiness.practised == pytest.approx(0.32)
    assert readiness.verdict == "not enough evidence"
    coverage = dashboard.coverage
    assert (coverage.topics_practised, coverage.topics) == (1, 4)
    assert coverage.exam_share == pytest.approx(0.32)


def test_c_nothing_practised_gives_no_readiness_and_the_prior():
    library = tiny_library()
    dashboard = board(library, [])
    assert dashboard.readiness is None
    assert dashboard.coverage.topics_practised == 0 and dashboard.coverage.exam_share == 0
    areas = {}
    for q in library.questions:
        areas.setdefault(q.topic_id, Area()).per_domain[q.domain] += 1
    assert predict(areas) == (pytest.approx(PRIOR_ACCURACY), 0.0)
    # fewer than the minimum answers, however good: no estimate yet
    few = library.questions[:MIN_ATTEMPTS_FOR_READINESS - 1]
    assert board(library, answers(few, times=1)).readiness is None


def test_practising_more_of_the_exam_only_raises_readiness():
    library = tiny_library()
    scores = []
    for domains in ((1,), (1, 2), (1, 2, 3), (1, 2, 3, 4)):
        done = [q for q in library.questions if q.domain in domains]
        scores.append(board(library, answers(done)).readiness.score)
    assert scores == sorted(scores) and scores[0] < 720 <= scores[-1]


@pytest.fixture(scope="module")
def bundled():
    library = load_bank(content_dirs())
    services, problems = load_services(library)
    assert services is not None and problems == []
    return library, services


def test_the_issue_example_is_no_longer_likely_to_pass(bundled):
    """59 right answers on IAM, EC2 and S3 and nothing else: once 860, 'likely to pass'."""
    library, services = bundled
    chosen = [q for q in library.questions if q.topic_id in ("iam", "ec2", "s3")][:59]
    dashboard = board(library, answers(chosen, times=1), services)
    readiness = dashboard.readiness
    assert readiness is not None
    assert readiness.score < 500 and readiness.high < 720
    assert readiness.verdict == "not enough evidence"
    coverage = dashboard.coverage
    assert coverage.services_practised == 3 and coverage.in_scope == 58
    assert "Amazon DynamoDB" in coverage.services_not_practised


def test_one_bundled_topic_perfect_is_well_below_the_pass(bundled):
    library, services = bundled
    dynamodb = [q for q in library.questions if q.topic_id == "dynamodb"]
    readiness = board(library, answers(dynamodb, times=3), services).readiness
    assert readiness is not None and readiness.score < 600
    assert readiness.verdict != "likely to pass"


def test_the_whole_bundled_bank_right_is_likely_to_pass(bundled):
    library, services = bundled
    dashboard = board(library, answers(library.questions), services)
    assert dashboard.readiness.verdict == "likely to pass"
    assert dashboard.readiness.score >= 900
    assert dashboard.coverage.topics_practised == dashboard.coverage.topics
    # a service counts once it has an answered question; those with none cannot
    askable = {name for q in library.questions for name in services.services_of(q)}
    assert dashboard.coverage.services_practised == len(askable)


def test_a_service_inside_a_wider_topic_is_its_own_area(bundled):
    """Practising CloudWatch alarms does not stand in for X-Ray: X-Ray stays at the prior."""
    library, services = bundled
    alarms = [q for q in library.questions if q.section_id == "cloudwatch-alarms"]
    xray = [q for q in library.questions if q.section_id.startswith("cloudwatch-xray")]
    assert alarms and xray
    only_alarms = board(library, answers(alarms, times=5), services)
    both = board(library, answers(alarms + xray, times=5), services)
    assert only_alarms.coverage.services_practised == 1
    assert both.coverage.services_practised == 2
    assert both.coverage.exam_share > only_alarms.coverage.exam_share


def test_stats_reports_coverage(bundled, private_data_dir, capsys):
    import json

    from studytui.commands import main
    from studytui.progress import ProgressLog
    from studytui.quiz.schedule import Planner

    library, _ = bundled
    log, planner = ProgressLog(private_data_dir), Planner()
    for question in [q for q in library.questions if q.topic_id == "sqs"][:5]:
        log.record_attempt({"question": question.id, "at": NOW.isoformat(),
                            "answer": sorted(question.answer), "correct": True,
                            "seconds": 20.0, "mode": "practice", "topic": "sqs",
                            "domain": question.domain}, planner)
    assert main(["stats", "--json"]) == 0
    coverage = json.loads(capsys.readouterr().out)["coverage"]
    topics = len({q.topic_id for q in library.questions})
    assert coverage == {"services_practised": 1, "in_scope": 58, "topics_practised": 1,
                        "topics": topics, "exam_share": coverage["exam_share"]}
    assert 0 < coverage["exam_share"] < 0.1
    assert main(["stats"]) == 0
    assert (f"coverage: 1 of 58 in-scope services, 1 of {topics} topics practised"
            in capsys.readouterr().out)
