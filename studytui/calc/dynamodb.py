"""DynamoDB read/write capacity and monthly cost, following AWS's documented rules.

Source: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
- reads: each 4 KB (rounded up) costs 1 unit strong, 0.5 eventual, 2 transactional;
- writes: each 1 KB (rounded up) costs 1 unit standard, 2 transactional;
- GetItem/BatchGetItem round each item; Query sums the items it returns and rounds once;
- provisioned capacity is whole units: the TOTAL is rounded up, not each read.
"""

from __future__ import annotations

import math

from studytui.calc.inputs import CalcInputError, parse_choice, parse_number
from studytui.calc.pricing import PriceTable, default_prices
from studytui.calc.result import CalcResult, money, number, price, round_up
from studytui.content.text import plural

KB = 1024
MAX_ITEM_KB = 400
READ_BLOCK = 4 * KB
WRITE_BLOCK = KB
MAX_RATE = 1e9
QUERY_PAGE_BYTES = 1024 * KB  # a Query call returns at most 1 MB before paginating
BATCH_GET_MAX_ITEMS = 100
HOURS_PER_MONTH = 730  # AWS Pricing Calculator month: 365 x 24 / 12
SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600

CONSISTENCY = {"strong": 1.0, "eventual": 0.5, "transactional": 2.0}
CONSISTENCY_WORDS = {"strong": "strongly consistent", "eventual": "eventually consistent",
                     "transactional": "transactional"}
OPERATIONS = ("get", "batch-get", "query")


def item_bytes(item_kb=None, item_bytes_raw=None, field: str = "item-kb",
               bytes_field: str | None = "item-bytes") -> int:
    """Item size in whole bytes from KB (1 KB = 1,024 bytes) or bytes; at most 400 KB.

    A size above 0 is at least one byte, however small: a 1e-13 KB item still costs a
    whole read or write unit. `field` and `bytes_field` name the inputs as the caller's
    command spells them (None: the command has no size-in-bytes input).
    """
    if bytes_field and item_bytes_raw is not None and item_bytes_raw != "":
        size = parse_number(bytes_field, item_bytes_raw, low=1, high=MAX_ITEM_KB * KB,
                            integer=True, unit="bytes (400 KB)")
        return int(size)
    if item_kb is None and bytes_field:  # neither size given (the shell has both flags)
        raise CalcInputError(field, None, f"expected a number more than 0 and at most "
                                          f"{MAX_ITEM_KB} KB, or {bytes_field}: a whole "
                                          f"number from 1 to {MAX_ITEM_KB * KB:,} bytes")
    size_kb = parse_number(field, item_kb, low=0, high=MAX_ITEM_KB, low_open=True, unit="KB")
    return min(MAX_ITEM_KB * KB, round_up(size_kb * KB))


def _under_a_byte(item_kb, item_bytes_raw) -> list[str]:
    """A step saying so when a size in KB is below one byte (it still costs a unit)."""
    if item_bytes_raw not in (None, "") or item_kb in (None, ""):
        return []
    size_kb = parse_number("item-kb", item_kb, low=0, high=MAX_ITEM_KB, low_open=True)
    if size_kb * KB >= 1:
        return []
    return [f"{number(size_kb)} KB is less than a byte: the item counts as 1 byte, and "
            f"every item takes at least one whole unit"]


def _kb(size: float) -> str:
    return f"{number(size / KB)} KB"


def read_units_per_request(size: int, operation: str, items: int) -> tuple[int, list[str]]:
    """4 KB blocks for one request, and the sentence(s) saying why."""
    if operation == "query":
        total = size * items
        blocks = math.ceil(total / READ_BLOCK)
        return blocks, [
            f"Query sums the {items} items it returns: {items} x {_kb(size)} = {_kb(total)}",
            f"{_kb(total)} rounds up to {_kb(blocks * READ_BLOCK)} = {blocks} x 4 KB "
            f"per query"]
    blocks = math.ceil(size / READ_BLOCK)
    steps = [f"{_kb(size)} rounds up to {_kb(blocks * READ_BLOCK)} = {blocks} x 4 KB per item"]
    if operation == "batch-get":
        steps.append(f"BatchGetItem rounds each of its {items} items separately: "
                     f"{items} x {blocks} = {blocks * items} x 4 KB per batch")
        blocks *= items
    return blocks, steps


