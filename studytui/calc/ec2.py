"""EC2 instance cost for one run, billed per second (60 s minimum) or per hour.

Sources: https://aws.amazon.com/ec2/pricing/ (per-second billing by OS),
https://aws.amazon.com/calculator/calculator-assumptions/ (730-hour month).
"""

from __future__ import annotations

import re

from studytui.calc.inputs import CalcInputError, parse_choice, parse_number
from studytui.calc.pricing import PriceTable, default_prices
from studytui.calc.result import CalcResult, money, number, round_up

UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86_400, "mo": 730 * 3600}
_PART = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*(mo|s|m|h|d)")
MAX_SECONDS = 10 * 365 * 86_400
BILLING_BY_OS = {"linux": "per-second", "windows": "per-second", "rhel": "per-second",
                 "ubuntu": "per-second", "suse": "per-hour"}
BILLINGS = ("per-second", "per-hour")
PURCHASES = ("on-demand", "reserved", "convertible", "spot")
MAX_INSTANCES = 100_000
MAX_HOURLY_PRICE = 1000


def parse_duration(raw) -> float:
    """'6s', '90s', '30m', '2h', '30d', '1mo' (730 h), or combined like '1h30m' -> seconds."""
    valid = ("expected a duration such as 6s, 90s, 30m, 2h, 30d or 1mo (730 h), "
             "more than 0 and at most 10 years")
    text = str(raw or "").strip().lower().replace(" ", "")
    if not text or _PART.sub("", text):
        raise CalcInputError("duration", raw, valid)
    seconds = sum(float(n) * UNIT_SECONDS[unit] for n, unit in _PART.findall(text))
    if not 0 < seconds <= MAX_SECONDS:
        raise CalcInputError("duration", raw, valid)
    return seconds


def _hms(seconds: float) -> str:
    if seconds < 120:
        return f"{number(seconds)} s"
    if seconds < 2 * 3600:
        return f"{number(seconds / 60)} min"
    return f"{number(seconds / 3600)} h"


def ec2_cost(*, hourly_price=None, instance_type=None, region=None, duration=None,
             billing=None, os=None, count=1, purchase="on-demand",
             prices: PriceTable | None = None) -> CalcResult:
    table = prices or default_prices()
    steps: list[str] = []
    as_of = None
    if hourly_price not in (None, ""):
        price = parse_number("hourly-price", hourly_price, low=0, high=MAX_HOURLY_PRICE,
                             unit="USD/h")
        steps.append(f"price: ${number(price)} per hour (as typed)")
    elif instance_type not in (None, ""):
        kind = str(instance_type).strip().lower()
        if region not in (None, "") and str(region).strip() != table.region:
            raise CalcInputError("region", region, f"the price table covers {table.region} "
                                                   f"only; type --hourly-price for others")
        if os not in (None, "", "linux"):
            raise CalcInputError("os", os, "the price table lists Linux prices only; type "
                                           "--hourly-price for other operating systems")
        if kind not in table.ec2_hourly:
            raise CalcInputError("instance-type", instance_type,
                                 f"expected one of {', '.join(sorted(table.ec2_hourly))} "
                                 f"(or type --hourly-price)")
        price = table.ec2_hourly[kind]
        as_of = table.as_of
        steps.append(f"price: {kind} Linux on-demand in {table.region} is ${number(price)} "
                     f"per hour (as of {table.as_of})")
    else:
        raise CalcInputError("hourly-price", hourly_price,
                             f"expected a number at least 0 and at most "
                             f"{MAX_HOURLY_PRICE:,} USD/h, or instance-type: one of "
                             f"{', '.join(sorted(table.ec2_hourly))}")
    seconds = parse_duration(duration)
    if billing not in (None, ""):
        mode = parse_choice("billing", billing, BILLINGS)
    else:
        system = parse_choice("os", os or "linux", tuple(BILLING_BY_OS))
        mode = BILLING_BY_OS[system]
        steps.append(f"{system} is billed {mode.replace('-', ' ')}")
    instances = int(parse_number("count", count, low=1, high=MAX_INSTANCES, integer=True,
                                 unit="instances"))
    option = parse_choice("purchase", purchase, PURCHASES)
    if mode == "per-second":
        billed = max(60, round_up(seconds))
        rule = ("under the 60-second minimum, billed as 60 s" if seconds < 60
                else f"billed per second: {number(billed)} s")
        steps.append(f"ran {_hms(seconds)}: {rule}")
        one = price * billed / 3600
        steps.append(f"${number(price)} x {number(billed)} s / 3,600 = ${money(one)} "
                     f"per instance")
    else:
        hours = max(1, round_up(seconds / 3600))
        billed = hours * 3600
        steps.append(f"ran {_hms(seconds)}: billed per started hour, {hours} h "
                     f"(one-hour minimum)")
        one = price * hours
        steps.append(f"${number(price)} x {hours} h = ${money(one)} per instance")
    total = one * instances
    if instances > 1:
        steps.append(f"x {instances} instances = ${money(total)}")
    discount = table.ec2_discounts.get(option, 0.0)
    if discount:
        low = total * (1 - discount / 100)
        steps.append(f"{option} saves up to {number(discount)}% versus on-demand: as low as "
                     f"${money(low)} (the real saving depends on term, payment and market)")
        total = low
    return CalcResult(total, "USD", steps,
                      {"hourly_price": price, "duration_seconds": seconds, "billing": mode,
                       "count": instances, "purchase": option},
                      {"billed_seconds": billed, "discount_up_to_percent": discount},
                      prices_as_of=as_of)
