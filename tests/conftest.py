"""Shared fixtures: the real model loaded once, the seed extraction and brief built once."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "eval" / "seeds-gold.json"


def need_file(path: Path) -> Path:
    """A data file tests read from ../shared: under CI its absence fails, elsewhere it skips."""
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing (required under CI)")
        pytest.skip(f"{path} is not here")
    return path


def need_soffice() -> str:
    """LibreOffice, which .ci/run installs: under CI its absence fails, elsewhere it skips."""
    exe = shutil.which("soffice")
    if exe is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("soffice and pdftotext are required under CI=true")
        pytest.skip("LibreOffice (soffice) or pdftotext is not installed: scripts/install-system-deps.sh")
    return exe


def to_pdf_text(docx: Path, outdir: Path) -> list[str]:
    """Render a .docx with LibreOffice and return the text of each page."""
    need_soffice()
    profile = outdir / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(outdir), str(docx)],
                   check=True, capture_output=True, timeout=180)
    pdf = outdir / (docx.stem + ".pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    return text.split("\f")


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """Builds run by tests cache into a temporary folder, never the user's cache."""
    old = os.environ.get("BRIEFER_CACHE_DIR")
    os.environ["BRIEFER_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["BRIEFER_CACHE_KEY_FILE"] = str(tmp_path_factory.mktemp("key") / "cache.key")
    yield
    if old is None:
        os.environ.pop("BRIEFER_CACHE_DIR", None)
    else:
        os.environ["BRIEFER_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def nlp():
    from briefer.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def seed_themes():
    from briefer.config import load_themes

    return load_themes(SEEDS / "themes.toml")


@pytest.fixture(scope="session")
def seed_extraction(seed_themes):
    from briefer.pipeline import extract

    return extract([SEEDS], seed_themes)


@pytest.fixture(scope="session")
def seed_brief(seed_extraction):
    from briefer.assemble import BriefOptions, assemble

    return assemble(seed_extraction, BriefOptions(handling="UNCLASSIFIED//FOR OFFICIAL USE ONLY"))


@pytest.fixture(scope="session")
def seed_md(seed_brief) -> str:
    from briefer.render import render

    return render(seed_brief, "md").decode("utf-8")


@pytest.fixture(scope="session")
def seed_docx(seed_brief, tmp_path_factory) -> Path:
    from briefer.render import render

    path = tmp_path_factory.mktemp("seed") / "brief.docx"
    path.write_bytes(render(seed_brief, "docx"))
    return path


@pytest.fixture(scope="session")
def gold() -> dict:
    import json

    return json.loads(need_file(GOLD).read_text(encoding="utf-8"))


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()


# the long run of the Hypothesis properties: `pytest tests/test_fuzz.py --hypothesis-profile=fuzz`
settings.register_profile("fuzz", max_examples=2000)
