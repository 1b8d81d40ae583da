"""Turning raw text or numbers into validated inputs, with messages that name the range."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any


class CalcInputError(ValueError):
    """A calculator input that is missing, not a number or outside its valid range."""

    def __init__(self, field: str, value: Any, valid: str) -> None:
        self.field = field
        self.value = value
        self.valid = valid
        shown = repr(value) if isinstance(value, str) else value
        super().__init__(f"{field}: {shown} is not valid; {valid}")


def parse_number(field: str, raw: Any, *, low: float, high: float, integer: bool = False,
                 low_open: bool = False, unit: str = "") -> float:
    """A finite number in [low, high] (or (low, high] when low_open)."""
    suffix = f" {unit}" if unit else ""
    kind = "a whole number" if integer else "a number"
    lower = f"more than {low:g}" if low_open else f"at least {low:g}"
    valid = f"expected {kind} {lower} and at most {high:,g}{suffix}"
    if isinstance(raw, bool) or raw is None:
        raise CalcInputError(field, raw, valid)
    if isinstance(raw, str):
        text = raw.strip().replace("_", "").replace(",", "")
        if not text:
            raise CalcInputError(field, raw, valid)
        try:
            value = float(text)
        except ValueError:
            raise CalcInputError(field, raw, valid) from None
    elif isinstance(raw, (int, float)):
        value = float(raw)
    else:
        raise CalcInputError(field, raw, valid)
    if not math.isfinite(value) or value > high or value < low or (low_open and value == low):
        raise CalcInputError(field, raw, valid)
    if integer and value != int(value):
        raise CalcInputError(field, raw, valid)
    return int(value) if integer else value


def parse_choice(field: str, raw: Any, choices: Sequence[str]) -> str:
    text = str(raw).strip().lower() if raw is not None else ""
    if text not in choices:
        raise CalcInputError(field, raw, f"expected one of: {', '.join(choices)}")
    return text
