"""The price table (content/pricing.yaml): region, "as of" date and a source per figure."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from studytui.locations import bundled_content_dir


class PricingError(Exception):
    pass


@dataclass(frozen=True)
class PriceTable:
    region: str
    as_of: str
    prices: dict[str, float]  # "dynamodb.provisioned_rcu_hour" -> 0.00013
    sources: dict[str, str]
    ec2_hourly: dict[str, float] = field(default_factory=dict)
    ec2_discounts: dict[str, float] = field(default_factory=dict)

    def get(self, key: str) -> float:
        return self.prices[key]


def load_price_table(path: Path | None = None, cache_file: Path | None = None) -> PriceTable:
    """Read the price table; with `cache_file`, through the content cache, so start-up
    does not import and run the YAML parser for a file that has not changed."""
    path = path or bundled_content_dir() / "pricing.yaml"
    cache = None
    data = None
    if cache_file is not None:
        from studytui.content.cache import ContentCache

        cache = ContentCache(cache_file)
        data = cache.get(path)
    parsed = data is None
    if parsed:
        from studytui.content.yamlfile import YamlFileError, read_yaml

        try:
            data, _ = read_yaml(path)
        except YamlFileError as exc:
            raise PricingError(f"{path}:{exc.line}: {exc.message}") from exc
    if not isinstance(data, dict):
        raise PricingError(f"{path}: the price table must be a mapping")
    try:
        prices: dict[str, float] = {}
        sources: dict[str, str] = {}
        for service in ("dynamodb", "lambda"):
            for name, entry in data[service].items():
                prices[f"{service}.{name}"] = float(entry["price"])
                sources[f"{service}.{name}"] = str(entry["source"])
        ec2 = data["ec2"]
        table = PriceTable(
            region=str(data["region"]), as_of=str(data["as_of"]), prices=prices,
            sources=sources,
            ec2_hourly={k: float(v) for k, v in ec2["linux_on_demand_hourly"].items()},
            ec2_discounts={k: float(v) for k, v in ec2["purchase_discount_up_to"].items()},
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise PricingError(f"{path}: price table is malformed ({exc!r})") from exc
    if cache is not None and parsed:  # only a table that made sense is kept
        cache.put(path, data)
        cache.save()
    return table


@lru_cache(maxsize=1)
def default_prices() -> PriceTable:
    from studytui.content.cache import cache_path

    return load_price_table(cache_file=cache_path().with_name("pricing-cache.json"))
