"""AWS Lambda monthly cost: requests plus GB-seconds, billed per 1 ms (since Dec 2020).

Sources: https://aws.amazon.com/lambda/pricing/ ,
https://aws.amazon.com/blogs/aws/new-for-aws-lambda-1ms-billing-granularity-adds-cost-savings/
"""

from __future__ import annotations

from studytui.calc.inputs import parse_choice, parse_number
from studytui.calc.pricing import PriceTable, default_prices
from studytui.calc.result import CalcResult, money, number, price, round_up

ARCHITECTURES = ("x86_64", "arm64")
MAX_DURATION_MS = 900_000  # 15-minute timeout
MIN_BILLED_MS = 1  # every invocation is billed at least 1 ms


def lambda_cost(*, requests=None, duration_ms=None, memory_mb=None, arch="x86_64",
                free_tier=True, prices: PriceTable | None = None) -> CalcResult:
    table = prices or default_prices()
    p = table.get
    calls = int(parse_number("requests", requests, low=0, high=1e13, integer=True,
                             unit="requests per month"))
    duration = parse_number("duration-ms", duration_ms, low=0, high=MAX_DURATION_MS,
                            low_open=True, unit="ms")
    memory = int(parse_number("memory-mb", memory_mb, low=128, high=10_240, integer=True,
                              unit="MB"))
    architecture = parse_choice("arch", arch, ARCHITECTURES)
    billed_ms = max(MIN_BILLED_MS, round_up(duration))
    if duration < MIN_BILLED_MS:
        steps = [f"{number(duration)} ms is under the 1 ms minimum: billed as "
                 f"{billed_ms} ms"]
    else:
        steps = [f"{number(duration)} ms is billed as {billed_ms} ms (1 ms granularity)"]
    gb = memory / 1024
    gb_seconds = calls * billed_ms / 1000 * gb
    steps.append(f"{number(calls)} requests x {billed_ms / 1000:g} s x {number(gb)} GB "
                 f"= {number(gb_seconds)} GB-seconds")
    free_calls = p("lambda.free_requests") if free_tier else 0
    free_gbs = p("lambda.free_gb_seconds") if free_tier else 0
    billed_calls = max(0.0, calls - free_calls)
    request_price = p("lambda.request_per_million")
    request_cost = billed_calls / 1e6 * request_price
    free_note = f" after {number(free_calls)} free" if free_tier else ""
    steps.append(f"requests: {number(billed_calls)}{free_note} x ${price(request_price)} per "
                 f"million = ${money(request_cost)}")
    billed_gbs = max(0.0, gb_seconds - free_gbs)
    rate = p(f"lambda.gb_second_{architecture}")
    duration_cost = billed_gbs * rate
    free_note = f" after {number(free_gbs)} free" if free_tier else ""
    steps.append(f"duration: {number(billed_gbs)} GB-s{free_note} x ${price(rate)} "
                 f"({architecture}) = ${money(duration_cost)}")
    total = request_cost + duration_cost
    steps.append(f"total: ${money(request_cost)} + ${money(duration_cost)} = ${money(total)} "
                 f"per month ({table.region}, prices as of {table.as_of})")
    return CalcResult(total, "USD", steps,
                      {"requests": calls, "duration_ms": duration, "memory_mb": memory,
                       "arch": architecture, "free_tier": bool(free_tier)},
                      {"request_cost": request_cost, "gb_seconds": gb_seconds,
                       "duration_cost": duration_cost, "billed_ms": billed_ms},
                      prices_as_of=table.as_of)
