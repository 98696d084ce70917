"""The command line: parse, call the Python API, print. Data to stdout; logs and progress to stderr."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager

import click

from . import __version__
from . import api
from .api import ingest as api_ingest
from .errors import EmptyInput, InputError, NewsprismError, UsageError
from .ingest import FORMATS
from .store import Store, default_db_path


class _Group(click.Group):
    """Turns library errors into one ``Error: ...`` line: exit 2 for usage errors, 1 for the rest."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except NewsprismError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(2 if isinstance(exc, UsageError) else 1)


db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False),
    default=default_db_path,
    show_default="$NEWSPRISM_DB or ./newsprism.db",
    help="The SQLite store to use.",
)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsprism")
def main() -> None:
    """newsprism: many outlets' reports of one event, split into what each source says."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), help="Read every input as this format instead of detecting it.")
@click.option("--strict", is_flag=True, help="Stop at the first bad input instead of skipping it.")
def ingest(paths: tuple[str, ...], db: str, fmt: str | None, strict: bool) -> None:
    """Read articles from PATHS (files, directories, globs, http(s) URLs) into the store.

    Formats: text/Markdown, HTML, JSON/JSONL, RSS/Atom, WARC(.gz); detected from the extension
    and content. Each bad input is reported on stderr and skipped; the exit status is 1 if any
    input failed. Re-running the same ingest changes nothing.
    """
    with Store(db) as store, _progress("ingesting") as progress:
        report = api_ingest(paths, store, fmt=fmt, strict=strict, on_input=progress, on_problem=_print_problem)
    click.echo(report.summary(), err=True)
    if not report.ok:
        sys.exit(1)


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="A JSON array of stories.")
def stories(db: str, as_json: bool) -> None:
    """List the stories (built by `newsprism analyze`), newest first."""
    with Store(db) as store:
        out = api.list_stories(store)
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    for s in out:
        when = (s["last_published"] or "-")[:10]
        click.echo(f"{s['id']}  {when:10}  {len(s['articles']):3} articles  {s['origins']:3} origins  {s['title'] or '-'}")
    click.echo(f"{len(out):,} stories in {db}", err=True)


def _article_json(article, notes, with_annotations: bool) -> dict:
    data = article.to_dict()
    if with_annotations:
        data["analyzed"] = notes is not None
        data.update(notes.to_dict() if notes else {k: [] for k in ("sentences", "entities", "quotes", "times", "claims")})
    return data


def _print_problem(problem: InputError) -> None:
    label = "Skipped" if isinstance(problem, EmptyInput) else "Error"
    click.echo(f"{label}: {problem}", err=True)


@contextmanager
def _progress(label: str):
    """A rich progress bar on stderr, shown once there are more than a handful of items.

    Yields ``advance(item, total)`` for per-item calls or ``advance(done, total)`` with a count."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    )
    task = None

    def advance(item, total: int) -> None:
        nonlocal task
        if total <= 5:
            return
        if task is None:
            bar.start()
            task = bar.add_task(label, total=total)
        if isinstance(item, int):
            bar.update(task, completed=item)
        else:
            bar.advance(task)

    try:
        yield advance
    finally:
        if task is not None:
            bar.stop()


@main.command()
@db_option
@click.option("--strict", is_flag=True, help="Stop at the first article that fails instead of recording it.")
@click.option("--claim-vectors", is_flag=True, help="Embed every claim now (by default on first use, when stories are compared).")
def analyze(db: str, strict: bool, claim_vectors: bool) -> None:
    """Annotate every stored article that needs it, then group all analysed articles into stories.

    Annotations: sentences, entities, quotes, times, claims, embeddings. Incremental: articles
    already analysed (with the same text and pipeline version) are skipped, so a second run does
    nothing. A failing article is recorded with its reason; the rest go on. Near-duplicate origins
    and stories are then rebuilt over every analysed article.
    """
    with Store(db) as store, _progress("analyzing") as progress:
        report, stories = api.analyze(store, strict=strict, on_progress=progress, claim_vectors=claim_vectors)
    _print_analysis(report, stories)
    if report.failed:
        sys.exit(1)


def _print_analysis(report, stories) -> None:
    for article_id, reason in report.failed:
        click.echo(f"Error: Can't analyze article '{article_id}': {reason}", err=True)
    click.echo(f"{report.summary()}; {len(stories):,} {'story' if len(stories) == 1 else 'stories'}", err=True)


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="A JSON array of articles with every field, text included.")
@click.option("--annotations", is_flag=True, help="With --json: add sentences, entities, quotes, times and claims.")
def articles(db: str, as_json: bool, annotations: bool) -> None:
    """List the stored articles."""
    with Store(db) as store:
        stored = list(store.articles())
        notes = {a.id: store.get_annotations(a.id) for a in stored} if annotations else {}
    if as_json:
        out = [_article_json(a, notes.get(a.id), annotations) for a in stored]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    for a in stored:
        published = a.published.date().isoformat() if a.published else "-"
        dup = f"  (duplicate of {a.duplicate_of})" if a.duplicate_of else ""
        click.echo(f"{a.id}  {published:10}  {a.outlet or '-':20.20}  {a.title or a.text[:60]!s}{dup}")
    click.echo(f"{len(stored):,} articles in {db}", err=True)


