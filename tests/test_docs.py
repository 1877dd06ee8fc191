"""The README's promises: two set-up commands first, CI runs the test one verbatim, commands exist."""

from __future__ import annotations

import re

from briefer.cli import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def setup_commands() -> list[str]:
    block = re.search(r"```bash\n(.*?)```", README, re.S)
    assert block, "README opens with a bash block"
    assert README.index(block.group(0)) < README.index("## "), "the set-up commands come first"
    return [ln for ln in block.group(1).splitlines() if ln.strip()]


def test_readme_opens_with_exactly_two_setup_commands():
    install, test = setup_commands()
    assert "pip install" in install and install.endswith("briefer build")
    assert "pip install" in test and "pytest" in test


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert setup_commands()[1] in ci.splitlines()


def test_every_command_the_readme_uses_exists():
    used = set(re.findall(r"briefer (build|extract|render|email|templates|eval)\b", README))
    assert used >= {"build", "extract", "render"}
    assert used <= set(cli.commands)
