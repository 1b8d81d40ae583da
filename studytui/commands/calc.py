"""`studytui calc ...`: the calculators from the shell, sharing the domain functions."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from studytui.calc.inputs import CalcInputError
from studytui.calc.result import CalcResult
from studytui.commands.common import add_command


def _rcu(a: argparse.Namespace) -> CalcResult:
    from studytui.calc.dynamodb import read_capacity
    return read_capacity(item_kb=a.item_kb, item_bytes_raw=a.item_bytes,
                         per_second=a.per_second, consistency=a.consistency,
                         operation=a.operation, items=a.items)


def _wcu(a: argparse.Namespace) -> CalcResult:
    from studytui.calc.dynamodb import write_capacity
    return write_capacity(item_kb=a.item_kb, item_bytes_raw=a.item_bytes,
                          per_second=a.per_second, transactional=a.transactional)


def _dynamodb_cost(a: argparse.Namespace) -> CalcResult:
    from studytui.calc.dynamodb import monthly_cost
    return monthly_cost(reads_per_second=a.reads_per_second, reads_per_day=a.reads_per_day,
                        read_item_kb=a.read_item_kb, consistency=a.consistency,
                        writes_per_second=a.writes_per_second,
                        writes_per_day=a.writes_per_day, write_item_kb=a.write_item_kb,
                        transactional=a.transactional, storage_gb=a.storage_gb)


def _ec2(a: argparse.Namespace) -> CalcResult:
    from studytui.calc.ec2 import ec2_cost
    return ec2_cost(hourly_price=a.hourly_price, instance_type=a.instance_type,
                    region=a.region, duration=a.duration, billing=a.billing, os=a.os,
                    count=a.count, purchase=a.purchase)


def _lambda(a: argparse.Namespace) -> CalcResult:
    from studytui.calc.lambda_cost import lambda_cost
    return lambda_cost(requests=a.requests, duration_ms=a.duration_ms,
                       memory_mb=a.memory_mb, arch=a.arch, free_tier=a.free_tier)


def _kinesis(a: argparse.Namespace) -> CalcResult:
    from studytui.calc.kinesis import shard_count
    return shard_count(mb_in=a.mb_in, records_in=a.records_in, mb_out=a.mb_out,
                       consumers=a.consumers, enhanced_fan_out=a.enhanced_fan_out)


def add_parser(sub: argparse._SubParsersAction) -> None:
    # Inputs the calculator needs are not argparse-required: a missing one is reported
    # by the calculator, which names the flag and its valid range in one message.
    calc = add_command(sub, "calc", "DynamoDB capacity and cost, EC2 cost, Lambda cost, "
                                    "Kinesis shards")
    kinds = calc.add_subparsers(title="calculators", metavar="CALCULATOR", required=True)
    out = argparse.ArgumentParser(add_help=False)
    out.add_argument("--json", action="store_true", help="print one JSON object")

    def size(p: argparse.ArgumentParser) -> None:
        group = p.add_mutually_exclusive_group()
        group.add_argument("--item-kb", metavar="F", help="item size in KB (1 KB = 1,024 "
                                                          "bytes), up to 400")
        group.add_argument("--item-bytes", metavar="N", help="item size in bytes")

    rcu = kinds.add_parser("rcu", parents=[out], help="DynamoDB read capacity units")
    size(rcu)
    rcu.add_argument("--per-second", metavar="F",
                     help="reads (get), batches (batch-get) or queries per second "
                          "(required)")
    rcu.add_argument("--consistency", default="eventual",
                     choices=["strong", "eventual", "transactional"])
    rcu.add_argument("--operation", default="get", choices=["get", "batch-get", "query"])
    rcu.add_argument("--items", default="1", metavar="N",
                     help="items per batch-get or per query (default 1)")
    rcu.set_defaults(calc=_rcu)

    wcu = kinds.add_parser("wcu", parents=[out], help="DynamoDB write capacity units")
    size(wcu)
    wcu.add_argument("--per-second", metavar="F", help="writes per second (required)")
    wcu.add_argument("--transactional", action="store_true")
    wcu.set_defaults(calc=_wcu)

    cost = kinds.add_parser("dynamodb-cost", parents=[out],
                            help="DynamoDB monthly cost: provisioned vs on-demand")
    for verb in ("reads", "writes"):
        rate = cost.add_mutually_exclusive_group()
        rate.add_argument(f"--{verb}-per-second", metavar="F")
        rate.add_argument(f"--{verb}-per-day", metavar="F")
    cost.add_argument("--read-item-kb", default="4", metavar="F")
    cost.add_argument("--write-item-kb", default="1", metavar="F")
    cost.add_argument("--consistency", default="eventual",
                      choices=["strong", "eventual", "transactional"])
    cost.add_argument("--transactional", action="store_true", help="transactional writes")
    cost.add_argument("--storage-gb", default="0", metavar="F")
    cost.set_defaults(calc=_dynamodb_cost)

    ec2 = kinds.add_parser("ec2", parents=[out], help="EC2 instance cost")
    # a typed price wins over the table (as in the Calculators pane), so both may be given:
    # the table has Linux prices only, and other systems need their price typed
    ec2.add_argument("--hourly-price", metavar="F",
                     help="USD per hour; overrides the price table (needed for an OS "
                          "other than Linux, or a region other than us-east-1)")
    ec2.add_argument("--instance-type", metavar="T",
                     help="look up the Linux on-demand price in the price table")
    ec2.add_argument("--region", metavar="R")
    ec2.add_argument("--duration", metavar="D",
                     help="e.g. 90s, 30m (m is minutes), 2h, '2 hours', 3d, '3 days', 1mo "
                          "(730 h), '1h 30m' (required)")
    billing = ec2.add_mutually_exclusive_group()
    billing.add_argument("--billing", choices=["per-second", "per-hour"])
    billing.add_argument("--os", choices=["linux", "windows", "rhel", "ubuntu", "suse"])
    ec2.add_argument("--count", default="1", metavar="N")
    ec2.add_argument("--purchase", default="on-demand",
                     choices=["on-demand", "reserved", "convertible", "spot"])
    ec2.set_defaults(calc=_ec2)

    lam = kinds.add_parser("lambda", parents=[out], help="Lambda monthly cost")
    lam.add_argument("--requests", metavar="N", help="requests per month (required)")
    lam.add_argument("--duration-ms", metavar="F", help="average duration (required)")
    lam.add_argument("--memory-mb", metavar="N", help="128 to 10,240 (required)")
    lam.add_argument("--arch", default="x86_64", choices=["x86_64", "arm64"])
    lam.add_argument("--free-tier", action=argparse.BooleanOptionalAction, default=True)
    lam.set_defaults(calc=_lambda)

    kin = kinds.add_parser("kinesis", parents=[out],
                           help="Kinesis Data Streams: provisioned shards needed")
    kin.add_argument("--mb-in", metavar="F", help="MB/s written (required)")
    kin.add_argument("--records-in", metavar="F", help="records/s written (required)")
    kin.add_argument("--mb-out", metavar="F", help="MB/s that each consumer reads "
                                                     "(required)")
    kin.add_argument("--consumers", default="1", metavar="N",
                     help="how many consumers read the stream (default 1)")
    kin.add_argument("--enhanced-fan-out", action="store_true",
                     help="consumers use enhanced fan-out: each has its own 2 MB/s per "
                          "shard instead of sharing it")
    kin.set_defaults(calc=_kinesis)

    calc.set_defaults(func=cmd_calc)


def cmd_calc(args: argparse.Namespace) -> int:
    compute: Callable[[argparse.Namespace], CalcResult] = args.calc
    try:
        result = compute(args)
    except CalcInputError as exc:
        print(f"studytui calc: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.to_json(), indent=2))
        return 0
    print(result.headline())
    for step in result.steps:
        print(f"  {step}")
    if result.prices_as_of and not any("as of" in step for step in result.steps):
        print(f"  (prices: us-east-1, as of {result.prices_as_of})")
    return 0