def read_capacity(*, item_kb=None, item_bytes_raw=None, per_second=None,
                  consistency="eventual", operation="get", items=1) -> CalcResult:
    size = item_bytes(item_kb, item_bytes_raw)
    rate = parse_number("per-second", per_second, low=0, high=MAX_RATE, unit="requests/s")
    mode = parse_choice("consistency", consistency, tuple(CONSISTENCY))
    operation = parse_choice("operation", operation, OPERATIONS)
    count = int(parse_number("items", items, low=1, high=BATCH_GET_MAX_ITEMS if operation ==
                             "batch-get" else 10_000, integer=True, unit="items"))
    if operation == "get" and count != 1:
        raise CalcInputError("items", items, "GetItem reads one item: use 1, or choose "
                                             "batch-get or query")
    if operation == "query" and size * count > QUERY_PAGE_BYTES:
        raise CalcInputError("items", items, f"a Query call returns at most 1 MB; with "
                                             f"{_kb(size)} items use at most "
                                             f"{QUERY_PAGE_BYTES // size} items per query")
    blocks, steps = read_units_per_request(size, operation, count)
    steps[:0] = _under_a_byte(item_kb, item_bytes_raw)
    factor = CONSISTENCY[mode]
    per_request = blocks * factor
    units = "read unit" if per_request == 1 else "read units"  # 0.5 read units too
    steps.append(f"{CONSISTENCY_WORDS[mode]}: {blocks} x {number(factor)} = "
                 f"{number(per_request)} {units} per {_request_word(operation)}")
    exact = per_request * rate
    steps.append(f"{number(per_request)} x {number(rate)} per second = {number(exact)} "
                 f"read units/s needed")
    provision = round_up(exact)
    steps.append(f"provision whole units: the total rounds up to {provision} RCU")
    return CalcResult(float(provision), "RCU", steps,
                      {"item_bytes": size, "per_second": rate, "consistency": mode,
                       "operation": operation, "items": count}, {"exact": exact})


def _request_word(operation: str) -> str:
    return {"get": "read", "batch-get": "batch", "query": "query"}[operation]


def write_capacity(*, item_kb=None, item_bytes_raw=None, per_second=None,
                   transactional=False) -> CalcResult:
    size = item_bytes(item_kb, item_bytes_raw)
    rate = parse_number("per-second", per_second, low=0, high=MAX_RATE, unit="writes/s")
    blocks = math.ceil(size / WRITE_BLOCK)
    steps = [*_under_a_byte(item_kb, item_bytes_raw),
             f"{_kb(size)} rounds up to {_kb(blocks * WRITE_BLOCK)} = "
             f"{plural(blocks, 'write unit')} per item"]
    factor = 2 if transactional else 1
    per_write = blocks * factor
    if transactional:
        steps.append(f"transactional writes cost double: {blocks} x 2 = {per_write} per write")
    exact = per_write * rate
    steps.append(f"{per_write} x {number(rate)} per second = {number(exact)} write units/s "
                 f"needed")
    provision = round_up(exact)
    steps.append(f"provision whole units: the total rounds up to {provision} WCU")
    return CalcResult(float(provision), "WCU", steps,
                      {"item_bytes": size, "per_second": rate, "transactional":
                       bool(transactional)}, {"exact": exact})


def per_second_from(field: str, per_second, per_day) -> float:
    """Accept a rate per second, or per day (divided by 86,400 seconds); neither given
    (None) is 0. A value given but blank is missing, not 0."""
    if per_day is not None:
        return parse_number(field.replace("second", "day"), per_day, low=0,
                            high=MAX_RATE * 86_400, unit="per day") / 86_400
    return parse_number(field, per_second if per_second is not None else 0, low=0,
                        high=MAX_RATE, unit="per second")