def _report_options(command):
    """The options that shape a report, shared by ``report`` and ``show``."""
    from .render import FORMATS

    options = [
        click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True,
                     help="json (schema newsprism.report/1), md (Markdown) or html (one self-contained page)."),
        click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of stdout."),
        click.option("--with-text", is_flag=True, help="JSON and Markdown: add each article's text (HTML always has it)."),
        click.option("--sentences", type=click.IntRange(min=1), default=6, show_default=True,
                     help="At most this many summary sentences per story."),
        click.option("--words", type=click.IntRange(min=1), help="At most this many summary words per story."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _write_report(data: dict, fmt: str, output: str | None) -> None:
    from .render import render

    text = render(data, fmt)
    if output:
        from pathlib import Path

        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"Wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", type=click.Path(dir_okay=False), help="Keep the articles and analysis in this store (default: a temporary one).")
@click.option("--input-format", "input_fmt", type=click.Choice(list(FORMATS)), help="Read every input as this format instead of detecting it.")
@_report_options
def report(paths, db, input_fmt, fmt, output, with_text, sentences, words) -> None:
    """Ingest PATHS, analyse them and report every story: claims (corroborated, single-source,
    conflicting) with their source spans, quote renderings, entities, timeline, framing, summary.

    Without --db the work happens in a temporary store that is removed afterwards; with --db the
    store keeps everything (and re-running adds only what is new). Bad inputs are reported on
    stderr and skipped; the exit status is then 1, after the report is written.
    """
    import tempfile

    with tempfile.TemporaryDirectory(prefix="newsprism-") as tmp, Store(db or f"{tmp}/report.db") as store:
        ok, data = _ingest_and_report(store, paths, input_fmt, _report_data, fmt=fmt, with_text=with_text,
                                      sentences=sentences, words=words)
    _write_report(data, fmt, output)
    if not ok:
        sys.exit(1)


def _ingest_and_report(store, paths, input_fmt, make_report, **options) -> tuple[bool, dict]:
    """Ingest, analyse (progress and problems on stderr) and report: ``(nothing failed, report)``."""
    with _progress("analyzing") as progress:
        ingested = api_ingest(paths, store, fmt=input_fmt, on_problem=_print_problem)
        analyzed, stories = api.analyze(store, on_progress=progress)
        data = make_report(store, **options)
    click.echo(ingested.summary(), err=True)
    _print_analysis(analyzed, stories)
    return ingested.ok and not analyzed.failed, data


def _report_data(store, story_ids=None, *, fmt, with_text, sentences, words) -> dict:
    """The report dict; HTML always carries the texts it highlights."""
    return api.report(store, story_ids, with_text=with_text or fmt == "html", sentences=sentences, words=words)


@main.command()
@click.argument("story_id")
@db_option
@_report_options
def show(story_id, db, fmt, output, with_text, sentences, words) -> None:
    """Report one stored story (ids from `newsprism stories`)."""
    with Store(db) as store:
        data = _report_data(store, [story_id], fmt=fmt, with_text=with_text, sentences=sentences, words=words)
    _write_report(data, fmt, output)


@main.command()
@click.option("-o", "--output-dir", type=click.Path(file_okay=False), default="newsprism-demo", show_default=True,
              help="Where to write the demo's report and store.")
def demo(output_dir: str) -> None:
    """Analyse the bundled demo corpus (13 fictional articles: three events reported by three or four
    outlets each, and one unrelated story) and write its HTML report."""
    from pathlib import Path

    from .demo import corpus_path

    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    with Store(out / "demo.db") as store:
        _, data = _ingest_and_report(store, [str(corpus_path())], None, api.report, with_text=True)
    for fmt, name in (("html", "report.html"), ("json", "report.json"), ("md", "report.md")):
        _write_report(data, fmt, str(out / name))
    click.echo(str((out / "report.html").resolve()))


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="The port to listen on.")
def serve(db: str, host: str, port: int) -> None:
    """Serve the store over HTTP: a REST API and HTML pages (docs/web.md).

    GET /api/stories, /api/stories/ID (?with_text=true&sentences=N&words=N), /api/articles/ID;
    POST /api/articles with one JSON article object or a list (stored, then analysed). In a
    browser, / lists the stories and /stories/ID shows one. Errors are JSON: {"ok": false,
    "error": ..., "code": ..., "status": ...}. Runs until interrupted (Ctrl-C); logs go to stderr.
    """
    import uvicorn

    from .web import create_app

    uvicorn.run(create_app(db), host=host, port=port)
