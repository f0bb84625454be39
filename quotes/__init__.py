"""Quote and source-attribution database for news articles."""

__version__ = "0.1.0"