def monthly_cost(*, reads_per_second=None, reads_per_day=None, read_item_kb=4,
                 consistency="eventual", writes_per_second=None, writes_per_day=None,
                 write_item_kb=1, transactional=False, storage_gb=0,
                 prices: PriceTable | None = None) -> CalcResult:
    """Provisioned vs on-demand for the same workload, plus storage (730-hour month)."""
    table = prices or default_prices()
    reads = per_second_from("reads-per-second", reads_per_second, reads_per_day)
    writes = per_second_from("writes-per-second", writes_per_second, writes_per_day)
    read_size = item_bytes(read_item_kb, field="read-item-kb", bytes_field=None)
    write_size = item_bytes(write_item_kb, field="write-item-kb", bytes_field=None)
    consistency = parse_choice("consistency", consistency, tuple(CONSISTENCY))
    storage = parse_number("storage-gb", storage_gb, low=0, high=1e9, unit="GB")
    # every input is checked above under this command's own names: the helpers below
    # cannot then report an input the command does not have
    read = read_capacity(item_bytes_raw=read_size, per_second=reads, consistency=consistency)
    write = write_capacity(item_bytes_raw=write_size, per_second=writes,
                           transactional=transactional)
    p = table.get
    steps = [f"reads: {number(reads)}/s of {_kb(read.inputs['item_bytes'])} "
             f"({consistency}) need {number(read.extra['exact'])} read units/s",
             f"writes: {number(writes)}/s of {_kb(write.inputs['item_bytes'])} need "
             f"{number(write.extra['exact'])} write units/s"]
    rcu, wcu = int(read.value), int(write.value)
    prov_reads = rcu * HOURS_PER_MONTH * p("dynamodb.provisioned_rcu_hour")
    prov_writes = wcu * HOURS_PER_MONTH * p("dynamodb.provisioned_wcu_hour")
    steps.append(f"provisioned: {rcu} RCU x {HOURS_PER_MONTH} h x "
                 f"${price(p('dynamodb.provisioned_rcu_hour'))} = ${money(prov_reads)}")
    steps.append(f"provisioned: {wcu} WCU x {HOURS_PER_MONTH} h x "
                 f"${price(p('dynamodb.provisioned_wcu_hour'))} = ${money(prov_writes)}")
    rru = read.extra["exact"] * SECONDS_PER_MONTH
    wru = write.extra["exact"] * SECONDS_PER_MONTH
    od_reads = rru / 1e6 * p("dynamodb.on_demand_read_per_million")
    od_writes = wru / 1e6 * p("dynamodb.on_demand_write_per_million")
    steps.append(f"on-demand: {number(rru / 1e6)} million read request units x "
                 f"${price(p('dynamodb.on_demand_read_per_million'))} = ${money(od_reads)}")
    steps.append(f"on-demand: {number(wru / 1e6)} million write request units x "
                 f"${price(p('dynamodb.on_demand_write_per_million'))} = ${money(od_writes)}")
    free = p("dynamodb.storage_free_gb")
    billed_gb = max(0.0, storage - free)
    storage_cost = billed_gb * p("dynamodb.storage_gb_month")
    steps.append(f"storage: {number(storage)} GB - {number(free)} GB free = "
                 f"{number(billed_gb)} GB x ${price(p('dynamodb.storage_gb_month'))} = "
                 f"${money(storage_cost)}")
    provisioned = prov_reads + prov_writes + storage_cost
    on_demand = od_reads + od_writes + storage_cost
    cheaper = "provisioned" if provisioned < on_demand else "on-demand"
    steps.append(f"per month: provisioned ${money(provisioned)} vs on-demand "
                 f"${money(on_demand)} ({cheaper} is cheaper at a steady rate; "
                 f"provisioned assumes the capacity is set all month)")
    return CalcResult(
        min(provisioned, on_demand), "USD", steps,
        {"reads_per_second": reads, "writes_per_second": writes, "read_item_bytes":
         read.inputs["item_bytes"], "write_item_bytes": write.inputs["item_bytes"],
         "consistency": consistency, "transactional": bool(transactional),
         "storage_gb": storage},
        {"provisioned": provisioned, "on_demand": on_demand, "storage_cost": storage_cost,
         "rcu": rcu, "wcu": wcu, "cheaper": cheaper, "region": table.region},
        prices_as_of=table.as_of,
        summary=f"${money(provisioned)}/month provisioned, ${money(on_demand)}/month on-demand")
