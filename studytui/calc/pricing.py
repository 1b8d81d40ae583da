"""The price table (content/pricing.yaml): region, "as of" date and a source per figure."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

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


def load_price_table(path: Path | None = None, cache_dir: Path | None = None, *,
                     shipped_cache: bool = True) -> PriceTable:
    """Read the price table; with `cache_dir`, through the content cache, so start-up
    does not import and run the YAML parser for a file that has not changed."""
    from studytui.content.filebytes import YamlFileError, read_content_file

    path = path or bundled_content_dir() / "pricing.yaml"
    try:
        raw = read_content_file(path)
    except YamlFileError as exc:
        raise PricingError(f"{path}:{exc.line}: {exc.message}") from exc
    if cache_dir is None:
        return _table_from(_parse(path, raw), path)
    from studytui.content.cache import ContentCache, cache_file, file_digest

    digest = file_digest(raw)
    cache = ContentCache(cache_file(cache_dir, "pricing"), shipped_cache)
    cached = cache.get(digest)
    if cached is not None:
        try:
            return _table_from(cached, path)
        except PricingError:
            cache.drop(digest)  # a tampered cache: read the file itself
    table = _table_from(data := _parse(path, raw), path)
    cache.put(digest, data)  # only a table that made sense is kept
    cache.save()
    return table


def _parse(path: Path, raw: bytes) -> Any:
    from studytui.content.yamlfile import YamlFileError, parse_yaml

    try:
        return parse_yaml(raw)[0]
    except YamlFileError as exc:
        raise PricingError(f"{path}:{exc.line}: {exc.message}") from exc


def _table_from(data: Any, path: Path) -> PriceTable:
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
        return PriceTable(
            region=str(data["region"]), as_of=str(data["as_of"]), prices=prices,
            sources=sources,
            ec2_hourly={k: float(v) for k, v in ec2["linux_on_demand_hourly"].items()},
            ec2_discounts={k: float(v) for k, v in ec2["purchase_discount_up_to"].items()},
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise PricingError(f"{path}: price table is malformed ({exc!r})") from exc


@lru_cache(maxsize=1)
def default_prices() -> PriceTable:
    from studytui.locations import cache_dir

    return load_price_table(cache_dir=cache_dir())
