"""Feed endpoints: cached bytes, strong ETags, 304s, and a Cache-Control matching the refresh cadence.

Calendar apps and feed readers poll; a poll that changes nothing costs one
``change_token()`` query and an ETag comparison, never a render.
"""
from __future__ import annotations

import io

from flask import Blueprint, Response, abort, current_app, request
from werkzeug.wsgi import wrap_file

from calfeed.feeds.cache import FeedCache
from calfeed.feeds.kinds import KINDS
from calfeed.feeds.publish import Rendered
from calfeed.query import EventQuery, QueryError

bp = Blueprint("feeds", __name__)


@bp.record_once
def _install_cache(state) -> None:
    app = state.app
    app.extensions["calfeed.feeds"] = FeedCache(app.extensions["calfeed.store"], app.config["CALFEED"])


@bp.errorhandler(QueryError)
def _bad_filter(error: QueryError) -> Response:
    """Calendar apps and feed readers show a plain message better than an HTML page."""
    return Response(f"400 Bad Request: {error}\n", status=400, content_type="text/plain; charset=utf-8")


def _cache() -> FeedCache:
    return current_app.extensions["calfeed.feeds"]


def _respond(rendered: Rendered) -> Response:
    """200 with the bytes, or 304 when the client's ETag (or, failing that, its date) still matches."""
    if request.if_none_match:
        fresh = request.if_none_match.contains_weak(rendered.etag)
    else:
        since = request.if_modified_since
        fresh = bool(since and rendered.last_modified and rendered.last_modified.replace(microsecond=0) <= since)
    if fresh:
        response = Response(status=304)
    else:
        # Handed to the server as a file: waitress copies a large iterable body into a spill file
        # (over 1 MB) but streams a wsgi.file_wrapper as it is; see bench/feed_bench.py.
        body = wrap_file(request.environ, io.BytesIO(rendered.body))
        response = Response(body, content_type=rendered.content_type, direct_passthrough=True)
        response.content_length = len(rendered.body)
    response.set_etag(rendered.etag)
    if rendered.last_modified is not None:
        response.last_modified = rendered.last_modified
    response.cache_control.public = True
    response.cache_control.max_age = current_app.config["CALFEED"].feeds.refresh_minutes * 60
    response.headers["Access-Control-Allow-Origin"] = "*"  # web-based readers fetch feeds from other origins
    return response


def _feed(kind: str) -> Response:
    query = EventQuery.from_params(request.args.items(multi=True))
    return _respond(_cache().feed(kind, query))


@bp.get(KINDS["ics"].path)
def calendar():
    return _feed("ics")


@bp.get(KINDS["rss"].path)
def rss():
    return _feed("rss")


@bp.get(KINDS["atom"].path)
def atom():
    return _feed("atom")


@bp.get(KINDS["json"].path)
def json_feed():
    return _feed("json")


@bp.get("/events/<uid>.ics")
def event(uid: str):
    rendered = _cache().event(uid)
    if rendered is None:
        abort(404, description=f"没有编号为 {uid} 的活动。")
    return _respond(rendered)
