"""Calculators pane: a form per calculator, validated as you type, working shown live.

Keys: the list on the left switches calculators (and `1`-`5` switch panes there);
`enter` or `tab` goes into the form. In a field, printable keys belong to the field (they
never switch panes or quit), `?` still opens the help, `escape` goes back to the list and
`ctrl+q` quits. Every field shows when it has focus, and a switch says On or Off in text.
"""

from __future__ import annotations

from typing import Any, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.markup import escape
from textual.validation import ValidationResult, Validator
from textual.widgets import ContentSwitcher, Input, Label, OptionList, Select, Static, Switch
from textual.widgets.option_list import Option

from studytui.calc.forms import CALCULATORS, Calculator, Field
from studytui.calc.inputs import CalcInputError
from studytui.calc.result import CalcResult
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


HELP_KEYS = frozenset({"question_mark"})  # keys a field passes to the app (never typed)
# keys whose character Textual 8 does not look up (so `/` showed in the footer as "Search"
# while it typed a slash into the field)
_UNNAMED_CHARACTERS = {"slash": "/"}
FIELD_BINDINGS: list[BindingType] = [
    # shown in the footer while a field has focus, where `q` types a letter; the app's own
    # ctrl+q (a priority binding) is what runs
    Binding("ctrl+q", "app.quit", "Quit", priority=True, id="calc.field_quit"),
]


class FieldKeys:
    """Keys in a calculator field: printable keys are the field's, so `2` or `q` typed
    into a field never switches panes or quits; `?` (never part of a value) opens the
    help, as anywhere else. Mixed into the Input, Select and Switch of the forms."""

    OWN_KEYS: frozenset[str] = frozenset()  # printable keys the widget binds (space)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        character = character or _UNNAMED_CHARACTERS.get(key)
        return (character is not None and character.isprintable()
                and key not in HELP_KEYS and key not in self.OWN_KEYS)

    async def _on_key(self, event: events.Key) -> None:
        if event.key in HELP_KEYS:
            event.stop()
            event.prevent_default()  # an Input would type it
            widget: Any = self
            active = widget.screen.active_bindings.get(event.key)
            if active is not None and active.enabled:
                await widget.app.run_action(active.binding.action, active.node)
        elif event.is_printable and event.key not in self.OWN_KEYS:
            self.typed(event)

    def typed(self, event: events.Key) -> None:
        """A printable key in this field (an Input types it itself)."""
        event.stop()
        event.prevent_default()


class CalcInput(FieldKeys, Input):
    BINDINGS = FIELD_BINDINGS

    def typed(self, event: events.Key) -> None:
        pass  # Input's own handler types it and stops it


class CalcSelect(FieldKeys, Select):
    """A choice; a letter or digit picks the next choice starting with it."""

    BINDINGS = FIELD_BINDINGS
    OWN_KEYS = frozenset({"space"})

    def typed(self, event: events.Key) -> None:
        super().typed(event)
        character = (event.character or "").lower()
        values = [value for _label, value in self._options if value != Select.NULL]
        if not values or self.expanded:
            return
        start = values.index(self.value) + 1 if self.value in values else 0
        for step in range(len(values)):
            value = values[(start + step) % len(values)]
            if str(value).lower().startswith(character):
                self.value = value
                return


class CalcSwitch(FieldKeys, Switch):
    """A switch that says its state in text, "[x] On" or "[ ] Off": not by colour alone."""

    BINDINGS = FIELD_BINDINGS
    OWN_KEYS = frozenset({"space"})
    DEFAULT_CSS = """
    CalcSwitch {
        width: 9;
        height: 1;
        border: none;
        padding: 0 1;
        background: transparent;
    }
    """

    def render(self) -> Content:
        return Content("[x] On" if self.value else "[ ] Off")

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return 7


