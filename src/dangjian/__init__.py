"""dangjian — the hospital Party-building work platform."""

# The one place the version is written: pyproject.toml reads it, `dangjian --version` prints it,
# the page footer and the report metadata show it. Every release is listed in CHANGELOG.md.
__version__ = "0.2.0"
