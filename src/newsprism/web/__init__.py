"""The web app: a REST API and two HTML pages, thin routes over :mod:`newsprism.api`.

::

    from newsprism.web import create_app
    app = create_app("newsprism.db")      # an ASGI app; `newsprism serve` runs it with uvicorn

Routes (docs/web.md): ``GET /api/stories``, ``GET /api/stories/{id}``, ``GET /api/articles/{id}``,
``POST /api/articles``, ``GET /`` and ``GET /stories/{id}``. Every error, from the library or from HTTP
(an unknown route, a bad query parameter), is one JSON shape::

    {"ok": false, "error": "No story with id 'x'. ...", "code": "not_found", "status": 404}

Each request opens the store in the thread that serves it (SQLite connections stay in their thread);
writes (``POST``) are serialized.
"""

from __future__ import annotations

import threading

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from .. import api
from ..errors import InputError, NewsprismError, NotFound, UsageError
from ..render import render
from ..store import Store
from .body import read_articles
from .pages import stories_page

__all__ = ["create_app", "error_response"]

#: The HTTP status of each kind of library error; any other is a 500.
STATUS = ((NotFound, 404), (UsageError, 400), (InputError, 400))


def create_app(db_path: str) -> FastAPI:
    """The app over the store at ``db_path`` (opened, and migrated if needed, right away)."""
    Store(db_path).close()
    app = FastAPI(title="newsprism", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    _add_error_handlers(app)
    _add_api_routes(app, db_path, threading.Lock())
    _add_pages(app, db_path)
    return app


def _add_api_routes(app: FastAPI, db_path: str, write_lock: threading.Lock) -> None:
    @app.get("/api/stories")
    def list_stories():
        """Every story, newest first: what `newsprism stories --json` prints."""
        with Store(db_path) as store:
            return JSONResponse(api.list_stories(store))

    @app.get("/api/stories/{story_id}")
    def get_story(story_id: str, with_text: bool = False, sentences: int = Query(6, ge=1),
                  words: int | None = Query(None, ge=1)):
        """The report (schema newsprism.report/1) of one story."""
        with Store(db_path) as store:
            return JSONResponse(api.report(store, [story_id], with_text=with_text, sentences=sentences, words=words))

    @app.get("/api/articles/{article_id}")
    def get_article(article_id: str):
        with Store(db_path) as store:
            return JSONResponse(store.get_article(article_id).to_dict())

    @app.post("/api/articles")
    async def post_articles(request: Request):
        """One article object (as the JSON/JSONL reader accepts it) or a list: stored, then analysed."""
        body = await request.body()
        return JSONResponse(await run_in_threadpool(_ingest_and_analyze, db_path, body, write_lock))


def _ingest_and_analyze(db_path: str, body: bytes, write_lock: threading.Lock) -> dict:
    articles = read_articles(body)
    with write_lock, Store(db_path) as store:
        ingested = api.IngestReport()
        api.write_articles(store, articles, ingested)  # the one-transaction write api.ingest uses
        analyzed, stories = api.analyze(store)
    return {
        "ok": True,
        "articles": ingested.article_ids,
        **{k: ingested.counts[k] for k in ("ingested", "duplicate", "updated", "unchanged")},
        "analyzed": analyzed.analyzed, "up_to_date": analyzed.up_to_date,
        "failed": [{"article_id": a, "reason": r} for a, r in analyzed.failed],
        "stories": len(stories),
    }


def _add_pages(app: FastAPI, db_path: str) -> None:
    @app.get("/", response_class=HTMLResponse)
    def index():
        with Store(db_path) as store:
            return HTMLResponse(stories_page(api.list_stories(store)))

    @app.get("/stories/{story_id}", response_class=HTMLResponse)
    def story_page(story_id: str):
        with Store(db_path) as store:
            return HTMLResponse(render(api.report(store, [story_id], with_text=True), "html"))


def error_response(message: str, code: str, status: int) -> JSONResponse:
    """The one error shape: ``{"ok": false, "error": ..., "code": ..., "status": ...}``."""
    return JSONResponse({"ok": False, "error": message, "code": code, "status": status}, status_code=status)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NewsprismError)
    async def library_error(request: Request, exc: NewsprismError):
        status = next((s for kind, s in STATUS if isinstance(exc, kind)), 500)
        return error_response(str(exc), exc.code, status)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http")
        message = f"No route {request.method} {request.url.path}. See docs/web.md for the routes." \
            if exc.status_code in (404, 405) else str(exc.detail)
        return error_response(message, code, exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{e['loc'][0]} parameter '{e['loc'][-1]}': {e['msg']}" for e in exc.errors())
        return error_response(f"Bad request ({problems}).", UsageError.code, 400)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        return error_response(f"Internal error ({type(exc).__name__}); the server log has the details.", "error", 500)
