"""EC2 instance cost for one run, billed per second (60 s minimum) or per hour.

Sources: https://aws.amazon.com/ec2/pricing/ (per-second billing by OS),
https://aws.amazon.com/calculator/calculator-assumptions/ (730-hour month).
"""

from __future__ import annotations

import re

from studytui.calc.inputs import (
    PLAIN_DIGITS,
    CalcInputError,
    other_input,
    parse_choice,
    parse_number,
)
from studytui.calc.pricing import PriceTable, default_prices
from studytui.calc.result import CalcResult, money, number, price, round_up

HOUR = 3600
# every unit in lower case: '60M' is 60 minutes, like '60m'; months are 'mo' (730 h, the
# AWS Pricing Calculator's month) and years 'y' (12 such months)
UNIT_SECONDS = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), 1),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), 60),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), HOUR),
    **dict.fromkeys(("d", "day", "days"), 24 * HOUR),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), 7 * 24 * HOUR),
    **dict.fromkeys(("mo", "mon", "mons", "month", "months"), 730 * HOUR),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), 12 * 730 * HOUR),
}
# a number (ASCII digits, one optional dot) and a unit; parts may be separated by spaces
# or a comma and space: "1h30m", "1 h 30 min", "2 hours, 15 minutes"
_PART = re.compile(r"([0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*([a-z]+)", re.ASCII)
_GAP = re.compile(r"\s*,?\s*", re.ASCII)
MAX_SECONDS = 10 * 365 * 86_400
DURATION_HELP = ("expected a duration such as 90s, 30m, 2 hours, 3 days or 1mo (m is "
                 "minutes, mo months of 730 h), more than 0 and at most 10 years")
OS_NAMES = {"linux": "Linux", "windows": "Windows", "rhel": "RHEL", "ubuntu": "Ubuntu",
            "suse": "SUSE"}
BILLING_BY_OS = {"linux": "per-second", "windows": "per-second", "rhel": "per-second",
                 "ubuntu": "per-second", "suse": "per-hour"}
BILLINGS = ("per-second", "per-hour")
PURCHASES = ("on-demand", "reserved", "convertible", "spot")
MAX_INSTANCES = 100_000
MAX_HOURLY_PRICE = 1000
ON_DEMAND_PRICES = "https://aws.amazon.com/ec2/pricing/on-demand/"


def parse_duration(raw) -> float:
    """A duration in seconds, from '90s', '90 s', '30m', '60M' (minutes), '2h', '2 hours',
    '3d', '3 days', '2w', '1mo' (730 h), '1y', or parts together: '1h30m', '1 h 30 min'.

    The shell and the calculators pane read durations with this one function.
    """
    text = str(raw if raw is not None else "").strip().lower()
    pos = 0
    seconds = 0.0
    parts = 0
    while pos < len(text):
        if parts:
            gap = _GAP.match(text, pos)  # the gap may be empty: it always matches
            pos = gap.end() if gap else pos
        part = _PART.match(text, pos)
        if part is None or part.group(2) not in UNIT_SECONDS:
            raise CalcInputError("duration", raw, _duration_help(text))
        seconds += float(part.group(1)) * UNIT_SECONDS[part.group(2)]
        parts += 1
        pos = part.end()
    if not parts or not 0 < seconds <= MAX_SECONDS:
        raise CalcInputError("duration", raw, DURATION_HELP)
    return seconds


def _duration_help(text: str) -> str:
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", text, re.ASCII):
        return f"{DURATION_HELP}; give a unit: {text}s, {text}m or {text}h"
    if re.search(r"[0-9][,_'’][0-9]", text):
        return f"{DURATION_HELP}; {PLAIN_DIGITS}"
    return DURATION_HELP


def _hms(seconds: float) -> str:
    if seconds < 120:
        return f"{number(seconds)} s"
    if seconds < 2 * HOUR:
        return f"{number(seconds / 60)} min"
    if seconds < 2 * 24 * HOUR:
        return f"{number(seconds / HOUR)} h"
    return f"{number(seconds / HOUR)} h ({number(seconds / 86_400)} days)"


