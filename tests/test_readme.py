"""The README's first run, command by command, prints what the README says it prints."""

from __future__ import annotations

import re

from conftest import ROOT, SEEDS
from test_ingest import run_cli


def console_blocks():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## A first run", 1)[1].split("```console", 1)[1].split("```", 1)[0]
    steps, current = [], None
    for line in block.strip().splitlines():
        if line.startswith("$ "):
            current = [line[2:], []]
            steps.append(current)
        else:
            current[1].append(line)
    return steps


def test_first_run_matches_the_readme(tmp_path):
    db = str(tmp_path / "readme.db")
    steps = console_blocks()
    assert [s[0].split()[1] for s in steps] == ["ingest", "analyze", "articles", "stories", "show"]
    for command, expected in steps:
        args = command.split()[1:]
        args = [str(SEEDS) if a == "../shared/seeds/" else a for a in args]
        result = run_cli(*args, "--db", db, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        printed = (result.stdout + result.stderr).strip().splitlines()
        for line in expected:
            assert any(re.sub(r"\s+", " ", line).strip() == re.sub(r"\s+", " ", p).strip() for p in printed), (line, printed)
    page = (tmp_path / "xi-putin.html").read_text(encoding="utf-8")
    assert "Xi and Putin hold first meeting since Ukraine invasion began" in page


def test_fresh_machine_commands_are_the_ci_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[test]' && python -m pytest" in readme
    assert "pip install -e '.[test]' && python -m pytest" in ci


def test_python_api_snippet_runs(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = readme.split("## Python API", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(tmp_path)
    printed = []
    exec(code.replace('"reports/"', repr(str(SEEDS))), {"print": lambda *a: printed.append(" ".join(map(str, a)))})
    assert printed[0] == "2 ingested, 0 failed"
    assert any(line.startswith("corroborated") for line in printed[1:])
