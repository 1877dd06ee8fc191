"""The wheel carries the built-in templates, and they are found from an installed copy."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from tests.conftest import ROOT


def test_wheel_ships_templates_and_finds_them(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    (wheel,) = tmp_path.glob("briefer-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for template in ("brief.md.j2", "section.md.j2", "email.txt.j2", "email.html.j2"):
        assert f"briefer/templates/{template}" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = "from briefer.render.templating import builtin_dir; print(builtin_dir())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}, check=True)
    assert out.stdout.strip() == str(site / "briefer" / "templates")
