"""dangjian — the hospital Party-building work platform."""

__version__ = "0.1.0"
