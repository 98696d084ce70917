"""The command line: parse, call the Python API, print. Data to stdout; logs and progress to stderr."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager

import click

from . import __version__
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
        found = store.stories()
        outlets = {a.id: a.outlet for a in store.articles()}
    out = [_story_json(s, outlets) for s in found]
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    for s in out:
        when = (s["last_published"] or "-")[:10]
        click.echo(f"{s['id']}  {when:10}  {len(s['articles']):3} articles  {s['origins']:3} origins  {s['title'] or '-'}")
    click.echo(f"{len(out):,} stories in {db}", err=True)


def _story_json(story: dict, outlets: dict) -> dict:
    ids = [a for a, _ in story["articles"]]
    return {
        "id": story["id"], "title": story["title"], "articles": ids,
        "outlets": sorted({outlets[a] for a in ids if outlets.get(a)}),
        "origins": len({o for _, o in story["articles"]}),
        "first_published": story["first_published"], "last_published": story["last_published"],
    }


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
    from .annotate.pipeline import analyze as run_analyze

    from .cluster import build_stories

    with Store(db) as store, _progress("analyzing") as progress:
        report = run_analyze(store, strict=strict, on_progress=progress, claim_vectors=claim_vectors)
        stories = build_stories(store)
    for article_id, reason in report.failed:
        click.echo(f"Error: Can't analyze article '{article_id}': {reason}", err=True)
    click.echo(f"{report.summary()}; {len(stories):,} {'story' if len(stories) == 1 else 'stories'}", err=True)
    if report.failed:
        sys.exit(1)


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
