"""Write docs/cli.md from the CLI's own --help texts (tests/test_docs.py checks it is current)."""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsprism.cli import main  # noqa: E402

HEADER = """# Command-line reference

Generated from `newsprism --help` by `python tools/gen_cli_docs.py`; a test fails when it is out of date.
"""


def render() -> str:
    runner = CliRunner()
    parts = [HEADER, "## newsprism\n", _help(runner, [])]
    for name in sorted(main.commands):
        parts += [f"## newsprism {name}\n", _help(runner, [name])]
    return "\n".join(parts)


def _help(runner: CliRunner, args: list[str]) -> str:
    result = runner.invoke(main, [*args, "--help"], prog_name="newsprism", terminal_width=100)
    return f"```\n{result.output.rstrip()}\n```\n"


if __name__ == "__main__":
    (ROOT / "docs" / "cli.md").write_text(render(), encoding="utf-8")
    print("wrote docs/cli.md")
