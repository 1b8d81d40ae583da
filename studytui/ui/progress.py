"""Progress pane: readiness, streak and calendar, per-domain and per-topic knowledge,
what is due, and past exams. Everything is computed in a worker from the progress log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.widgets import DataTable, Static

from studytui.progress.dashboard import (
    MIN_ANSWERS_TO_JUDGE,
    MIN_ATTEMPTS_FOR_READINESS,
    PRIOR_ACCURACY,
    Coverage,
    Dashboard,
    Row,
    build_dashboard,
)

if TYPE_CHECKING:
    from studytui.content.services import ServiceMap
    from studytui.ui.app import StudyApp

SHADES = [(0, "·", "grey35"), (1, "■", "green4"), (5, "■", "green3"), (15, "■", "bright_green")]


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def short_title(title: str, width: int = 30) -> str:
    """A topic's name without its subtitle ('Amazon SQS: queues, ...' -> 'Amazon SQS'), so
    the table fits 80 columns."""
    name = title.split(":", 1)[0].strip()
    return name if len(name) <= width else name[: width - 1] + "…"


def percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def coverage_text(coverage: Coverage, names: int = 6) -> str:
    """One line (markup): services and topics practised, and some of those not yet."""
    parts = []
    if coverage.in_scope is not None:
        parts.append(f"[b]{coverage.services_practised}[/] of {coverage.in_scope} in-scope "
                     f"services")
    parts.append(f"{coverage.topics_practised} of {coverage.topics} topics")
    text = (f"[b]Exam coverage[/]: {', '.join(parts)} practised "
            f"({100 * coverage.exam_share:.0f}% of the exam's questions).")
    todo = coverage.services_not_practised
    if todo and coverage.services_practised:
        shown = ", ".join(escape(n) for n in todo[:names])
        more = f" and {len(todo) - names} more" if len(todo) > names else ""
        text += f" [dim]Not practised yet: {shown}{more}.[/]"
    return text


def heatmap(dashboard: Dashboard) -> Text:
    """Twelve weeks as seven rows (Mon-Sun), one column a week."""
    cells = dashboard.heatmap
    first = cells[0][0]
    pad = first.weekday()  # start the first column on a Monday
    grid: list[list[tuple[str, str]]] = [[] for _ in range(7)]
    for _ in range(pad):
        grid[_].append((" ", ""))
    for day, count in cells:
        symbol, style = next((s, st) for low, s, st in reversed(SHADES) if count >= low)
        grid[day.weekday()].append((symbol, style))
    text = Text()
    for name, row in zip("MTWTFSS", grid, strict=True):
        text.append(f" {name} ", style="dim")
        for symbol, style in row:
            text.append(symbol + " ", style=style)
        text.append("\n")
    text.append("   fewer ", style="dim")
    for _, symbol, style in SHADES:
        text.append(symbol + " ", style=style)
    text.append("more", style="dim")
    return text


class ProgressPane(VerticalScroll, can_focus=True):
    BINDINGS = [
        Binding("enter", "next_step", "Do next", id="progress.next"),
        Binding("w", "practise_weakest", "Practise weakest", id="progress.weakest"),
        Binding("r", "refresh_dashboard", "Refresh", id="progress.refresh"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.dashboard: Dashboard | None = None
        self._services: tuple[ServiceMap | None] | None = None  # read once, in the worker

    if TYPE_CHECKING:  # types self.app as the StudyApp it always is; nothing at run time
        app = getters.app(StudyApp)

    def compose(self) -> ComposeResult:
        yield Static("", id="progress-next")
        yield Static("Reading your history…", id="progress-readiness")
        yield Static("", id="progress-calendar")
        yield Static("[b]By domain[/]", classes="progress-heading")
        yield DataTable(id="progress-domains", cursor_type="row", zebra_stripes=True)
        yield Static("[b]By topic[/]", classes="progress-heading")
        yield DataTable(id="progress-topics", cursor_type="row", zebra_stripes=True)
        yield Static("", id="progress-forecast")
        yield Static("[b]Exam simulations[/]", classes="progress-heading")
        yield DataTable(id="progress-exams", cursor_type="row")

    def on_mount(self) -> None:
        for table_id in ("#progress-domains", "#progress-topics"):
            self.query_one(table_id, DataTable).add_columns(
                "", "Seen", "Right (recent)", "Due now", "Notes read")
        self.query_one("#progress-exams", DataTable).add_columns(
            "Date", "Score", "Result", "D1", "D2", "D3", "D4", "Time")
        self.action_refresh_dashboard()

    def default_focus(self) -> None:
        self.action_refresh_dashboard()
        self.focus()

    def action_refresh_dashboard(self) -> None:
        study = self.app

        def compute() -> Dashboard:
            log = study.progress
            planner = study.planner
            if self._services is None:
                from studytui.content.services import load_services

                # a bad blueprint leaves coverage without services; `validate` says why
                self._services = (load_services(study.library)[0],)
            return build_dashboard(study.library, log.attempts(), log.question_states(),
                                   log.exams(), set(study.read_sections),
                                   study.clock(), planner.retrievability, self._services[0])

        study.run_in_background(compute, self.show)

    def show(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        readiness = dashboard.readiness
        if readiness is None:
            head = (f"[b]Readiness[/]: answer at least {MIN_ATTEMPTS_FOR_READINESS} questions "
                    f"for an estimate ({dashboard.attempts} so far).")
        else:
            head = (f"[b]Readiness[/]: predicted score [b]{readiness.score}[/] (likely "
                    f"{readiness.low}-{readiness.high}; pass is 720): [b]{readiness.verdict}"
                    f"[/]. Based on {dashboard.attempts} answers; what you have not "
                    f"practised counts as a guess ({percent(PRIOR_ACCURACY)}); see Help for "
                    f"the formula.")
        if dashboard.coverage is not None:
            head += "\n" + coverage_text(dashboard.coverage)
        self.query_one("#progress-readiness", Static).update(head)
        step = dashboard.next_step()
        self.query_one("#progress-next", Static).update(
            f"[b]Next[/]: {escape(step.text)} · [reverse] enter [/]")
        calendar = Text.from_markup(
            f"[b]Streak[/]: {plural(dashboard.streak_days, 'day')}   [b]Due now[/]: "
            f"{dashboard.due_today}   [dim]last 12 weeks:[/]\n")
        calendar.append_text(heatmap(dashboard))
        self.query_one("#progress-calendar", Static).update(calendar)
        self._fill(self.query_one("#progress-domains", DataTable), dashboard.domains)
        self._fill(self.query_one("#progress-topics", DataTable), dashboard.topics)
        later_today = dashboard.forecast[0] - dashboard.due_today
        days = ["rest of today", "tomorrow"] + [f"+{i}d" for i in range(2, 7)]
        counts = [max(0, later_today), *dashboard.forecast[1:]]
        forecast = " · ".join(f"{d} {n}" for d, n in zip(days, counts, strict=True))
        self.query_one("#progress-forecast", Static).update(
            f"[b]Reviews coming[/] (besides the {dashboard.due_today} due now): {forecast}")
        exams = self.query_one("#progress-exams", DataTable)
        exams.clear()
        for exam in reversed(dashboard.exams[-20:]):
            domains = [f"{exam.get('per_domain', {}).get(str(d), '-')}%" for d in (1, 2, 3, 4)]
            exams.add_row(str(exam.get("at", ""))[:16].replace("T", " "), str(exam["score"]),
                          "pass" if exam.get("passed") else "fail", *domains,
                          f"{exam.get('seconds_used', 0) // 60} min")
        if not dashboard.exams:
            exams.add_row("no exams yet: Quiz (3) › Exam simulation", "", "", "", "", "", "",
                          "")

    @staticmethod
    def _fill(table: DataTable, rows: list[Row]) -> None:
        table.clear()
        for row in rows:
            table.add_row(short_title(row.title), f"{row.seen}/{row.questions}",
                          percent(row.accuracy), str(row.due) if row.seen else "-",
                          f"{row.read}/{row.sections}" if row.sections else "-")

    async def action_next_step(self) -> None:
        """Do what the Next line says."""
        if self.dashboard is None:
            return
        step = self.dashboard.next_step()
        if step.kind == "review":
            await self.app.review_due()
        elif step.kind == "exam":
            await self.app.start_exam()
        else:
            await self._practise(step.topics)

    async def action_practise_weakest(self) -> None:
        if self.dashboard is None:
            return
        weakest = self.dashboard.weakest_topics(3)
        if not weakest:
            self.app.notify(f"No topic has {MIN_ANSWERS_TO_JUDGE} answers yet: practise a "
                            f"few topics first (the Next line suggests one).")
            return
        await self._practise(tuple(weakest))

    async def _practise(self, topics: tuple[str, ...]) -> None:
        from studytui.quiz.engine import QuizFilter
        from studytui.ui.quiz import QuizPane

        await self.app.action_show_pane("quiz", focus=False)
        self.app.query_one(QuizPane).start(QuizFilter(topics=topics, count=10))
        names = ", ".join(short_title(self.app.library.topic_by_id[t].title) for t in topics)
        self.app.notify(f"Practising: {names}", timeout=6)
