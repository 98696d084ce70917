"""The HTML list of stories at ``/``, in the report page's style; every value goes through the renderer's escaping."""

from __future__ import annotations

from urllib.parse import quote

from ..render.html import esc, page

__all__ = ["stories_page"]

_CSS = ".stories td { background: #fff; } .stories .date, .stories code { white-space: nowrap; }\n"


def stories_page(stories: list[dict]) -> str:
    """One page listing ``stories`` (as :func:`newsprism.api.list_stories` returns them), each linking to its report."""
    rows = "\n".join(_row(s) for s in stories)
    table = (f"<table class=\"stories\">\n<thead><tr><th>Story</th><th>Date</th><th>Articles</th><th>Origins</th>"
             f"<th>Outlets</th><th>Title</th></tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>") if stories else \
        "<p>No stories yet. Add articles with <code>POST /api/articles</code>, or run <code>newsprism ingest</code> " \
        "and <code>newsprism analyze</code> on this store.</p>"
    count = f'{len(stories)} {"story" if len(stories) == 1 else "stories"}'
    header = (f'<h1>newsprism stories</h1>\n<p class="muted">{count}, newest first · JSON: '
              f'<a href="/api/stories">/api/stories</a></p>')
    return page("newsprism stories", header, table, css=_CSS)


def _row(story: dict) -> str:
    href = esc(f"/stories/{quote(story['id'], safe='')}")
    when = (story.get("last_published") or "-")[:10]
    return (f'<tr><td><a href="{href}"><code>{esc(story["id"])}</code></a></td><td class="date">{esc(when)}</td>'
            f'<td>{len(story["articles"])}</td><td>{esc(story["origins"])}</td>'
            f'<td>{esc(", ".join(story["outlets"]))}</td>'
            f'<td><a href="{href}">{esc(story.get("title")) or "Untitled story"}</a></td></tr>')
