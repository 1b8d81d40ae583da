"""Turning raw text or numbers into validated inputs, with messages that name the range.

Numbers are read strictly: optional sign, digits, at most one dot, optional exponent
(`1000`, `1.5`, `2e3`). Thousands or locale separators (`1,000`, `1,5`, `1_000`) are
refused rather than guessed at, because `1,5` means 1.5 to some readers and 15 to others.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_SEPARATOR = re.compile(r"[0-9][,_'’\s]+[0-9]")
PLAIN_DIGITS = "write plain digits with one dot for decimals (1000 or 1.5, not 1,000 or 1,5)"
_OTHER_INPUT = re.compile(r"<<([a-z0-9-]+)>>")


def other_input(flag: str) -> str:
    """A reference, inside a message, to another input of the same calculator: the shell
    shows it as its flag (--hourly-price), a form as the label it shows ("Hourly price
    (USD)"). Messages never spell a flag themselves."""
    return f"<<{flag}>>"


class CalcInputError(ValueError):
    """A calculator input that is missing, not a number or outside its valid range.

    `field` is the name the shell uses (the CLI flag without its dashes, "item-kb");
    `label` is the name a form shows for the same input ("Item size (KB)"), set by the
    form (`studytui.calc.forms`) when it knows one. `str()` names the flag; `for_form()`
    the label. `valid` may mention other inputs (`other_input`): they read as flags
    (--hourly-price) unless `labels` (flag -> label) gives a form's names for them.
    """

    def __init__(self, field: str, value: Any, valid: str, *, label: str | None = None,
                 labels: dict[str, str] | None = None) -> None:
        self.field = field
        self.value = value
        self.template = valid
        self.labels = dict(labels or {})
        self.valid = _OTHER_INPUT.sub(self._name_of, valid)
        self.label = label
        super().__init__(self.message(field))

    def _name_of(self, match: re.Match) -> str:
        flag = match.group(1)
        return f'"{self.labels[flag]}"' if flag in self.labels else f"--{flag}"

    @property
    def missing(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())

    def message(self, name: str) -> str:
        """The whole message, naming the input as `name`."""
        if self.missing:
            return f"{name}: missing; {self.valid}"
        shown = repr(self.value) if isinstance(self.value, str) else self.value
        return f"{name}: {shown} is not valid; {self.valid}"

    def for_form(self) -> str:
        return self.message(self.label or self.field)

    def labelled(self, label: str | None, labels: dict[str, str] | None = None) -> CalcInputError:
        """The same error, carrying the label a form shows for this input (and, in
        `labels`, the labels of the other inputs its message mentions)."""
        return CalcInputError(self.field, self.value, self.template, label=label,
                              labels=labels)


def show_limit(value: float) -> str:
    """A range limit as people write it: 400, 10,240, 1,000,000,000, 0.5."""
    if value == int(value) and abs(value) < 1e18:
        return f"{int(value):,}"
    return f"{value:g}"


def parse_number(field: str, raw: Any, *, low: float, high: float, integer: bool = False,
                 low_open: bool = False, unit: str = "") -> float:
    """A finite number in [low, high] (or (low, high] when low_open), read strictly."""
    suffix = f" {unit}" if unit else ""
    kind = "a whole number" if integer else "a number"
    lower = f"more than {show_limit(low)}" if low_open else f"at least {show_limit(low)}"
    valid = f"expected {kind} {lower} and at most {show_limit(high)}{suffix}"
    if isinstance(raw, bool) or raw is None:
        raise CalcInputError(field, raw, valid)
    if isinstance(raw, str):
        text = raw.strip()
        if not _PLAIN_NUMBER.fullmatch(text):
            if _SEPARATOR.search(text):
                valid = f"{valid}; {PLAIN_DIGITS}"
            raise CalcInputError(field, raw, valid)
        value = float(text)
    elif isinstance(raw, (int, float)):
        try:
            value = float(raw)
        except OverflowError:  # an int too large for a float
            raise CalcInputError(field, raw, valid) from None
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
