"""The bundled notes and questions: complete, clean and shaped like the exam."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from studytui.blueprint import DOMAINS
from studytui.content import load_library
from studytui.locations import bundled_content_dir

SEED_TOPICS = {"iam", "ec2", "security-groups", "elb", "asg", "ebs", "route53", "rds-aurora",
               "elasticache", "vpc", "s3", "cli", "sdk", "elastic-beanstalk", "cicd",
               "cloudformation", "cloudwatch", "dynamodb", "lambda", "api-gateway", "cognito",
               "ecs"}


@pytest.fixture(scope="module")
def library():
    return load_library([bundled_content_dir()])


def test_loads_without_problems(library):
    assert library.problems == []


def test_every_seed_section_is_a_topic(library):
    assert SEED_TOPICS <= set(library.topic_by_id)
    for topic in library.topics:
        assert len(topic.sections) >= 3, topic.id
        assert topic.domains and topic.summary


def test_changed_notes_cite_an_aws_source(library):
    changed = 0
    for section in library.sections:
        for line in section.body.splitlines():
            if "**Changed:**" in line:
                changed += 1
        # a Changed note may wrap; its paragraph must carry an AWS URL
        for para in re.split(r"\n\s*\n", section.body):
            if "**Changed:**" in para:
                assert re.search(r"https://[\w.-]*(aws\.amazon\.com|amazonaws\.com|repost\.aws|docs\.amplify\.aws)",
                                 para), (section.id, para[:80])
    assert changed >= 40


def test_at_least_300_questions_8_per_topic(library):
    assert len(library.questions) >= 300
    per_topic = Counter(q.topic_id for q in library.questions)
    assert all(per_topic[t] >= 8 for t in SEED_TOPICS), per_topic


def test_domain_shares_follow_the_exam_weights(library):
    per_domain = Counter(q.domain for q in library.questions)
    total = sum(per_domain.values())
    for number, domain in DOMAINS.items():
        share = 100 * per_domain[number] / total
        assert abs(share - domain.weight) <= 5, (number, share)


def test_multiple_response_share_and_stated_counts(library):
    multi = [q for q in library.questions if q.kind == "multi"]
    assert len(multi) >= 0.15 * len(library.questions)
    words = {2: "TWO", 3: "THREE"}
    for question in multi:
        assert f"(Choose {words[len(question.answer)]}.)" in question.stem, question.id
        assert 5 <= len(question.options) <= 6
    for question in library.questions:
        if question.kind == "single":
            assert len(question.options) == 4 and len(question.answer) == 1, question.id


def test_every_option_explains_itself(library):
    for question in library.questions:
        assert question.explanation
        assert all(option.why for option in question.options), question.id


def _key_and_longest_other(question) -> tuple[int, int]:
    (key,) = question.answer
    lengths = [len(option.text) for option in question.options]
    return lengths[key], max(n for i, n in enumerate(lengths) if i != key)


def test_the_answer_is_never_given_away_by_its_length(library):
    """A learner who picks the longest option must not score: no key of a sentence's
    length runs 15% longer than every distractor (short terms and numbers aside)."""
    single = [q for q in library.questions if q.kind == "single" and not q.calculator]
    giveaways = []
    for question in single:
        key, other = _key_and_longest_other(question)
        if key >= 40 and key > 1.15 * other:
            giveaways.append(f"{question.id}: key {key} chars, longest distractor {other}")
    assert not giveaways, "\n".join(giveaways)


def test_picking_the_longest_option_scores_near_chance(library):
    single = [q for q in library.questions if q.kind == "single" and not q.calculator]
    longest = sum(1 for q in single if _key_and_longest_other(q)[0]
                  > _key_and_longest_other(q)[1])
    # 25% is chance: the longest option must not be a better guess than any other
    assert longest / len(single) <= 0.30, f"{longest} of {len(single)}"


def test_picking_the_longest_options_of_a_multiple_response_question_is_no_strategy(library):
    multi = [q for q in library.questions if q.kind == "multi"]
    found = wanted = 0
    chance = 0.0
    for question in multi:
        lengths = [len(option.text) for option in question.options]
        k = len(question.answer)
        longest = set(sorted(range(len(lengths)), key=lambda i: -lengths[i])[:k])
        found += len(longest & question.answer)
        wanted += k
        chance += k * k / len(lengths)
    assert found / wanted <= chance / wanted + 0.05, (found, wanted, chance)
