"""newslint: a source-reliability and editorial-flag linter for news articles."""

__version__ = "0.1.0"
