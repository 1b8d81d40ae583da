"""Kinesis Data Streams: how many provisioned shards a workload needs.

Source: https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html
- a shard takes writes of up to 1 MB/s and up to 1,000 records/s;
- it serves reads of up to 2 MB/s, shared by all standard (GetRecords) consumers;
- enhanced fan-out gives each registered consumer its own 2 MB/s per shard.
Shards = max(ceil(MB/s in / 1), ceil(records/s in / 1,000), read term), each term rounded
up on its own; the read term is ceil(MB/s out x consumers / 2) for shared consumers and
ceil(MB/s out / 2) with enhanced fan-out. A stream has at least one shard.
"""

from __future__ import annotations

from studytui.calc.inputs import parse_number
from studytui.calc.result import CalcResult, number, round_up
from studytui.content.text import plural

WRITE_MB_PER_SHARD = 1
WRITE_RECORDS_PER_SHARD = 1000
READ_MB_PER_SHARD = 2
GETRECORDS_CALLS_PER_SHARD = 5  # per second, shared by standard consumers
MAX_MB = 1_000_000
MAX_RECORDS = 1_000_000_000
MAX_CONSUMERS = 1000
TERMS = ("MB/s written", "records/s written", "MB/s read")


def _term(amount: float, per_shard: int, what: str) -> tuple[int, str]:
    """Shards for one limit, and the sentence that shows the division and rounding."""
    quotient = amount / per_shard
    shards = round_up(quotient)
    rounding = "" if _precise(quotient) == f"{shards:,}" else f", rounds up to {shards:,}"
    return shards, (f"{what}: {_precise(amount)} / {number(per_shard)} = "
                    f"{_precise(quotient)}{rounding} -> {shards_text(shards)}")


def _precise(value: float) -> str:
    """Like number(), but with up to 12 significant digits when 4 decimals would hide
    the part that makes a term round up (2.00001 is not shown as 2)."""
    shown = number(value)
    if abs(float(shown.replace(",", "")) - value) > abs(value) * 1e-12:
        return f"{value:,.12g}"
    return shown


def shards_text(count: int) -> str:
    """"1 shard", "3 shards", "1,235 shards"."""
    return f"{count:,} shard" + ("" if count == 1 else "s")


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def shard_count(*, mb_in=None, records_in=None, mb_out=None, consumers=1,
                enhanced_fan_out=False) -> CalcResult:
    """Provisioned shards for MB/s and records/s written and MB/s read by each consumer."""
    write_mb = parse_number("mb-in", mb_in, low=0, high=MAX_MB, unit="MB/s written")
    records = parse_number("records-in", records_in, low=0, high=MAX_RECORDS,
                           unit="records/s written")
    read_mb = parse_number("mb-out", mb_out, low=0, high=MAX_MB,
                           unit="MB/s read by each consumer")
    readers = int(parse_number("consumers", consumers, low=1, high=MAX_CONSUMERS,
                               integer=True, unit="consumers"))
    efo = bool(enhanced_fan_out)

    write_shards, write_step = _term(write_mb, WRITE_MB_PER_SHARD,
                                     "MB/s written (1 MB/s per shard)")
    record_shards, record_step = _term(records, WRITE_RECORDS_PER_SHARD,
                                       "records/s written (1,000 per shard)")
    steps = [write_step, record_step]
    if efo:
        read_total = read_mb
        steps.append(f"enhanced fan-out: every consumer ({plural(readers, 'consumer')} here) "
                     f"has its own {READ_MB_PER_SHARD} MB/s per shard, so consumers do not "
                     f"add up; "
                     f"one consumer reads {number(read_mb)} MB/s")
    else:
        read_total = read_mb * readers
        steps.append(f"shared consumers split {READ_MB_PER_SHARD} MB/s per shard: "
                     f"{plural(readers, 'consumer')} x {number(read_mb)} MB/s = "
                     f"{number(read_total)} MB/s read in total")
    read_shards, read_step = _term(read_total, READ_MB_PER_SHARD,
                                   "MB/s read (2 MB/s per shard)")
    steps.append(read_step)

    terms = (write_shards, record_shards, read_shards)
    largest = max(terms)
    shards = max(1, largest)
    if largest == 0:
        steps.append("every term is 0, but a stream always has at least 1 shard")
    else:
        binding = [name for name, count in zip(TERMS, terms, strict=True)
                   if count == largest]
        if len(binding) == 1:
            counts = ", ".join(f"{count:,}" for count in terms)
            why = f"{binding[0]} binds (the largest of {counts})"
        else:
            why = f"{_join(binding)} bind equally"
        steps.append(f"shards needed = the largest term: {shards_text(shards)}; {why}")
    if not efo and readers > GETRECORDS_CALLS_PER_SHARD:
        steps.append(f"note: shared consumers also split {GETRECORDS_CALLS_PER_SHARD} "
                     f"GetRecords calls/s per shard, so {readers} consumers each poll less "
                     f"than once a second; enhanced fan-out avoids both shared limits")
    binds = [name for name, count in zip(TERMS, terms, strict=True) if count == shards]
    return CalcResult(
        float(shards), "shards", steps,
        {"mb_in": write_mb, "records_in": records, "mb_out": read_mb,
         "consumers": readers, "enhanced_fan_out": efo},
        {"write_shards": write_shards, "record_shards": record_shards,
         "read_shards": read_shards, "read_mb_total": read_total, "binding": binds},
        summary=shards_text(shards))
