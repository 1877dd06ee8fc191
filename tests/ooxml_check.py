"""Validate a written .docx with two independent checkers (test-only: the `test` extra installs them).

openxml-audit checks the parts against the ECMA-376 schemas and Word's own semantic rules;
ooxml-integrity checks that the package is self-consistent (every footnote reference has its
note, every relationship its target). Both are pure Python and need no Word.
"""

from __future__ import annotations

from pathlib import Path


def docx_problems(path: str | Path) -> list[str]:
    """Return the errors either checker reports for the .docx at `path` (empty: clean)."""
    return audit_errors(path) + integrity_errors(path)


def audit_errors(path: str | Path) -> list[str]:
    """openxml-audit's errors (schema and semantic), as one line each."""
    from openxml_audit import OpenXmlValidator

    result = OpenXmlValidator().validate(str(path))
    return [f"openxml-audit: {e}" for e in result.errors]


def integrity_errors(path: str | Path) -> list[str]:
    """ooxml-integrity's findings of severity error, as one line each."""
    from ooxml_integrity import ERROR, check

    return [f"ooxml-integrity: {f}" for f in check(str(path)) if f.severity == ERROR]
