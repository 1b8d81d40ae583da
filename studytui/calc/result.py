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


def number(value: float) -> str:
    """Up to 4 decimals, no trailing zeros, thousands separated: 1,234.5. A value too
    small for 4 decimals keeps 3 significant digits (1e-10), never shows as 0."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    if abs(value) < 0.00005:
        return f"{value:.3g}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def money(value: float) -> str:
    """Dollars for display: cents for large sums, more digits for tiny ones ($0.000383)."""
    if value == 0:
        return "0.00"
    if abs(value) >= 1:
        return f"{value:,.2f}"
    if abs(value) < 1e-6:
        return f"{value:.2e}"
    text = f"{value:.6f}".rstrip("0")
    whole, _, cents = text.partition(".")
    return f"{whole}.{cents.ljust(2, '0')}"


def price(value: float) -> str:
    """A unit price as AWS prints it: 0.0000166667, never 1.67e-05."""
    return f"{value:.10f}".rstrip("0").rstrip(".") if value < 1 else number(value)


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
