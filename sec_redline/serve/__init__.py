"""``sec-redline serve``: a reviewer's read-only web view of the version store (docs/serve.md).

``app`` (the Flask application, its security headers and error pages, and the waitress server), ``routes``
(the addresses and what each answers), ``pages`` (how addresses are written; the pages as HTML or JSON),
``queries`` (what the pages ask of the store, over its public methods), ``cache`` (bounded caches, each value
made once).
"""

from __future__ import annotations

from .app import create_app, make_server

__all__ = ["create_app", "make_server"]
