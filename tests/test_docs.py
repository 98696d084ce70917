"""The docs stay true: the CLI reference matches --help, every command is documented."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from conftest import ROOT


def load_generator():
    spec = importlib.util.spec_from_file_location("gen_cli_docs", ROOT / "tools" / "gen_cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_current():
    generated = load_generator().render()
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == generated, "run: python tools/gen_cli_docs.py"


def test_every_command_is_in_the_readme_or_docs():
    from newsprism.cli import main

    docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"## newsprism {name}" in docs


def test_benchmarks_doc_names_its_commands():
    text = (ROOT / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    for script in sorted(Path(ROOT / "bench").glob("*.py")):
        if "__main__" not in script.read_text(encoding="utf-8"):
            continue  # a helper module, not a benchmark
        assert f"bench/{script.name}" in text, f"docs/benchmarks.md does not record bench/{script.name}"
