"""Calculators: AWS's worked examples, the seed's examples, and properties (hypothesis)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studytui.calc import CalcInputError
from studytui.calc.dynamodb import monthly_cost, read_capacity, write_capacity
from studytui.calc.ec2 import ec2_cost, parse_duration
from studytui.calc.forms import CALCULATORS
from studytui.calc.lambda_cost import lambda_cost
from studytui.calc.result import money, price


# -- AWS's own examples (read-write-operations.html, Lambda 1 ms billing blog) -----------
@pytest.mark.parametrize("consistency, units", [("strong", 2), ("eventual", 1),
                                                ("transactional", 4)])
def test_aws_8kb_read_example(consistency, units):
    result = read_capacity(item_kb=8, per_second=1, consistency=consistency)
    assert result.value == units and result.extra["exact"] == units


@pytest.mark.parametrize("transactional, units", [(False, 3), (True, 6)])
def test_aws_3kb_write_example(transactional, units):
    assert write_capacity(item_kb=3, per_second=1, transactional=transactional).value == units


def test_aws_query_example_sums_then_rounds_once():
    # 10 items totalling 40.8 KB count as 44 KB: 11 units strong
    result = read_capacity(item_bytes_raw=str(round(4.08 * 1024)), per_second=1,
                           consistency="strong", operation="query", items=10)
    assert result.value == 11
    assert any("rounds up to 44 KB" in step for step in result.steps)


def test_eventual_10kb_read_costs_one_and_a_half_but_provisions_two():
    result = read_capacity(item_kb=10, per_second=1)
    assert result.extra["exact"] == 1.5 and result.value == 2


def test_aws_lambda_example_is_40_dollars():
    result = lambda_cost(requests=60_000_000, duration_ms=28, memory_mb=1024,
                         free_tier=False)
    assert result.extra["request_cost"] == pytest.approx(12.0)
    assert result.extra["duration_cost"] == pytest.approx(28.0, abs=1e-4)
    assert result.value == pytest.approx(40.0, abs=1e-4)


def test_lambda_bills_per_ms_rounding_up():
    result = lambda_cost(requests=1, duration_ms=27.55, memory_mb=128, free_tier=False)
    assert result.extra["billed_ms"] == 28


def test_one_dollar_of_lambda_duration_buys_about_60000_gb_seconds():
    result = lambda_cost(requests=60_000, duration_ms=1000, memory_mb=1024, free_tier=False)
    assert result.extra["duration_cost"] == pytest.approx(1.0, abs=1e-4)


def test_lambda_free_tier_and_arm_discount():
    free = lambda_cost(requests=1_000_000, duration_ms=100, memory_mb=1024)
    assert free.value == 0  # 100,000 GB-s and 1M requests: inside the free tier
    x86 = lambda_cost(requests=10_000_000, duration_ms=100, memory_mb=1024, free_tier=False)
    arm = lambda_cost(requests=10_000_000, duration_ms=100, memory_mb=1024, arch="arm64",
                      free_tier=False)
    assert arm.extra["duration_cost"] == pytest.approx(x86.extra["duration_cost"] * 0.8,
                                                       rel=1e-4)


# -- the seed's examples ----------------------------------------------------------------
def test_seed_reads_10_items_of_1kb_eventual():
    assert read_capacity(item_kb=1, per_second=10).value == 5


def test_seed_reads_10_items_of_6kb_eventual():
    assert read_capacity(item_kb=6, per_second=10).value == 10


def test_seed_writes_5_items_of_10kb():
    assert write_capacity(item_kb=10, per_second=5).value == 50


def test_seed_writes_12_items_of_100kb():
    assert write_capacity(item_kb=100, per_second=12).value == 1200


def test_seed_million_writes_a_day_case():
    # 1,000,000 / 24 / 60 / 60 = 11.574 writes/s -> 12 WCU; 12 x $0.00065 x 24 = $0.1872/day
    result = monthly_cost(writes_per_day=1_000_000, storage_gb=28)
    assert result.extra["wcu"] == 12
    assert 12 * 0.00065 * 24 == pytest.approx(0.1872)
    assert result.extra["storage_cost"] == pytest.approx(0.75)
    assert result.extra["provisioned"] == pytest.approx(12 * 730 * 0.00065 + 0.75)


def test_seed_t2_small_examples():
    assert ec2_cost(hourly_price=0.023, duration="6s").value == pytest.approx(0.023 / 60)
    assert ec2_cost(hourly_price=0.023, duration="60s").value == pytest.approx(0.023 / 60)
    assert ec2_cost(hourly_price=0.023, duration="30m").value == pytest.approx(0.0115)
    # 730-hour month, not the seed's 720
    month = ec2_cost(instance_type="t2.small", duration="1mo")
    assert month.value == pytest.approx(16.79) and month.prices_as_of


def test_ec2_per_hour_for_suse_and_discounts():
    suse = ec2_cost(hourly_price=0.1, duration="61m", os="suse")
    assert suse.value == pytest.approx(0.2) and suse.extra["billed_seconds"] == 7200
    spot = ec2_cost(hourly_price=1, duration="1h", purchase="spot")
    # a range, not only the best case: the result is the on-demand cost, the most it costs
    assert spot.value == pytest.approx(1) and spot.extra["lowest"] == pytest.approx(0.1)
    assert spot.headline() == "$0.10 to $1.00 (spot, up to 90% off)"
    assert any("up to 90% off on-demand, so from $0.10 to the on-demand $1.00" in s
               for s in spot.steps)


@pytest.mark.parametrize("text, seconds", [("6s", 6), ("90s", 90), ("30m", 1800),
                                           ("2h", 7200), ("30d", 2_592_000),
                                           ("1mo", 2_628_000), ("1h30m", 5400),
                                           # issue #16: minutes in capitals, words, spaces
                                           ("60M", 3600), ("60m", 3600), ("3 days", 259_200),
                                           ("3d", 259_200), ("2 hours", 7200),
                                           ("90 s", 90), ("1 month", 2_628_000),
                                           ("2 weeks", 1_209_600), ("1 h 30 min", 5400),
                                           ("2 hours, 15 minutes", 8100), (".5h", 1800),
                                           ("3 Days", 259_200), ("10y", 315_360_000)])
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["90", "1,5h", "1e3s", "-1h", "0s", "11y", "1h30", "h",
                                  "2 hourz", "٣h", "", "1mo2"])
def test_bad_durations_say_what_is_valid(text):
    with pytest.raises(CalcInputError) as caught:
        parse_duration(text)
    assert caught.value.field == "duration"
    assert "m is minutes, mo months" in caught.value.valid
    assert "at most 10 years" in caught.value.valid
    if text == "90":
        assert "give a unit: 90s, 90m or 90h" in caught.value.valid


@pytest.mark.parametrize("os_name, shown", [("windows", "Windows"), ("rhel", "RHEL"),
                                            ("ubuntu", "Ubuntu"), ("suse", "SUSE")])
def test_ec2_other_os_asks_for_its_price_by_name(os_name, shown):
    """The table has Linux prices only: another OS asks for its hourly price, naming the
    input as the shell spells it here and as a form labels it there (never a flag)."""
    with pytest.raises(CalcInputError) as caught:
        ec2_cost(instance_type="t2.small", duration="1h", os=os_name)
    error = caught.value
    assert error.field == "hourly-price" and error.missing
    assert f"type the {shown} hourly price for t2.small in --hourly-price" in str(error)
    form = CALCULATORS["ec2"]
    with pytest.raises(CalcInputError) as caught:
        form.compute(form.defaults() | {"os": os_name})
    shown_in_form = caught.value.for_form()
    assert shown_in_form.startswith("Hourly price (USD): missing;")
    assert 'in "Hourly price (USD)"' in shown_in_form and "--" not in shown_in_form
    # and with the price typed, it works, billed by that OS's rule
    priced = form.compute(form.defaults() | {"os": os_name, "hourly_price": "0.1",
                                             "duration": "61m"})
    assert priced.value == pytest.approx(0.2 if os_name == "suse" else 0.1 * 61 / 60)


def test_ec2_typed_price_wins_over_the_table():
    result = ec2_cost(hourly_price="0.0464", instance_type="t2.small", duration="3 days",
                      os="windows", count=1000)
    assert result.value == pytest.approx(0.0464 * 72 * 1000)
    assert result.steps[-1] == "x 1,000 instances = $3,340.80"


@pytest.mark.parametrize("value, shown", [(0, "0.00"), (16.79, "16.79"),
                                          (1234.5, "1,234.50"), (0.5, "0.50"),
                                          (0.0115, "0.0115"), (0.023 / 60, "0.0003833"),
                                          (3.8333e-7, "0.0000003833"), (0.99999, "1.00"),
                                          (0.1872, "0.1872"), (1e-12, "0.000000000001"),
                                          (1e-300, "1e-300")])
def test_money_has_one_rule(value, shown):
    """From $1 up to the cent; below, 4 significant digits; never 1e-07 or $0.00 (only
    below 1e-12, where plain decimals would run on, does it turn scientific)."""
    assert money(value) == shown


@pytest.mark.parametrize("value, shown", [(0.2, "0.20"), (0.0000166667, "0.0000166667"),
                                          (0.023, "0.023"), (1.5, "1.50"),
                                          (1000, "1,000.00")])
def test_unit_prices_keep_every_digit_and_two_decimals(value, shown):
    assert price(value) == shown


# -- bad input: typed errors naming field and range -----------------------------------
@pytest.mark.parametrize("call, field", [
    (lambda: read_capacity(item_kb=401, per_second=1), "item-kb"),
    (lambda: read_capacity(item_kb="abc", per_second=1), "item-kb"),
    (lambda: read_capacity(item_kb=4, per_second="-1"), "per-second"),
    (lambda: read_capacity(item_kb=4, per_second=1, items=2), "items"),
    (lambda: read_capacity(item_kb=300, per_second=1, operation="query", items=4), "items"),
    (lambda: write_capacity(item_kb="inf", per_second=1), "item-kb"),
    (lambda: ec2_cost(hourly_price=1, duration="soon"), "duration"),
    (lambda: ec2_cost(instance_type="x9.huge", duration="1h"), "instance-type"),
    (lambda: lambda_cost(requests=1, duration_ms=1, memory_mb=64), "memory-mb"),
    (lambda: lambda_cost(requests=1.5, duration_ms=1, memory_mb=128), "requests"),
])
def test_bad_inputs_raise_typed_errors(call, field):
    with pytest.raises(CalcInputError) as caught:
        call()
    assert caught.value.field == field
    assert "expected" in str(caught.value) or "use" in str(caught.value)


# -- properties ---------------------------------------------------------------------------
sizes = st.floats(min_value=0.001, max_value=400, allow_nan=False)
rates = st.floats(min_value=0, max_value=1e6, allow_nan=False)
modes = st.sampled_from(["strong", "eventual", "transactional"])


@given(sizes, sizes, rates, rates, modes)
def test_read_capacity_never_decreases(s1, s2, r1, r2, mode):
    small = read_capacity(item_kb=min(s1, s2), per_second=min(r1, r2), consistency=mode)
    big = read_capacity(item_kb=max(s1, s2), per_second=max(r1, r2), consistency=mode)
    assert big.value >= small.value and big.extra["exact"] >= small.extra["exact"]


@given(sizes, sizes, rates, rates, st.booleans())
def test_write_capacity_never_decreases(s1, s2, r1, r2, tx):
    small = write_capacity(item_kb=min(s1, s2), per_second=min(r1, r2), transactional=tx)
    big = write_capacity(item_kb=max(s1, s2), per_second=max(r1, r2), transactional=tx)
    assert big.value >= small.value


@given(st.integers(min_value=1, max_value=4096), st.integers(min_value=1, max_value=100),
       modes)
def test_query_rounding_never_exceeds_per_item_rounding(size_bytes, items, mode):
    query = read_capacity(item_bytes_raw=size_bytes, per_second=1, consistency=mode,
                          operation="query", items=items)
    batch = read_capacity(item_bytes_raw=size_bytes, per_second=1, consistency=mode,
                          operation="batch-get", items=items)
    assert query.extra["exact"] <= batch.extra["exact"]


@given(st.floats(min_value=0.0001, max_value=100), st.integers(min_value=60,
                                                               max_value=10_000_000))
def test_ec2_per_second_cost_is_price_times_time(price, seconds):
    result = ec2_cost(hourly_price=price, duration=f"{seconds}s", billing="per-second")
    assert result.value == pytest.approx(price * seconds / 3600, rel=1e-9)


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=10**12),
       st.floats(min_value=0.001, max_value=900_000), st.integers(128, 10_240),
       st.sampled_from(["x86_64", "arm64"]), st.booleans())
def test_lambda_results_finite_and_non_negative(requests, ms, memory, arch, free):
    result = lambda_cost(requests=requests, duration_ms=ms, memory_mb=memory, arch=arch,
                         free_tier=free)
    for value in (result.value, result.extra["request_cost"], result.extra["duration_cost"]):
        assert math.isfinite(value) and value >= 0


junk = st.one_of(st.text(max_size=20), st.just("nan"), st.just("inf"), st.just("-1"),
                 st.just("1e308"), st.floats(allow_nan=True, allow_infinity=True),
                 st.none(), st.booleans())


@given(junk)
def test_any_input_is_a_result_or_a_typed_error(raw):
    for call in (lambda: read_capacity(item_kb=raw, per_second=1),
                 lambda: write_capacity(item_kb=1, per_second=raw),
                 lambda: ec2_cost(hourly_price=raw, duration="1h"),
                 lambda: ec2_cost(hourly_price=1, duration=raw),
                 lambda: lambda_cost(requests=raw, duration_ms=1, memory_mb=128),
                 lambda: monthly_cost(reads_per_second=raw, storage_gb=raw)):
        try:
            result = call()
        except CalcInputError:
            continue
        assert math.isfinite(result.value) and result.value >= 0


@given(st.floats(min_value=400.0001, max_value=1e300))
def test_every_oversize_item_is_refused(size):
    with pytest.raises(CalcInputError):
        read_capacity(item_kb=size, per_second=1)


def test_price_table_is_read_through_the_cache_and_again_when_changed(tmp_path, monkeypatch):
    import shutil

    import studytui.content.yamlfile as yamlfile
    from studytui.calc.pricing import load_price_table
    from studytui.locations import bundled_content_dir

    prices = tmp_path / "pricing.yaml"
    shutil.copy(bundled_content_dir() / "pricing.yaml", prices)
    cache = tmp_path / "cache"
    first = load_price_table(prices, cache)
    assert list(cache.iterdir())

    def no_yaml(raw):
        raise AssertionError("parsed YAML although the cache holds this file")

    monkeypatch.setattr(yamlfile, "parse_yaml", no_yaml)
    assert load_price_table(prices, cache) == first
    monkeypatch.undo()
    prices.write_text(prices.read_text().replace("region: us-east-1", "region: eu-central-1"))
    assert load_price_table(prices, cache).region == "eu-central-1"


# -- strict inputs (issue #11): no separators, no truncation, minimums for tiny values ----
@pytest.mark.parametrize("raw", ["1,5", "1,000", "1_000", "1 000", "1'000"])
def test_separators_are_refused_with_plain_digits_advice(raw):
    with pytest.raises(CalcInputError) as caught:
        read_capacity(item_kb=4, per_second=raw)
    assert caught.value.field == "per-second"
    assert "plain digits" in caught.value.valid and "at most 1,000,000,000" in str(
        caught.value)


@pytest.mark.parametrize("raw, value", [("1000", 1000), ("1.5", 1.5), (" 2e3 ", 2000),
                                        (".5", 0.5), ("+3", 3), ("1E2", 100)])
def test_plain_numbers_are_read(raw, value):
    assert read_capacity(item_kb=4, per_second=raw, consistency="strong").inputs[
        "per_second"] == value


@pytest.mark.parametrize("raw", ["inf", "nan", "infinity", "0x10", "1e", "1..2", "--1",
                                 "١٢", "1.2.3", "5 KB"])
def test_other_spellings_are_refused(raw):
    with pytest.raises(CalcInputError):
        write_capacity(item_kb=1, per_second=raw)


@pytest.mark.parametrize("size", [1e-13, "1e-13", 1e-300, "0.0000001"])
def test_a_tiny_item_costs_one_unit(size):
    assert read_capacity(item_kb=size, per_second=1, consistency="strong").value == 1
    assert write_capacity(item_kb=size, per_second=1).value == 1
    assert any("less than a byte" in step for step in
               write_capacity(item_kb=size, per_second=1).steps)


def test_a_tiny_rate_still_provisions_a_whole_unit_and_zero_needs_none():
    assert read_capacity(item_kb=4, per_second=1e-13).value == 1
    assert write_capacity(item_kb=1, per_second="1e-13").value == 1
    assert write_capacity(item_kb=1, per_second=0).value == 0


def test_float_noise_does_not_add_a_unit_but_a_real_excess_does():
    assert write_capacity(item_kb=1, per_second="2.2").value == 3
    assert read_capacity(item_kb=40, per_second="2.2", consistency="strong").value == 22
    assert read_capacity(item_kb=4, per_second="2.0000000001",
                         consistency="strong").value == 3


@pytest.mark.parametrize("ms", [1e-10, "1e-10", 0.4, "0.999"])
def test_a_tiny_lambda_duration_bills_the_1ms_minimum(ms):
    result = lambda_cost(requests=1, duration_ms=ms, memory_mb=128, free_tier=False)
    assert result.extra["billed_ms"] == 1
    assert "1 ms minimum" in result.steps[0] and "billed as 1 ms" in result.steps[0]


@pytest.mark.parametrize("call, field", [
    (lambda: monthly_cost(read_item_kb=500), "read-item-kb"),
    (lambda: monthly_cost(write_item_kb="abc"), "write-item-kb"),
    (lambda: monthly_cost(read_item_kb="1,5"), "read-item-kb"),
    (lambda: monthly_cost(reads_per_second="-1"), "reads-per-second"),
    (lambda: monthly_cost(writes_per_day="1,000"), "writes-per-day"),
    (lambda: monthly_cost(consistency="sometimes"), "consistency"),
])
def test_dynamodb_cost_errors_name_its_own_flags(call, field):
    with pytest.raises(CalcInputError) as caught:
        call()
    assert caught.value.field == field and str(caught.value).startswith(f"{field}: ")


def test_missing_values_say_missing_and_give_the_range():
    with pytest.raises(CalcInputError) as caught:
        read_capacity(per_second=1)
    message = str(caught.value)
    assert message.startswith("item-kb: missing;") and "None" not in message
    assert "at most 400 KB" in message and "item-bytes" in message


def test_errors_carry_the_flag_and_the_form_label():
    from studytui.calc.forms import CALCULATORS

    with pytest.raises(CalcInputError) as caught:
        CALCULATORS["rcu"].compute({"item_kb": "500"})
    error = caught.value
    assert error.field == "item-kb" and error.label == "Item size (KB)"
    assert str(error).startswith("item-kb: '500' is not valid")
    assert error.for_form().startswith("Item size (KB): '500' is not valid")
    with pytest.raises(CalcInputError) as caught:
        CALCULATORS["dynamodb-cost"].compute({"write_item_kb": "0"})
    assert caught.value.label == "Write item size (KB)"


def test_round_up():
    from studytui.calc.result import round_up

    assert [round_up(v) for v in (0, -1, 1e-300, 0.5, 1, 1.0000001, 22.000000000000004)] == \
           [0, 0, 1, 1, 1, 2, 22]


@given(st.floats(min_value=1e-300, max_value=1e12))
def test_round_up_is_never_below_a_positive_need(value):
    from studytui.calc.result import round_up

    result = round_up(value)
    assert result >= 1 and result >= value * (1 - 1e-12)
    assert result == 1 or result < value + 1
