"""Calculators pane: a form per calculator, validated as you type, working shown live."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.validation import ValidationResult, Validator
from textual.widgets import ContentSwitcher, Input, Label, OptionList, Select, Static, Switch
from textual.widgets.option_list import Option

from studytui.calc.forms import CALCULATORS, Calculator, Field
from studytui.calc.inputs import CalcInputError
from studytui.ui.vim_list import VimOptionList


class FieldValidator(Validator):
    """Validates one field by running its calculator: the domain owns every range."""

    def __init__(self, form: CalculatorForm, field: Field) -> None:
        super().__init__()
        self.form = form
        self.field = field

    def validate(self, value: str) -> ValidationResult:
        values = self.form.values() | {self.field.name: value}
        error = self.form.calculator.field_error(values, self.field.name)
        return self.failure(error.valid) if error else self.success()


class CalculatorForm(Vertical):
    """The fields of one calculator, its working and the price date."""

    def __init__(self, calculator: Calculator) -> None:
        super().__init__(id=f"form-{calculator.id}", classes="calc-form")
        self.calculator = calculator
        self.last_result = None

    def _widget_id(self, field: Field) -> str:
        return f"calc-{self.calculator.id}-{field.name}"

    def compose(self) -> ComposeResult:
        yield Static(f"[b]{self.calculator.title}[/]", classes="calc-title")
        for field in self.calculator.fields:
            with Horizontal(classes="calc-row"):
                yield Label(field.label, classes="calc-label")
                widget_id = self._widget_id(field)
                if field.kind == "choice":
                    yield Select([(c, c) for c in field.choices], value=field.default,
                                 allow_blank=False, compact=True, id=widget_id)
                elif field.kind == "bool":
                    yield Switch(value=bool(field.default), id=widget_id)
                else:
                    yield Input(str(field.default), placeholder=field.hint, compact=True,
                                id=widget_id, validators=[FieldValidator(self, field)],
                                valid_empty=field.kind == "text")
            yield Static("", classes="calc-error", id=f"{widget_id}-error")
        yield Static("", classes="calc-result", id=f"result-{self.calculator.id}")

    def on_mount(self) -> None:
        self.recompute()

    def values(self) -> dict[str, Any]:
        values = self.calculator.defaults()  # for widgets not mounted yet
        for field in self.calculator.fields:
            for widget in self.query(f"#{self._widget_id(field)}"):
                values[field.name] = widget.value  # type: ignore[attr-defined]
        return values

    def fill(self, values: dict[str, Any]) -> None:
        for field in self.calculator.fields:
            if field.name in values:
                widget = self.query_one(f"#{self._widget_id(field)}")
                value = values[field.name]
                widget.value = value if field.kind in ("choice", "bool") else str(value)

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Switch.Changed)
    def _changed(self) -> None:
        self.recompute()

    def recompute(self) -> None:
        values = self.values()
        for field in self.calculator.fields:
            error = self.calculator.field_error(values, field.name)
            label = self.query_one(f"#{self._widget_id(field)}-error", Static)
            label.update(f"↳ {escape(error.valid)}" if error else "")
            label.display = error is not None
        box = self.query_one(f"#result-{self.calculator.id}", Static)
        try:
            result = self.calculator.compute(values)
        except CalcInputError as exc:
            self.last_result = None
            # the label the user sees on the form, not the CLI flag
            box.update(f"[$warning]Fix {escape(exc.label or exc.field)}:[/] "
                       f"{escape(exc.valid)}")
            return
        except Exception as exc:  # never let a calculator bug reach the user as a crash
            self.last_result = None
            box.update(f"[$error]Could not calculate: {escape(str(exc))}[/]")
            return
        self.last_result = result
        steps = "\n".join(f" • {escape(step)}" for step in result.steps)
        as_of = (f"\n[dim]Prices: us-east-1, as of {result.prices_as_of}[/]"
                 if result.prices_as_of else "")
        box.update(f"[b $success]= {escape(result.headline())}[/]\n{steps}{as_of}")


class CalculatorsPane(Horizontal):
    BINDINGS = [
        Binding("y", "copy_result", "Copy result", id="calc.copy"),
        Binding("ctrl+y", "copy_result", "Copy result", id="calc.copy_anywhere", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield VimOptionList(*[Option(c.short, id=c.id) for c in CALCULATORS.values()],
                            id="calc-list")
        first = next(iter(CALCULATORS.values()))
        with VerticalScroll(id="calc-body"), ContentSwitcher(initial=f"form-{first.id}",
                                                              id="calc-switcher"):
            yield CalculatorForm(first)  # the others are built when first chosen

    async def _form(self, calculator_id: str) -> CalculatorForm:
        """Switch to a calculator's form, building (and mounting) it on first use."""
        switcher = self.query_one("#calc-switcher", ContentSwitcher)
        found = switcher.query(f"#form-{calculator_id}")
        if found:
            form = found.first(CalculatorForm)
        else:
            form = CalculatorForm(CALCULATORS[calculator_id])
            await switcher.mount(form)
        switcher.current = form.id
        return form

    @on(OptionList.OptionHighlighted, "#calc-list")
    async def _show(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            await self._form(event.option.id)

    @on(OptionList.OptionSelected, "#calc-list")
    async def _enter_form(self, event: OptionList.OptionSelected) -> None:
        form = await self._form(event.option.id or "rcu")
        form.query("Input, Select, Switch").first().focus()

    async def show(self, calculator_id: str, values: dict[str, Any] | None = None) -> None:
        """Open a calculator, optionally prefilled (from a quiz question)."""
        listing = self.query_one("#calc-list", OptionList)
        listing.highlighted = listing.get_option_index(calculator_id)
        form = await self._form(calculator_id)
        if values:
            form.fill(values)

    def current_form(self) -> CalculatorForm:
        current = self.query_one("#calc-switcher", ContentSwitcher).current
        return self.query_one(f"#{current}", CalculatorForm)

    def action_copy_result(self) -> None:
        result = self.current_form().last_result
        if result is None:
            self.app.notify("Nothing to copy: fix the marked field first.", severity="warning")
            return
        text = result.headline()
        self.app.copy_to_clipboard(text)
        self.app.notify(f"Copied: {text}")
