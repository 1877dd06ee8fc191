"""briefer's small error vocabulary: each error carries a message written for the user and
the exit code the CLI returns (0 ok, 1 usage, 2 input, 3 delivery, 4 template)."""

from __future__ import annotations


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
