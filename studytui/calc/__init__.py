"""Calculators (pure Python): each takes raw inputs, validates them and shows its working."""

from studytui.calc.inputs import CalcInputError
from studytui.calc.result import CalcResult

__all__ = ["CalcInputError", "CalcResult"]
