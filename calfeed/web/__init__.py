"""Flask application factory: feeds, pages and API are blueprints over one store."""
from __future__ import annotations

from flask import Flask

from calfeed.config import Config


def create_app(config: Config, store=None) -> Flask:
    """Build the web app for ``config``; ``store`` defaults to the configured database."""
    app = Flask(__name__)
    app.config["CALFEED"] = config
    if store is None:
        from calfeed.store import Store

        store = Store(config.database)
    app.extensions["calfeed.store"] = store
    return app
