"""Flask application factory: feeds, pages and API are blueprints over one store."""
from __future__ import annotations

import hashlib
from urllib.parse import urlencode

from flask import Flask, Response, g, jsonify, render_template, request
from sqlalchemy.exc import SQLAlchemyError

from calfeed import __version__
from calfeed.config import Config
from calfeed.query import QueryError
from calfeed.web.display import DEFAULT_SCRIPT, SCRIPTS, convert_html
from calfeed.web.shown import ShownStore

# Scripts only from this site; the one inline <script> is JSON-LD data, which browsers never run.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SCRIPT_COOKIE = "script"


def create_app(config: Config, store=None) -> Flask:
    """Build the web app for ``config``; ``store`` defaults to the configured database."""
    app = Flask(__name__)
    app.config["CALFEED"] = config
    app.json.ensure_ascii = False  # Chinese stays readable in API responses
    app.json.sort_keys = False
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    if store is None:
        from calfeed.store import Store

        store = Store(config.database)
    app.extensions["calfeed.store"] = store
    app.extensions["calfeed.shown"] = ShownStore(store)

    from calfeed.web.api import bp as api
    from calfeed.web.feeds import bp as feeds
    from calfeed.web.pages import bp as pages

    app.register_blueprint(pages)
    app.register_blueprint(api)
    app.register_blueprint(feeds)
    _install_script_choice(app)
    _install_revalidation(app)
    _install_errors(app)
    _install_headers(app)
    return app


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _install_errors(app: Flask) -> None:
    @app.errorhandler(QueryError)
    def bad_query(error: QueryError):
        message = str(error)
        parameter = message.split(":", 1)[0]
        if _wants_json():
            return jsonify(error=message, parameter=parameter), 400
        return render_template("error.html", status=400, title="请求参数有误", parameter=parameter,
                               message=message), 400

    @app.errorhandler(SQLAlchemyError)
    def database_unavailable(error: SQLAlchemyError):
        """The database is down or broken: say so with a 503 the client may retry, not a 500."""
        app.logger.error("database unavailable: %s", str(getattr(error, "orig", None) or error).splitlines()[0])
        headers = {"Retry-After": "60"}
        if _wants_json():
            return jsonify(error="the event database is unavailable; try again later"), 503, headers
        if request.blueprint == "feeds":
            return Response("the event database is unavailable; try again later\n", 503, headers,
                            mimetype="text/plain")
        return render_template("error.html", status=503, title="暂时无法读取活动数据", parameter=None,
                               message="活动数据库暂时无法访问，请稍后再试。"), 503, headers

    @app.errorhandler(404)
    def not_found(error):
        if _wants_json():
            return jsonify(error="not found"), 404
        return render_template("error.html", status=404, title="找不到这个页面", parameter=None,
                               message=getattr(error, "description", "") or ""), 404


def _install_script_choice(app: Flask) -> None:
    """``?script=hant`` (or hk, hans) shows the page in that script and remembers it in a cookie."""

    @app.before_request
    def choose_script():
        chosen = request.args.get("script")
        g.script_param = chosen
        if chosen is not None and chosen not in SCRIPTS:
            g.script = DEFAULT_SCRIPT
            raise QueryError(f"script: unknown script {chosen!r} (one of {', '.join(SCRIPTS)})")
        cookie = request.cookies.get(SCRIPT_COOKIE)
        g.script = chosen or (cookie if cookie in SCRIPTS else DEFAULT_SCRIPT)

    @app.context_processor
    def script_helpers():
        def script_url(name: str) -> str:
            args = [(k, v) for k, v in request.args.items(multi=True) if k != "script"]
            args.append(("script", name))
            return request.path + "?" + urlencode(args)

        script = g.get("script", DEFAULT_SCRIPT)
        return {"script": script, "scripts": SCRIPTS, "html_lang": SCRIPTS[script][1], "script_url": script_url}

    @app.after_request
    def apply_script(response):
        script = g.get("script", DEFAULT_SCRIPT)
        if g.get("script_param") in SCRIPTS:
            response.set_cookie(SCRIPT_COOKIE, g.script_param, max_age=365 * 86400, samesite="Lax")
        if response.mimetype == "text/html":
            response.vary.add("Cookie")
            if script != DEFAULT_SCRIPT and not response.direct_passthrough:
                response.set_data(convert_html(response.get_data(as_text=True), script))
        return response


def _install_revalidation(app: Flask) -> None:
    """Pages and API answer ``If-None-Match`` with 304 until the store, the day or the script changes.

    ``store.change_token()`` is one cheap query, so a revalidation costs far less than a render; the
    sources page also changes with each refresh run.
    """

    @app.before_request
    def not_modified():
        if request.method != "GET" or request.blueprint not in ("pages", "api"):
            return None
        from calfeed.web.pages import today

        store = app.extensions["calfeed.store"]
        parts = [__version__, store.change_token(), today().isoformat(), g.get("script", DEFAULT_SCRIPT),
                 request.full_path]
        if request.endpoint == "pages.sources":  # a refresh that changed no event still ran
            parts += [str(run.id) for run in store.runs(limit=1)]
        state = "|".join(parts)
        g.etag = hashlib.sha256(state.encode()).hexdigest()[:32]
        if g.etag in request.if_none_match:
            response = Response(status=304)
            response.set_etag(g.etag)
            return response
        return None

    @app.after_request
    def tag(response):
        if g.get("etag") and response.status_code == 200:
            response.set_etag(g.etag)
            response.headers["Cache-Control"] = "no-cache"
        return response


def _install_headers(app: Flask) -> None:
    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        return response
