"""Numeric questions made from the calculators, with wrong answers from common mistakes.

Parameters come from a fixed seed per question, so each generated question has a stable
id (its schedule survives restarts) and the same numbers everywhere.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from studytui.calc.dynamodb import read_capacity, write_capacity
from studytui.calc.ec2 import ec2_cost
from studytui.calc.kinesis import READ_MB_PER_SHARD, shard_count, shards_text
from studytui.calc.lambda_cost import lambda_cost
from studytui.calc.result import money, number
from studytui.content.model import Option, Question

GENERATION_SEED = 2026
COUNTS = {"rcu": 10, "wcu": 8, "ec2": 6, "lambda": 6, "kinesis": 8}


def _options(right: str, mistakes: list[tuple[str, str]], rng: random.Random,
             spare: Callable[[int], str]) -> tuple[Option, ...]:
    """One right option and three distinct wrong ones (common mistakes first)."""
    chosen: list[Option] = [Option(right, True, "This follows AWS's rules exactly.")]
    seen = {right}
    mistakes = list(mistakes)
    rng.shuffle(mistakes)  # which three mistakes appear varies from question to question
    for text, why in mistakes:
        if text not in seen and len(chosen) < 4:
            chosen.append(Option(text, False, why))
            seen.add(text)
    step = 1
    while len(chosen) < 4:  # mistakes coincided with the answer: fill with near misses
        text = spare(step)
        step += 1
        if text not in seen:
            chosen.append(Option(text, False, "A near miss: recheck the rounding steps."))
            seen.add(text)
    rng.shuffle(chosen)
    return tuple(chosen)


def _units(value: float, unit: str) -> str:
    return f"{number(value)} {unit}"


def _rcu(index: int, rng: random.Random) -> Question:
    size = rng.choice([1, 2.5, 3, 5, 6, 7.5, 9, 10, 13, 17, 22])
    rate = rng.choice([3, 5, 10, 15, 20, 40, 75])
    mode = rng.choice(["strong", "eventual", "eventual", "transactional"])
    result = read_capacity(item_kb=size, per_second=rate, consistency=mode)
    right = int(result.value)
    blocks = -(-size // 4)
    factor = {"strong": 1, "eventual": 0.5, "transactional": 2}[mode]
    mistakes = [
        (_units(-(-blocks * rate // 1), "RCU"), "Forgets the consistency factor: eventual "
         "reads cost half a unit and transactional reads double."),
        (_units(max(1, size // 4) * factor * rate // 1 or 1, "RCU"), "Rounds the item size "
         "down (or to the nearest 4 KB); DynamoDB always rounds up."),
        (_units(-(-size * factor * rate // 1), "RCU"), "Counts reads in 1 KB units; reads are "
         "measured in 4 KB units."),
        (_units(-(-(blocks * factor) // 1) * rate, "RCU"), "Rounds each read up to a whole "
         "unit before multiplying; only the total is rounded."),
    ]
    words = {"strong": "strongly consistent", "eventual": "eventually consistent",
             "transactional": "transactional (TransactGetItems)"}[mode]
    stem = (f"An application makes {rate} {words} GetItem reads per second of items that are "
            f"{number(size)} KB each. How many read capacity units must the table "
            f"provision?")
    return _question(f"gen-rcu-{index:03d}", "dynamodb", "dynamodb-capacity-math", 1, "1.3",
                     stem, _options(f"{right} RCU", mistakes, rng,
                                    lambda k: f"{right + k} RCU"),
                     result.steps, "rcu", {"item_kb": str(size), "per_second": str(rate),
                                           "consistency": mode, "operation": "get",
                                           "items": "1"})


def _wcu(index: int, rng: random.Random) -> Question:
    size = rng.choice([0.5, 1.5, 2, 3, 4.2, 7, 10, 12.5, 25])
    rate = rng.choice([2, 5, 8, 12, 30, 50])
    tx = rng.random() < 0.35
    result = write_capacity(item_kb=size, per_second=rate, transactional=tx)
    right = int(result.value)
    factor = 2 if tx else 1
    mistakes = [
        (_units(-(-size // 4) * factor * rate, "WCU"), "Uses 4 KB units for writes; write "
         "units are 1 KB."),
        (_units(max(1, int(size)) * factor * rate, "WCU"), "Rounds the item size down; "
         "DynamoDB rounds each write up to the next 1 KB."),
        (_units(-(-size // 1) * rate * (1 if tx else 2), "WCU"),
         "Applies the transactional factor the wrong way round: only transactional writes "
         "cost double."),
        (_units(-(-size // 1) * factor * rate / 2, "WCU"), "Halves the writes as if they were "
         "eventually consistent reads; writes have no such discount."),
    ]
    kind = "transactional (TransactWriteItems)" if tx else "standard PutItem"
    stem = (f"A service performs {rate} {kind} writes per second of items that are "
            f"{number(size)} KB each. How many write capacity units does it need?")
    return _question(f"gen-wcu-{index:03d}", "dynamodb", "dynamodb-capacity-math", 1, "1.3",
                     stem, _options(f"{right} WCU", mistakes, rng,
                                    lambda k: f"{right + k} WCU"),
                     result.steps, "wcu", {"item_kb": str(size), "per_second": str(rate),
                                           "transactional": tx})


def _ec2(index: int, rng: random.Random) -> Question:
    price = rng.choice([0.0104, 0.023, 0.0416, 0.085, 0.096, 0.192])
    seconds = rng.choice([6, 45, 90, 600, 1800, 5400, 9000])
    os_name = rng.choice(["linux", "linux", "ubuntu", "suse"])
    result = ec2_cost(hourly_price=price, duration=f"{seconds}s", os=os_name)
    hours = -(-seconds // 3600)
    mistakes = [
        (f"${money(price * seconds / 3600)}", "Ignores the minimum: per-second billing "
         "charges at least 60 seconds, and per-hour billing at least one hour."),
        (f"${money(price * hours)}", "Bills whole hours; Linux, Windows, RHEL and Ubuntu are "
         "billed per second after the first minute."),
        (f"${money(price * max(60, seconds) / 3600)}", "Bills per second; SUSE is billed per "
         "started hour."),
        (f"${money(price * max(60, seconds) / 60)}", "Divides by 60 instead of 3,600: the "
         "price is per hour."),
    ]
    label = {"linux": "Amazon Linux", "ubuntu": "Ubuntu", "suse": "SUSE Linux"}[os_name]
    stem = (f"An on-demand {label} instance that costs ${number(price)} per hour starts, "
            f"runs for {seconds:,} seconds and is stopped. What is the instance charge for "
            f"that run?")
    right = f"${money(result.value)}"
    return _question(f"gen-ec2-{index:03d}", "ec2", "ec2-billing", 4, "4.3", stem,
                     _options(right, mistakes, rng,
                              lambda k: f"${money(result.value * (1 + k / 10))}"),
                     result.steps, "ec2", {"hourly_price": str(price),
                                           "duration": f"{seconds}s", "os": os_name})


def _lambda(index: int, rng: random.Random) -> Question:
    requests = rng.choice([2, 5, 12, 30, 60]) * 1_000_000
    duration = rng.choice([12.4, 28, 45.5, 120, 250.2, 800])
    memory = rng.choice([128, 256, 512, 1024, 2048])
    result = lambda_cost(requests=requests, duration_ms=duration, memory_mb=memory,
                         free_tier=False)
    gb = memory / 1024
    rate = 0.0000166667
    per_request = requests / 1e6 * 0.20
    hundred_ms = -(-duration // 100) * 100
    mistakes = [
        (f"${money(per_request + requests * hundred_ms / 1000 * gb * rate)}",
         "Bills duration in 100 ms steps; Lambda has billed per 1 ms since December 2020."),
        (f"${money(requests * -(-duration // 1) / 1000 * gb * rate)}", "Leaves out the "
         "$0.20 per million request charge."),
        (f"${money(per_request + requests * -(-duration // 1) / 1000 * gb * rate * 0.8)}",
         "Uses the arm64 duration price (20% lower); this function runs on x86_64."),
        (f"${money(per_request + requests * -(-duration // 1) / 1000 * gb * rate / 10)}",
         "Uses the seed's wrong figure of 600,000 GB-seconds per dollar; it is about 60,000."),
    ]
    stem = (f"A function on x86_64 with {memory:,} MB of memory is invoked "
            f"{requests:,} times a month, each run lasting {number(duration)} ms on average. "
            f"Ignoring the free tier, what is the monthly cost (us-east-1)?")
    right = f"${money(result.value)}"
    return _question(f"gen-lambda-{index:03d}", "lambda", "lambda-pricing", 4, "4.3", stem,
                     _options(right, mistakes, rng,
                              lambda k: f"${money(result.value * (1 + k / 10))}"),
                     result.steps, "lambda", {"requests": str(requests),
                                              "duration_ms": str(duration),
                                              "memory_mb": str(memory), "arch": "x86_64",
                                              "free_tier": False})


def _kinesis(index: int, rng: random.Random) -> Question:
    mb_in = rng.choice([0.5, 1.5, 2, 3, 4.5, 6, 8])
    records = rng.choice([800, 1500, 2500, 4000, 6500, 9000])
    consumers = rng.choice([1, 2, 3, 3, 4, 5])
    efo = rng.random() < 0.4
    result = shard_count(mb_in=mb_in, records_in=records, mb_out=mb_in, consumers=consumers,
                         enhanced_fan_out=efo)
    right = int(result.value)

    def up(value: float) -> int:
        return max(1, int(-(-value // 1)))

    writes, rows = up(mb_in), up(records / 1000)
    shared, own = up(mb_in * consumers / READ_MB_PER_SHARD), up(mb_in / READ_MB_PER_SHARD)
    reads = own if efo else shared
    mistakes = [
        (shards_text(writes), "Sizes for the bytes written only; the records/s limit and "
         "the reads can need more shards."),
        (shards_text(max(writes, reads)), "Leaves out the 1,000 records/s per shard write "
         "limit; many small records can need more shards than the bytes do."),
        (shards_text(max(writes, rows, up(mb_in * (1 if efo else consumers)))),
         "Reads at 1 MB/s per shard (the write limit); a shard serves 2 MB/s of reads."),
        (shards_text(writes + rows + reads), "Adds the terms up; each limit is checked on "
         "its own and the largest one decides."),
        ((shards_text(max(writes, rows, shared)), "Adds the consumers up; with enhanced "
          "fan-out each consumer has its own 2 MB/s per shard.") if efo else
         (shards_text(max(writes, rows, own)), "Gives each consumer its own 2 MB/s; "
          "standard (shared-throughput) consumers split 2 MB/s per shard.")),
    ]
    how = ("each registered for enhanced fan-out" if efo
           else "each polling with GetRecords (shared throughput)")
    readers = "One application reads" if consumers == 1 else \
        f"{consumers} applications read"
    stem = (f"A producer writes {records:,} records per second, {number(mb_in)} MB/s in "
            f"total, to a Kinesis data stream in provisioned mode. {readers} every record, "
            f"{how}. How many shards does the stream need?")
    return _question(f"gen-kinesis-{index:03d}", "kinesis", "kinesis-shard-calculation", 4,
                     "4.3", stem, _options(shards_text(right), mistakes, rng,
                                           lambda k: shards_text(right + k)),
                     result.steps, "kinesis", {"mb_in": str(mb_in),
                                               "records_in": str(records),
                                               "mb_out": str(mb_in),
                                               "consumers": str(consumers),
                                               "enhanced_fan_out": efo})


def _question(qid: str, topic: str, section: str, domain: int, task: str, stem: str,
              options: tuple[Option, ...], steps: list[str], calculator: str,
              values: dict) -> Question:
    working = "\n".join(f"- {step}" for step in steps)
    return Question(id=qid, topic_id=topic, section_id=section, domain=domain, task=task,
                    difficulty="medium", kind="single", stem=stem, options=options,
                    explanation=f"The working, step by step:\n\n{working}",
                    calculator=calculator, calc_values=tuple(values.items()))


MAKERS = {"rcu": _rcu, "wcu": _wcu, "ec2": _ec2, "lambda": _lambda, "kinesis": _kinesis}


def generated_questions(counts: dict[str, int] | None = None,
                        seed: int = GENERATION_SEED) -> list[Question]:
    questions = []
    for kind, count in (counts or COUNTS).items():
        for index in range(1, count + 1):
            rng = random.Random(f"{seed}-{kind}-{index}")
            questions.append(MAKERS[kind](index, rng))
    return questions
