"""What every calculator returns: a number, its unit and the working."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any


@dataclass
class CalcResult:
    value: float
    unit: str
    steps: list[str]
    inputs: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)
    prices_as_of: str | None = None
    summary: str | None = None  # overrides the one-line headline when set

    def headline(self) -> str:
        if self.summary:
            return self.summary
        if self.unit == "USD":
            return f"${money(self.value)}"
        return f"{number(self.value)} {self.unit}"

    def to_json(self) -> dict[str, Any]:
        data = {"result": self.value, "unit": self.unit, "steps": self.steps,
                "inputs": self.inputs, **self.extra}
        if self.prices_as_of:
            data["prices_as_of"] = self.prices_as_of
        return data


TINY = 1e-12  # below this, plain decimals get too long to read: 4 significant digits, 1e-300


def _significant(value: float, least_decimals: int) -> str:
    """4 significant digits in plain decimals (0.0003833), trailing zeros dropped but at
    least `least_decimals` kept; scientific only below 1e-12, where plain decimals would
    run on (1e-300)."""
    if abs(value) < TINY:
        return f"{value:.4g}"
    exponent = math.floor(math.log10(abs(value)))
    decimals = max(least_decimals, 3 - exponent)
    text = f"{value:,.{decimals}f}"
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0").ljust(least_decimals, "0")
    return f"{whole}.{fraction}" if fraction else whole


def number(value: float) -> str:
    """Up to 4 decimals, no trailing zeros, thousands separated: 1,234.5. A value too
    small for 4 decimals keeps 4 significant digits (0.00001667), never shows as 0."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    if abs(value) < 0.00005:
        return _significant(value, 0)
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def money(value: float) -> str:
    """Dollars for display, one rule everywhere: from $1 up, to the cent with thousands
    separated ($1,234.50); below $1, 4 significant digits and at least 2 decimals
    ($0.50, $0.0115, $0.0003833); never $0.00 for a charge that is not 0."""
    if value == 0:
        return "0.00"
    if abs(value) >= 1 or round(abs(value), 2 + 3 - math.floor(math.log10(abs(value)))) >= 1:
        return f"{value:,.2f}"
    return _significant(value, 2)


def price(value: float) -> str:
    """A unit price as AWS prints it, every digit kept: 0.0000166667, 0.023, 0.20 (at
    least 2 decimals, like money), never 1.67e-05."""
    if value != 0 and abs(value) < TINY:
        return f"{value:.4g}"
    text = f"{value:,.10f}".rstrip("0")
    whole, _, fraction = text.partition(".")
    return f"{whole}.{fraction.ljust(2, '0')}"


def round_up(value: float) -> int:
    """Whole units for a need: the next whole number up, and at least 1 for any need above
    0 however small (1e-13 of a unit still takes a unit).

    Float noise is forgiven: 2.2 x 10 computes as 22.000000000000004 and must give 22, not
    23. The allowance is 1e-13 of the value (a thousand times the noise of a few float
    operations), at most 1e-9 of a unit, so any real excess a person can type rounds up.
    """
    if value <= 0:
        return 0
    return max(1, math.ceil(value - min(1e-9, value * 1e-13)))