def ec2_cost(*, hourly_price=None, instance_type=None, region=None, duration=None,
             billing=None, os=None, count=1, purchase="on-demand",
             prices: PriceTable | None = None) -> CalcResult:
    """The cost of `count` instances each running once for `duration`.

    A typed `hourly_price` wins over the price table, which has Linux on-demand prices
    for one region: another operating system needs its price typed. Reserved,
    Convertible and Spot give a range, from the best published discount up to the
    on-demand cost; the result is the on-demand cost (the most that run can cost).
    """
    table = prices or default_prices()
    steps: list[str] = []
    as_of = None
    system = parse_choice("os", os, tuple(BILLING_BY_OS)) if os not in (None, "") else None
    if hourly_price not in (None, ""):
        hourly = parse_number("hourly-price", hourly_price, low=0, high=MAX_HOURLY_PRICE,
                              unit="USD/h")
        steps.append(f"price: ${price(hourly)} per hour (as typed)")
    elif instance_type not in (None, ""):
        kind = str(instance_type).strip().lower()
        if region not in (None, "") and str(region).strip() != table.region:
            raise CalcInputError("hourly-price", None,
                                 f"the price table covers {table.region} only: type the "
                                 f"hourly price for {str(region).strip()} in "
                                 f"{other_input('hourly-price')} ({ON_DEMAND_PRICES})")
        if system not in (None, "linux"):
            raise CalcInputError("hourly-price", None,
                                 f"the price table has Linux prices only: type the "
                                 f"{OS_NAMES[system]} hourly price for {kind} in "
                                 f"{other_input('hourly-price')} ({ON_DEMAND_PRICES})")
        if kind not in table.ec2_hourly:
            raise CalcInputError("instance-type", instance_type,
                                 f"expected one of {', '.join(sorted(table.ec2_hourly))}, "
                                 f"or type the hourly price in "
                                 f"{other_input('hourly-price')}")
        hourly = table.ec2_hourly[kind]
        as_of = table.as_of
        steps.append(f"price: {kind} Linux on-demand in {table.region} is "
                     f"${price(hourly)} per hour (as of {table.as_of})")
    else:
        raise CalcInputError("hourly-price", hourly_price,
                             f"expected a number at least 0 and at most "
                             f"{MAX_HOURLY_PRICE:,} USD/h, or "
                             f"{other_input('instance-type')}: one of "
                             f"{', '.join(sorted(table.ec2_hourly))}")
    seconds = parse_duration(duration)
    if billing not in (None, ""):
        mode = parse_choice("billing", billing, BILLINGS)
    else:
        system = system or "linux"
        mode = BILLING_BY_OS[system]
        steps.append(f"{OS_NAMES[system]} is billed {mode.replace('-', ' ')}")
    instances = int(parse_number("count", count, low=1, high=MAX_INSTANCES, integer=True,
                                 unit="instances"))
    option = parse_choice("purchase", purchase, PURCHASES)
    if mode == "per-second":
        billed = max(60, round_up(seconds))
        rule = ("under the 60-second minimum, billed as 60 s" if seconds < 60
                else f"billed per second: {number(billed)} s")
        steps.append(f"ran {_hms(seconds)}: {rule}")
        one = hourly * billed / HOUR
        steps.append(f"${price(hourly)} x {number(billed)} s / 3,600 = ${money(one)} "
                     f"per instance")
    else:
        hours = max(1, round_up(seconds / HOUR))
        billed = hours * HOUR
        steps.append(f"ran {_hms(seconds)}: billed per started hour, {number(hours)} h "
                     f"(one-hour minimum)")
        one = hourly * hours
        steps.append(f"${price(hourly)} x {number(hours)} h = ${money(one)} per instance")
    total = one * instances
    if instances > 1:
        steps.append(f"x {number(instances)} instances = ${money(total)}")
    discount = table.ec2_discounts.get(option, 0.0)
    low = total * (1 - discount / 100)
    summary = None
    if discount:
        steps.append(f"{option}: up to {number(discount)}% off on-demand, so from "
                     f"${money(low)} to the on-demand ${money(total)} (the real price "
                     f"depends on {_DEPENDS[option]})")
        summary = f"${money(low)} to ${money(total)} ({option}, up to {number(discount)}% off)"
    return CalcResult(total, "USD", steps,
                      {"hourly_price": hourly, "duration_seconds": seconds, "billing": mode,
                       "count": instances, "purchase": option},
                      {"billed_seconds": billed, "discount_up_to_percent": discount,
                       "on_demand": total, "lowest": low},
                      prices_as_of=as_of, summary=summary)


_DEPENDS = {"reserved": "the term and how much is paid upfront",
            "convertible": "the term and how much is paid upfront",
            "spot": "the current Spot price; there is no bidding"}
