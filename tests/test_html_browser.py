"""The HTML report in real headless Chromium: it renders to a non-blank screenshot and its DOM holds the summary.

Chromium is required, not optional: ``.ci/run`` installs it (``apt-get install chromium``) when it is missing.
The screenshot is also copied to /tmp/newsprism-report.png for a person to look at.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from test_render import SUMMARY_1, build_report

from newsprism.render import to_html

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOT_COPY = Path("/tmp/newsprism-report.png")


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing. Install it: apt-get update && apt-get install -y chromium")
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run",
               f"--user-data-dir={tmp_path / 'profile'}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


def png_pixels(path: Path) -> tuple[int, int, bytes]:
    """Width, height and the decompressed (still filtered) scanlines of a PNG, with the standard library."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", chunk[:8])
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    return width, height, zlib.decompress(idat)


def screenshot(tmp_path: Path, url: str, keep: Path) -> None:
    """Render ``url`` at 1400x1800, keep a copy at ``keep`` (to look at), and check it is not blank."""
    png = tmp_path / "shot.png"
    result = chromium(tmp_path, f"--screenshot={png}", "--window-size=1400,1800", url)
    assert png.exists(), f"no screenshot; chromium said: {result.stderr[-2000:]}"
    shutil.copyfile(png, keep)
    width, height, pixels = png_pixels(png)
    assert (width, height) == (1400, 1800)
    assert png.stat().st_size > 50_000, "a screenshot this small is a blank page"
    assert len(set(pixels)) > 100, "the screenshot has almost no variation: blank"


@pytest.fixture
def page(tmp_path) -> Path:
    path = tmp_path / "report.html"
    path.write_text(to_html(build_report()), encoding="utf-8")
    return path


def test_page_renders_to_a_legible_screenshot(page, tmp_path):
    screenshot(tmp_path, page.as_uri(), SCREENSHOT_COPY)


def test_dom_holds_the_rendered_summary(page, tmp_path):
    result = chromium(tmp_path, "--dump-dom", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert '<p class="summary">' in dom
    assert SUMMARY_1 in dom
    story = build_report()["stories"][0]
    spans = {(s["article_id"], s["start"], s["end"]) for c in story["claims"] for s in c["support"]}
    assert dom.count('<mark id="') == len(spans) == 6  # one highlight per claim span (the legend's marks have no id)
