"""`briefer email` and the `--email-*` options that `briefer build` shares with it."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Mapping
from email.utils import getaddresses
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from briefer.errors import BrieferError, DeliveryError, UsageError, printable

if TYPE_CHECKING:
    import jinja2

    from briefer.mail import EmailSettings

F = TypeVar("F", bound=Callable[..., Any])

SETTINGS_KEY = "briefer.email"  # ctx.meta key where the CLI puts EmailSettings from the config


class CliError(click.ClickException):
    """A BrieferError shown as one `Error: ...` line, exiting with the error's code."""

    def __init__(self, error: BrieferError) -> None:
        super().__init__(str(error))
        self.exit_code = error.exit_code

    def format_message(self) -> str:
        """The message as one line: file names with newlines or escape codes shown escaped."""
        return printable(self.message)


@contextlib.contextmanager
def cli_errors() -> Iterator[None]:
    """Turn a BrieferError raised inside into a CliError."""
    try:
        yield
    except BrieferError as exc:
        raise CliError(exc) from exc


def message_options(prefix: str = "email-") -> Callable[[F], F]:
    """Options that address the message: --{prefix}to, cc, from, subject, attach."""

    def decorate(f: F) -> F:
        for name, dest, kwargs in reversed(_MESSAGE_OPTIONS):
            f = click.option(f"--{prefix}{name}", dest, **kwargs)(f)
        return f

    return decorate


_MESSAGE_OPTIONS: list[tuple[str, str, dict[str, Any]]] = [
    ("to", "email_to", {"multiple": True, "metavar": "ADDRESS",
                        "help": "Recipient (repeatable; 'Name <a@b.org>' or a comma list)."}),
    ("cc", "email_cc", {"multiple": True, "metavar": "ADDRESS", "help": "Copy to (repeatable)."}),
    ("from", "email_from", {"metavar": "ADDRESS", "help": "Sender address."}),
    ("subject", "email_subject", {"help": "Subject line (default: the brief's title)."}),
    ("attach", "email_attach", {"multiple": True, "metavar": "FILE",
                                "type": click.Path(dir_okay=False, path_type=Path),
                                "help": "Extra attachment, e.g. extraction JSON (repeatable)."}),
]  # fmt: skip


def transport_options(f: F) -> F:
    """Options that say where the message goes: --eml, --smtp, TLS and login."""
    for args, kwargs in reversed(_TRANSPORT_OPTIONS):
        f = click.option(*args, **kwargs)(f)
    return f


_TRANSPORT_OPTIONS: list[tuple[tuple[str, ...], dict[str, Any]]] = [
    (("--eml",), {"type": click.Path(dir_okay=False, path_type=Path), "metavar": "FILE",
                  "help": "Write the message as an .eml draft (written before any sending)."}),
    (("--smtp",), {"metavar": "HOST:PORT", "help": "Send through this SMTP server."}),
    (("--starttls",), {"is_flag": True, "default": None, "help": "Upgrade to TLS (port 587)."}),
    (("--ssl",), {"is_flag": True, "default": None, "help": "Connect with TLS (port 465)."}),
    (("--user",), {"help": "SMTP login name."}),
    (("--password-env",), {"metavar": "VAR",
                           "help": "Environment variable holding the SMTP password "
                                   "(else you are asked for it)."}),
    (("--smtp-cafile",), {"type": click.Path(dir_okay=False), "metavar": "PEM",
                          "help": "Trust only this CA bundle (a private server's)."}),
]  # fmt: skip


def email_options(f: F) -> F:
    """All email options for `briefer build`: --email-to/-cc/-from/-subject/-attach, --eml, ..."""
    return message_options("email-")(transport_options(f))


def wants_email(options: Mapping[str, Any]) -> bool:
    """True when any option asks for an email to be written or sent."""
    return bool(options.get("eml") or options.get("smtp") or options.get("email_to"))


def settings_from_options(
    options: Mapping[str, Any], defaults: EmailSettings | None = None
) -> EmailSettings:
    """Return EmailSettings: the config's `defaults` overridden by the options given."""
    from briefer.mail import EmailSettings

    base = defaults or EmailSettings()
    if options.get("starttls") and options.get("ssl"):
        raise UsageError("choose one of --starttls and --ssl")
    security = "starttls" if options.get("starttls") else "ssl" if options.get("ssl") else None
    return EmailSettings(
        to=list(options.get("email_to") or base.to),
        cc=list(options.get("email_cc") or base.cc),
        sender=options.get("email_from") or base.sender,
        subject=options.get("email_subject") or base.subject,
        attach=[str(a) for a in options.get("email_attach") or ()] or list(base.attach),
        smtp=options.get("smtp") or base.smtp,
        security=security or base.security,
        user=options.get("user") or base.user,
        password_env=options.get("password_env") or base.password_env,
        cafile=options.get("smtp_cafile") or base.cafile,
        timeout=base.timeout,
    )


def resolve_password(settings: EmailSettings) -> str | None:
    """Return the SMTP password: from the variable named by password_env, else a prompt."""
    if not settings.user or not settings.smtp:
        return None
    if settings.password_env:
        value = os.environ.get(settings.password_env)
        if value is None:
            raise UsageError(f"environment variable {settings.password_env} is not set")
        return value
    return str(click.prompt(f"SMTP password for {settings.user}", hide_input=True))


def deliver_from_options(
    docx: Path,
    options: Mapping[str, Any],
    defaults: EmailSettings | None = None,
    *,
    summary: Mapping[str, Any] | None = None,
    env: jinja2.Environment | None = None,
    force: bool = False,
) -> None:
    """Write and/or send `docx` as the options say (what `briefer build --email-to` calls);
    without `summary` it is read back from the .docx."""
    from briefer.mail import deliver, parse_server

    settings = settings_from_options(options, defaults)
    eml = options.get("eml")
    password = resolve_password(settings)
    try:
        msg = deliver(Path(docx), settings, eml=eml, password=password, summary=summary, env=env,
                      force=force or bool(options.get("force")))
    except DeliveryError:
        if eml is not None:  # written before sending failed
            click.echo(printable(f"Wrote {eml} (not sent)"), err=True)
        raise
    if eml is not None:
        click.echo(printable(f"Wrote {eml}"), err=True)
    if settings.smtp:
        host, port = parse_server(settings.smtp, settings.security)
        to = [a for _, a in getaddresses(msg.get_all("To", []) + msg.get_all("Cc", []))]
        click.echo(f"Sent to {', '.join(to)} via {host}:{port}", err=True)


@click.command("email")
@click.argument("docx", metavar="BRIEF.docx", type=click.Path(dir_okay=False, path_type=Path))
@message_options(prefix="")
@transport_options
@click.option("--force", is_flag=True, help="Let --eml replace a file briefer did not write.")
@click.pass_context
def email_command(ctx: click.Context, docx: Path, **options: Any) -> None:
    """Send BRIEF.docx as an email (text + HTML summary, the .docx attached) or write an .eml.

    \b
    Examples:
      briefer email out/brief.docx --to ana@example.org --from me@example.org --eml out/brief.eml
      briefer email out/brief.docx --to ana@example.org --smtp mail.example.org:587 --starttls \\
          --user me --password-env SMTP_PASSWORD
    """
    with cli_errors():
        deliver_from_options(docx, options, ctx.meta.get(SETTINGS_KEY))
