"""The calculators as forms: which fields each one has, for any front end to lay out.

The UI builds its widgets from these specs and validates by running the calculator:
ranges live in one place, the domain functions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from studytui.calc.dynamodb import monthly_cost, read_capacity, write_capacity
from studytui.calc.ec2 import ec2_cost
from studytui.calc.inputs import CalcInputError
from studytui.calc.kinesis import shard_count
from studytui.calc.lambda_cost import lambda_cost
from studytui.calc.result import CalcResult

AUTO = "auto"


@dataclass(frozen=True)
class Field:
    name: str  # keyword argument of the calculator function
    label: str
    kind: str  # "number", "text", "choice" or "bool"
    default: Any
    choices: tuple[str, ...] = ()
    error_name: str = ""  # the name CalcInputError uses (the CLI flag)
    hint: str = ""

    @property
    def flag(self) -> str:
        return self.error_name or self.name.replace("_", "-")


@dataclass(frozen=True)
class Calculator:
    id: str
    short: str  # for lists
    title: str
    fields: tuple[Field, ...]
    function: Callable[..., CalcResult]

    def defaults(self) -> dict[str, Any]:
        return {f.name: f.default for f in self.fields}

    def compute(self, values: Mapping[str, Any]) -> CalcResult:
        """Run with form values; choices set to AUTO or blank mean 'not given'.

        A CalcInputError comes out carrying the label of the field it is about (when the
        form has that field) and the labels of the other fields its message mentions, so
        a form names what the user sees, never a CLI flag.
        """
        kwargs = {}
        for spec in self.fields:
            value = values.get(spec.name, spec.default)
            if spec.kind == "choice" and value in (AUTO, "", None):
                value = None
            kwargs[spec.name] = value
        try:
            return self.function(**kwargs)
        except CalcInputError as exc:
            wrong = self.field_for(exc)
            raise exc.labelled(wrong.label if wrong else None, self.labels()) from exc

    def labels(self) -> dict[str, str]:
        """Each field's label, by the CLI flag name messages use for it."""
        return {f.flag: f.label for f in self.fields}

    def field_for(self, error: CalcInputError) -> Field | None:
        """The form field an error is about (matched by its CLI flag name)."""
        return next((f for f in self.fields if f.flag == error.field), None)

    def field_error(self, values: Mapping[str, Any], name: str) -> CalcInputError | None:
        """The error for one field, if the current values make that field wrong."""
        try:
            self.compute(values)
        except CalcInputError as exc:
            spec = self.field_for(exc)
            if spec is not None and spec.name == name:
                return exc
        return None


CONSISTENCIES = ("eventual", "strong", "transactional")

CALCULATORS: dict[str, Calculator] = {c.id: c for c in (
    Calculator("rcu", "DynamoDB RCU", "DynamoDB read capacity (RCU)", (
        Field("item_kb", "Item size (KB)", "number", "6", hint="1 KB = 1,024 bytes; max 400"),
        Field("per_second", "Requests per second", "number", "10"),
        Field("consistency", "Consistency", "choice", "eventual", CONSISTENCIES),
        Field("operation", "Operation", "choice", "get", ("get", "batch-get", "query")),
        Field("items", "Items per batch/query", "number", "1"),
    ), read_capacity),
    Calculator("wcu", "DynamoDB WCU", "DynamoDB write capacity (WCU)", (
        Field("item_kb", "Item size (KB)", "number", "3", hint="1 KB = 1,024 bytes; max 400"),
        Field("per_second", "Writes per second", "number", "10"),
        Field("transactional", "Transactional writes", "bool", False),
    ), write_capacity),
    Calculator("dynamodb-cost", "DynamoDB cost", "DynamoDB monthly cost", (
        Field("reads_per_second", "Reads per second", "number", "100"),
        Field("read_item_kb", "Read item size (KB)", "number", "4"),
        Field("consistency", "Read consistency", "choice", "eventual", CONSISTENCIES),
        Field("writes_per_second", "Writes per second", "number", "10"),
        Field("write_item_kb", "Write item size (KB)", "number", "1"),
        Field("transactional", "Transactional writes", "bool", False),
        Field("storage_gb", "Storage (GB)", "number", "30"),
    ), monthly_cost),
    Calculator("ec2", "EC2 cost", "EC2 instance cost", (
        Field("instance_type", "Instance type", "choice", "t2.small",
              ("t2.micro", "t2.small", "t3.micro", "t3.small", "t3.medium", "m5.large",
               "c5.large", "r5.large"), hint="Linux, us-east-1 price table"),
        Field("hourly_price", "Hourly price (USD)", "text", "",
              hint="optional: overrides the table"),
        Field("duration", "Duration", "text", "1mo",
              hint="90s, 30m, 2 hours, 3 days, 1mo (m = minutes)"),
        Field("os", "Operating system", "choice", "linux",
              ("linux", "windows", "rhel", "ubuntu", "suse")),
        Field("billing", "Billing", "choice", AUTO, (AUTO, "per-second", "per-hour")),
        Field("count", "Instances", "number", "1"),
        Field("purchase", "Purchase option", "choice", "on-demand",
              ("on-demand", "reserved", "convertible", "spot")),
    ), ec2_cost),
    Calculator("lambda", "Lambda cost", "Lambda monthly cost", (
        Field("requests", "Requests per month", "number", "5000000"),
        Field("duration_ms", "Average duration (ms)", "number", "120"),
        Field("memory_mb", "Memory (MB)", "number", "512", hint="128-10,240"),
        Field("arch", "Architecture", "choice", "x86_64", ("x86_64", "arm64")),
        Field("free_tier", "Include free tier", "bool", True),
    ), lambda_cost),
    Calculator("kinesis", "Kinesis shards", "Kinesis Data Streams shards (provisioned)", (
        Field("mb_in", "MB/s written", "number", "3", hint="1 MB/s per shard"),
        Field("records_in", "Records/s written", "number", "2500",
              hint="1,000 records/s per shard"),
        Field("mb_out", "MB/s read per consumer", "number", "3",
              hint="2 MB/s per shard"),
        Field("consumers", "Consumers", "number", "3", hint="1-1,000"),
        Field("enhanced_fan_out", "Enhanced fan-out", "bool", False),
    ), shard_count),
)}
