"""briefer's small error vocabulary: each error carries a message written for the user and
the exit code the CLI returns (0 ok, 1 usage, 2 input, 3 delivery, 4 template)."""

from __future__ import annotations

import re


class BrieferError(Exception):
    """Base class: a problem the user can fix, shown as one line without a traceback."""

    exit_code = 1


class UsageError(BrieferError):
    """Bad options or configuration (a themes file with an unknown key, a bad value)."""

    exit_code = 1


class InputError(BrieferError):
    """A source could not be read or no usable source was given."""

    exit_code = 2


class OutputError(BrieferError):
    """The output could not be written (or would clobber a file briefer did not write)."""

    exit_code = 2


class DeliveryError(BrieferError):
    """The brief could not be delivered (SMTP down, recipient refused, auth or TLS failure)."""

    exit_code = 3


class TemplateError(BrieferError):
    """A template failed: "template:line: problem"."""

    exit_code = 4


# C0/C1 controls, DEL, line and paragraph separators, bidi overrides and isolates, lone surrogates
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` safe to print as (part of) one line: every character that could end the line, move
    the cursor, recolour the terminal or reorder the text is written escaped ("\\n", "\\x1b",
    "\\u202e"); bytes of a file name that is not UTF-8 show as "\\xNN". A hostile file name can
    neither forge a line nor hide one."""
    return _UNPRINTABLE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if "\udc80" <= char <= "\udcff":  # os.fsdecode's stand-in for an undecodable byte
        return f"\\x{ord(char) - 0xDC00:02x}"
    return ascii(char)[1:-1]
