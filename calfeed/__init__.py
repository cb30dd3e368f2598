"""calfeed: civic event and service calendar feeds from Chinese local news."""

__version__ = "0.1.0"