class CalculatorForm(Vertical):
    """The fields of one calculator, its working and the price date."""

    def __init__(self, calculator: Calculator) -> None:
        super().__init__(id=f"form-{calculator.id}", classes="calc-form")
        self.calculator = calculator
        self.last_result: CalcResult | None = None

    def _widget_id(self, field: Field) -> str:
        return f"calc-{self.calculator.id}-{field.name}"

    def compose(self) -> ComposeResult:
        yield Static(f"[b]{self.calculator.title}[/]", classes="calc-title")
        for field in self.calculator.fields:
            with Horizontal(classes="calc-row"):
                yield Label(field.label, classes="calc-label")
                widget_id = self._widget_id(field)
                if field.kind == "choice":
                    yield CalcSelect([(c, c) for c in field.choices], value=field.default,
                                     allow_blank=False, compact=True, id=widget_id)
                elif field.kind == "bool":
                    yield CalcSwitch(value=bool(field.default), animate=False,
                                     id=widget_id)
                else:
                    yield CalcInput(str(field.default), placeholder=field.hint,
                                    compact=True, id=widget_id,
                                    validators=[FieldValidator(self, field)],
                                    valid_empty=field.kind == "text")
            yield Static("", classes="calc-error", id=f"{widget_id}-error")
        yield Static("", classes="calc-result", id=f"result-{self.calculator.id}")

    def on_mount(self) -> None:
        self.recompute()

    def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        self._mark_focused_row()

    def on_descendant_blur(self, _event: events.DescendantBlur) -> None:
        self._mark_focused_row()

    def _mark_focused_row(self) -> None:
        """The row holding focus gets `-focused`: its label is marked in the CSS (which
        `:focus-within` would not restyle when focus moves between rows)."""
        focused = self.screen.focused
        for row in self.query(".calc-row"):
            row.set_class(focused is not None and row in focused.ancestors, "-focused")

    def values(self) -> dict[str, Any]:
        values = self.calculator.defaults()  # for widgets not mounted yet
        for field in self.calculator.fields:
            for widget in self.query(f"#{self._widget_id(field)}"):
                values[field.name] = cast(Any, widget).value  # an Input, Select or Switch
        return values

    def fill(self, values: dict[str, Any]) -> None:
        for field in self.calculator.fields:
            if field.name in values:
                widget: Any = self.query_one(f"#{self._widget_id(field)}")  # Input/Select/Switch
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
            # another field can make this one wrong (an OS with no price in the table
            # needs a typed price): mark it even though its own text did not change
            for widget in self.query(f"#{self._widget_id(field)}").results(Input):
                widget.set_class(error is not None, "-invalid")
                widget.set_class(error is None, "-valid")
        box = self.query_one(f"#result-{self.calculator.id}", Static)
        try:
            result = self.calculator.compute(values)
        except CalcInputError as exc:
            self.last_result = None
            # the label the user sees on the form, not the CLI flag
            verb = "Type" if exc.missing else "Fix"
            box.update(f"[$warning]{verb} {escape(exc.label or exc.field)}:[/] "
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
        # only while a field has focus (check_action): in the list, escape is the app's
        Binding("escape", "back_to_list", "Back to list", id="calc.back"),
    ]

    def compose(self) -> ComposeResult:
        yield VimOptionList(*[Option(c.short, id=c.id) for c in CALCULATORS.values()],
                            id="calc-list")
        first = next(iter(CALCULATORS.values()))
        # not a focus stop of its own: tab from the list goes straight to the first field
        with VerticalScroll(id="calc-body", can_focus=False), ContentSwitcher(
                initial=f"form-{first.id}", id="calc-switcher"):
            yield CalculatorForm(first)  # the others are built when first chosen

    def default_focus(self) -> None:
        self.query_one("#calc-list", OptionList).focus()

    def _in_form(self) -> bool:
        focused = self.screen.focused
        return focused is not None and any(isinstance(node, CalculatorForm)
                                           for node in focused.ancestors)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back_to_list":
            return self._in_form()
        return True

    def action_back_to_list(self) -> None:
        self.default_focus()

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
