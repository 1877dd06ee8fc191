"""Structure-aware fuzzing of --reference-docx with atheris (pip install -e '.[fuzz]').

Each input is a .docx zip. The custom mutator unzips it, mutates one part (an XML part most of
the time, with libFuzzer's byte mutator), sometimes drops, duplicates or renames a part, and
zips it again; so the fuzzer explores damaged styles, settings, numbering, headers and content
types rather than zip headers only. The target renders a small brief with that reference; a
BrieferError (one-line error) is a correct answer, any other exception is a finding, as is a run
over the per-input time limit (-timeout) or memory limit (-rss_limit_mb).

    python bench/fuzz_reference.py -max_total_time=300 -timeout=20 -rss_limit_mb=2048 [corpus/]

Findings are written by libFuzzer as crash-*/timeout-*/oom-* files; replay one with
`python bench/fuzz_reference.py crash-...`.
"""

from __future__ import annotations

import io
import os
import random
import sys
import tempfile
import zipfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import docx  # noqa: F401  (instrumented for coverage)

    from briefer.errors import BrieferError
    from briefer.render.docx import markdown_to_docx

MD = "# Brief\n\nA paragraph with a note.[^1]\n\n- one\n- two\n\n1. first\n\n> quote\n\n[^1]: A note.\n"
WORK = Path(tempfile.mkdtemp(prefix="fuzz-reference-"))
REFERENCE = WORK / "reference.docx"
XML = (".xml", ".rels")


def seed() -> bytes:
    """A reference made by briefer itself: every part python-docx and briefer touch."""
    return markdown_to_docx(MD, header="Header", footer="Footer", handling="HANDLING")


def _parts(data: bytes) -> list[tuple[str, bytes]] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if len(z.infolist()) > 64 or sum(i.file_size for i in z.infolist()) > 8 << 20:
                return None
            return [(i.filename, z.read(i)) for i in z.infolist()]
    except Exception:  # noqa: BLE001 - an unreadable input: start again from the seed
        return None


def _zip(parts: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            z.writestr(name, data)
    return out.getvalue()


def mutate(data: bytes, max_size: int, rng_seed: int) -> bytes:
    """Mutate one part of the .docx (structure-aware), then zip again."""
    rng = random.Random(rng_seed)
    parts = _parts(data) or _parts(SEED) or []
    choice = rng.random()
    xml = [i for i, (name, _) in enumerate(parts) if name.endswith(XML)]
    if choice < 0.8 and xml:
        i = rng.choice(xml)
        name, body = parts[i]
        parts[i] = (name, atheris.Mutate(body, max(len(body) * 2, 256)))
    elif choice < 0.87 and parts:
        parts.pop(rng.randrange(len(parts)))
    elif choice < 0.94 and parts:
        parts.append(parts[rng.randrange(len(parts))])
    elif parts:
        i = rng.randrange(len(parts))
        name = atheris.Mutate(parts[i][0].encode(), 64).decode("utf-8", "replace").replace("\0", "")
        parts[i] = (name.strip("/") or "x", parts[i][1])
    out = _zip(parts)
    return out if len(out) <= max_size else data[:max_size]


def test_one_input(data: bytes) -> None:
    REFERENCE.write_bytes(data)
    try:
        result = markdown_to_docx(MD, reference=REFERENCE, handling="H")
    except BrieferError as exc:
        assert "\n" not in str(exc), "a multi-line error message"
        return
    assert result[:2] == b"PK"


SEED = seed()


def main() -> None:
    corpus = [a for a in sys.argv[1:] if not a.startswith("-")]
    if not corpus:  # start from briefer's own reference
        folder = WORK / "corpus"
        folder.mkdir()
        (folder / "seed.docx").write_bytes(SEED)
        sys.argv.append(str(folder))
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    atheris.Setup(sys.argv, test_one_input, custom_mutator=mutate)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
