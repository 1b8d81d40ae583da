"""studytui: an offline terminal study dashboard for AWS DVA-C02."""

__version__ = "0.1.0"
