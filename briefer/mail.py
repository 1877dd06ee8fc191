"""Deliver a brief as email: a MIME message with the .docx attached, written as a draft (.eml)
or sent over SMTP.

`build_message` takes the brief's summary (the JSON the docx writer stores in the custom
property "briefer.summary") so that it never has to parse the document itself.
"""

from __future__ import annotations

import contextlib
import copy
import json
import logging
import mimetypes
import os
import re
import smtplib
import ssl
import unicodedata
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, localtime, make_msgid
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from briefer import __version__
from briefer.deadline import Deadline
from briefer.deliver import atomic_write
from briefer.errors import DeliveryError, InputError, OutputError, TemplateError, UsageError

if TYPE_CHECKING:
    import jinja2

    from briefer.model import Brief

log = logging.getLogger(__name__)

DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
SUMMARY_PROPERTY = "briefer.summary"
TEXT_TEMPLATE = "email.txt.j2"
HTML_TEMPLATE = "email.html.j2"
SECURITY = ("none", "starttls", "ssl")
DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}
_LINE_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # C0/C1 controls (CR, LF, NEL...), LS, PS
LOOPBACK = {"localhost", "127.0.0.1", "::1"}
MAX_ATTACHMENTS = 25 * 1024 * 1024  # bytes, the brief and --attach files together: what mail
# servers commonly accept; a larger message would be refused after a long upload anyway
DEADLINE_FACTOR = 4  # the whole SMTP session, connect to QUIT: 4 x the per-read timeout (2 min)

_CONFIG_KEYS = {
    "to", "cc", "from", "subject", "attach", "smtp", "starttls", "ssl", "user",
    "password_env", "cafile", "timeout",
}  # fmt: skip


@dataclass
class EmailSettings:
    """Who gets the brief and how it travels; CLI options override config defaults."""

    to: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    sender: str | None = None  # "from" in config and on the command line
    subject: str | None = None  # default: the brief's title
    attach: list[str] = field(default_factory=list)  # extra files (e.g. the JSON extraction)
    smtp: str | None = None  # "host:port"
    security: str = "none"  # none | starttls | ssl
    user: str | None = None
    password_env: str | None = None  # name of the variable holding the password
    cafile: str | None = None  # CA bundle trusted instead of the system's (private server)
    timeout: float = 30.0

    @classmethod
    def from_config(cls, data: Mapping[str, Any]) -> EmailSettings:
        """Build settings from a config section (`[email]`); unknown keys are a UsageError."""
        data = {str(k).replace("-", "_"): v for k, v in data.items()}
        if "password" in data:
            raise UsageError(
                "email config: no passwords in config; name a variable with password_env"
            )
        unknown = sorted(set(data) - _CONFIG_KEYS)
        if unknown:
            raise UsageError(f"email config: unknown key(s): {', '.join(unknown)}")
        if data.get("starttls") and data.get("ssl"):
            raise UsageError("email config: choose one of starttls and ssl")
        security = "starttls" if data.get("starttls") else "ssl" if data.get("ssl") else "none"
        return cls(
            to=_str_list(data, "to"),
            cc=_str_list(data, "cc"),
            sender=_opt_str(data, "from"),
            subject=_opt_str(data, "subject"),
            attach=_str_list(data, "attach"),
            smtp=_opt_str(data, "smtp"),
            security=security,
            user=_opt_str(data, "user"),
            password_env=_opt_str(data, "password_env"),
            cafile=_opt_str(data, "cafile"),
            timeout=_number(data, "timeout", 30.0),
        )


def _str_list(data: Mapping[str, Any], key: str) -> list[str]:
    value = data.get(key, [])
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise UsageError(f"email config: {key} must be a string or a list of strings")


def _opt_str(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    raise UsageError(f"email config: {key} must be a string")


def _number(data: Mapping[str, Any], key: str, default: float) -> float:
    value = data.get(key, default)
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return float(value)
    raise UsageError(f"email config: {key} must be a positive number")


# --- the summary -------------------------------------------------------------------------------


def load_summary(docx: Path) -> dict[str, Any]:
    """Return the brief's summary stored in the .docx, or a title-only summary without one."""
    data = read_docx(docx)
    try:
        from briefer.render.docx import read_custom_properties  # type: ignore[attr-defined]
    except ImportError:
        props: dict[str, str] = {}
    else:
        props = read_custom_properties(data)
    raw = props.get(SUMMARY_PROPERTY)
    if raw:
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"{docx}: property {SUMMARY_PROPERTY} is not JSON ({exc})") from exc
        if isinstance(data, dict):
            return data
    return {"title": _core_title(data) or docx.stem, "key_points": [], "sources": []}


def summary_from_brief(brief: Brief) -> dict[str, Any]:
    """Return the summary the email needs (and the docx writer stores) for an assembled brief."""
    titles = {section.theme.id: section.theme.title for section in brief.sections}
    return {
        "title": brief.title,
        "as_of": brief.as_of,
        "handling": brief.handling,
        "key_points": [
            {"theme": titles.get(kp.theme, kp.theme), "text": kp.fact.display or kp.fact.text,
             "sources": len({loc.source for loc in kp.fact.sources})}
            for kp in brief.key_points
        ],
        "sources": [
            {"label": src.label, "title": src.title, "date": src.date, "url": src.url}
            for src in brief.sources
        ],
    }  # fmt: skip


def read_docx(docx: Path) -> bytes:
    """The brief's bytes, through the check every .docx briefer opens passes (regular file, size,
    zip bombs, damaged parts, DTDs), and within the attachment limit."""
    from briefer.safety import check_zip

    if not os.path.lexists(docx):
        raise InputError(f"{docx}: no such file")
    data = check_zip(docx)
    if len(data) > MAX_ATTACHMENTS:
        raise InputError(f"{docx}: {len(data):,} bytes is over the {MAX_ATTACHMENTS:,}-byte limit "
                         "for attachments")
    return data


def _core_title(data: bytes) -> str | None:
    """Return dc:title from docProps/core.xml, or None."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            root = ElementTree.fromstring(zf.read("docProps/core.xml"))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return None
    node = root.find("{http://purl.org/dc/elements/1.1/}title")
    text = (node.text or "").strip() if node is not None else ""
    return text or None


def _normalize_summary(summary: Mapping[str, Any]) -> dict[str, Any]:
    """Fill in missing keys so that StrictUndefined templates see a complete summary."""
    points = [
        {"theme": str(p.get("theme") or ""), "text": str(p.get("text") or ""),
         "sources": int(p.get("sources") or 0)}
        for p in summary.get("key_points") or []
    ]  # fmt: skip
    sources = []
    for src in summary.get("sources") or []:
        url = src.get("url") or None
        sources.append({
            "label": str(src.get("label") or ""), "title": src.get("title") or None,
            "date": src.get("date") or None, "url": url,
            "href": url if url and re.match(r"https?://", url, re.I) else None,
        })  # fmt: skip
    return {
        "title": str(summary.get("title") or "Brief"),
        "as_of": summary.get("as_of") or None,
        "handling": summary.get("handling") or None,
        "key_points": points,
        "sources": sources,
    }


# --- the message -------------------------------------------------------------------------------


def build_message(
    docx: Path,
    summary: Mapping[str, Any],
    settings: EmailSettings,
    *,
    env: jinja2.Environment | None = None,
) -> EmailMessage:
    """Return a text + HTML message with the .docx (and `settings.attach`) attached, together
    at most MAX_ATTACHMENTS bytes."""
    brief = read_docx(docx)
    data = _normalize_summary(summary)
    filename = safe_filename(docx.name)
    msg = EmailMessage(policy=policy.SMTP)
    title = " ".join(_LINE_BREAKS.sub(" ", str(data["title"])).split())  # a title is made one line
    _set_headers(msg, settings, settings.subject or title)
    context = {**data, "attachment": filename, "extra": [Path(a).name for a in settings.attach]}
    env = _email_overlay(env) if env else template_env()
    # quoted-printable keeps the message 7-bit, for servers without 8BITMIME
    text, html = render_bodies(env, context)
    msg.set_content(text, cte="quoted-printable")
    msg.add_alternative(html, subtype="html", cte="quoted-printable")
    msg.add_attachment(brief, *DOCX_TYPE, filename=filename)
    room = MAX_ATTACHMENTS - len(brief)
    for extra in settings.attach:
        room -= _attach_file(msg, Path(extra), room)
    return msg


def _set_headers(msg: EmailMessage, settings: EmailSettings, subject: str) -> None:
    if settings.sender:
        msg["From"] = _address(settings.sender)
    if settings.to:
        msg["To"] = _addresses(settings.to)
    if settings.cc:
        msg["Cc"] = _addresses(settings.cc)
    msg["Subject"] = _one_line(subject, "subject")
    msg["Date"] = format_datetime(localtime())
    domain = _address(settings.sender).domain if settings.sender else "briefer.invalid"
    msg["Message-ID"] = make_msgid(domain=domain)
    msg["X-Mailer"] = f"briefer {__version__}"  # marks a draft briefer may replace (write_eml)


def _addresses(values: list[str]) -> list[Address]:
    """Parse addresses ("Name <user@host>", "user@host", comma lists); bad ones: UsageError."""
    out = []
    for value in values:
        pairs = getaddresses([_one_line(value, "address")])
        if not pairs or any(not a.strip() for _, a in pairs):
            raise UsageError(f"not an email address: {value!r}")
        for name, addr in pairs:
            try:
                address = Address(display_name=name, addr_spec=addr)
            except (ValueError, IndexError) as exc:
                raise UsageError(f"not an email address: {value!r}") from exc
            if not (address.username and address.domain):
                raise UsageError(f"not an email address: {value!r}")
            out.append(address)
    return out


def _address(value: str) -> Address:
    """Parse exactly one address."""
    found = _addresses([value])
    if len(found) != 1:
        raise UsageError(f"expected one email address: {value!r}")
    return found[0]


def _one_line(value: str, what: str) -> str:
    """`value` if it is one line: CR, LF and every other line or paragraph separator (U+2028,
    U+2029, NEL, VT, FF, FS-RS) are refused, as are control characters, so no header can be
    injected or folded apart."""
    if _LINE_BREAKS.search(value):
        raise UsageError(f"the {what} must be one line: {value!r}")
    return value


def _attach_file(msg: EmailMessage, path: Path, room: int) -> int:
    """Attach a regular file of at most `room` bytes (checked before reading); return its size."""
    data = _read_attachment(path, room)
    ctype = "application/json" if path.suffix.lower() == ".json" else None
    ctype = ctype or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    maintype, subtype = ctype.split("/", 1)
    msg.add_attachment(data, maintype, subtype, filename=safe_filename(path.name))
    return len(data)


def _read_attachment(path: Path, room: int) -> bytes:
    """Read a regular file without blocking (a FIFO is refused, not waited on), at most `room`."""
    from briefer.safety import read_file

    return read_file(path, room, label=f"{path}: cannot attach",
                     too_big=f"the attachments would be over {MAX_ATTACHMENTS:,} bytes")


def safe_filename(name: str, default: str = "brief.docx") -> str:
    """Return an ASCII file name without paths, control or shell-special characters."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    stem, dot, suffix = ascii_name.rpartition(".")
    if not dot:
        stem, suffix = ascii_name, ""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_")[:80]
    suffix = re.sub(r"[^A-Za-z0-9]+", "", suffix)[:10]
    if not stem:
        return default
    return f"{stem}.{suffix}" if suffix else stem


# --- templates ---------------------------------------------------------------------------------


def template_env() -> jinja2.Environment:
    """Return a Jinja2 environment over the built-in templates (StrictUndefined)."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_template_dir())),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "html.j2"]),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _email_overlay(env: jinja2.Environment) -> jinja2.Environment:
    """Use the caller's loader and filters, with the whitespace rules the email templates are
    written for and no `finalize` (the brief's env Markdown-escapes output; email is not Markdown).
    """
    return env.overlay(trim_blocks=True, lstrip_blocks=True, finalize=_plain)


def _plain(value: Any) -> Any:
    return "" if value is None else value


def _template_dir() -> Path:
    here = Path(__file__).resolve().parent.parent / "templates"
    if (here / TEXT_TEMPLATE).is_file():
        return here
    from importlib.resources import files

    return Path(str(files("briefer.templates")))


def render_bodies(env: jinja2.Environment, context: dict[str, Any]) -> tuple[str, str]:
    """The text and HTML bodies, rendered in one child process under the brief's template limits
    (time, memory, sizes); any failure is a one-line TemplateError (exit 4)."""
    from briefer.isolate import Limited, run_limited
    from briefer.render import sandbox

    def both() -> tuple[str, str]:
        return _render(env, TEXT_TEMPLATE, context), _render(env, HTML_TEMPLATE, context)

    try:
        return run_limited(both, seconds=sandbox.RENDER_SECONDS + 5, memory=sandbox.RENDER_MEMORY)
    except Limited as exc:
        raise TemplateError(f"{TEXT_TEMPLATE}, {HTML_TEMPLATE}: rendering {exc}") from None


def _render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    from briefer.render import sandbox
    from briefer.render.templating import locate

    try:
        return sandbox.generate(env.get_template(name), context, sandbox.RENDER_SECONDS)
    except (TemplateError, MemoryError):
        raise
    except Exception as exc:  # a template may raise anything (1/0, bad types); report, never crash
        raise TemplateError(locate(exc, name)) from None


# --- delivery ----------------------------------------------------------------------------------


def write_eml(msg: EmailMessage, path: Path, *, force: bool = False) -> None:
    """Write `msg` as an .eml draft (X-Unsent: 1, so mail clients open it for editing).

    An existing file is replaced only when it is a draft briefer wrote, or with `force`."""
    target = Path(path)
    if target.is_dir() and not target.is_symlink():
        raise OutputError(f"{target}: is a folder; give a file name such as {target / 'brief.eml'}")
    if not force and (target.is_symlink() or target.exists() and not _our_draft(target)):
        raise OutputError(f"{target}: exists and is not an .eml draft briefer wrote; use --force to "
                          "replace it")
    draft = copy.deepcopy(msg)
    del draft["X-Unsent"]
    draft["X-Unsent"] = "1"
    atomic_write(Path(path), draft.as_bytes(policy=policy.SMTP))


def _our_draft(path: Path) -> bool:
    """True when `path` is a regular file whose headers carry briefer's X-Mailer."""
    from briefer.safety import read_head

    head = read_head(path, 1 << 16)
    if head is None:
        return False
    headers = re.split(rb"\r?\n\r?\n", head, maxsplit=1)[0]
    return re.search(rb"(?im)^X-Mailer: briefer\b", headers) is not None


def send(msg: EmailMessage, settings: EmailSettings, password: str | None) -> None:
    """Send `msg` over SMTP as `settings` say; any failure is a one-line DeliveryError."""
    host, port = parse_server(settings.smtp, settings.security)
    sender, recipients = _envelope(settings)
    if settings.user and password is None:
        raise UsageError("a password is needed for --user: set --password-env or type it")
    if settings.user and settings.security == "none" and host not in LOOPBACK:
        raise UsageError(
            f"refusing to send a password to {host} without TLS: use --starttls or --ssl"
        )
    where = f"{host}:{port}"
    context = tls_context(settings.cafile)
    deadline = Deadline(settings.timeout * DEADLINE_FACTOR)
    with deadline, _delivery_errors(where, password, deadline), _connect(host, port, settings,
                                                                          deadline, context) as smtp:
        if settings.user:
            smtp.login(settings.user, password or "")
        refused = smtp.send_message(msg, from_addr=sender, to_addrs=recipients)
    if refused:  # some recipients took it, these did not
        others = len(recipients) - len(refused)
        raise DeliveryError(
            f"{where}: recipient refused: {_refusals(refused)}; sent to {others} other(s)"
        )
    log.info("sent %s to %d recipient(s) via %s", msg["Subject"], len(recipients), where)


def parse_server(value: str | None, security: str = "none") -> tuple[str, int]:
    """Return (host, port) from "host", "host:port" or "[v6]:port"."""
    if security not in SECURITY:
        raise UsageError(f"unknown SMTP security {security!r}: use one of {', '.join(SECURITY)}")
    if not value:
        raise UsageError("no SMTP server: give --smtp HOST:PORT")
    m = re.fullmatch(
        r"\[(?P<v6>[^\]]+)\](?::(?P<p6>\d+))?|(?P<host>[^:\s]+)(?::(?P<port>\d+))?", value
    )
    if not m:
        raise UsageError(f"not an SMTP server: {value!r} (expected HOST:PORT)")
    host = m["v6"] or m["host"]
    port = int(m["p6"] or m["port"] or DEFAULT_PORTS[security])
    if not 0 < port < 65536:
        raise UsageError(f"not a port: {port}")
    return host, port


def _envelope(settings: EmailSettings) -> tuple[str, list[str]]:
    recipients = [a.addr_spec for a in _addresses(settings.to + settings.cc)]
    if not recipients:
        raise UsageError("no recipients: give --to ADDRESS")
    sender = settings.sender or (settings.user if settings.user and "@" in settings.user else None)
    if not sender:
        raise UsageError("no sender: give --from ADDRESS")
    return _address(sender).addr_spec, recipients


class _SMTP(smtplib.SMTP):
    """smtplib.SMTP whose socket (plain, then TLS after STARTTLS) the deadline watches."""

    def __init__(self, host: str, port: int, *, deadline: Deadline, **kwargs: Any) -> None:
        deadline.watch(lambda: self.sock)  # before connecting: the banner may trickle too
        super().__init__(host, port, **kwargs)


class _SMTPSSL(smtplib.SMTP_SSL):
    def __init__(self, host: str, port: int, *, deadline: Deadline, **kwargs: Any) -> None:
        deadline.watch(lambda: self.sock)
        super().__init__(host, port, **kwargs)


def tls_context(cafile: str | None) -> ssl.SSLContext:
    """The TLS context: the system's CAs, or only those of `cafile`, read like every file briefer
    is given (regular file, bounded: a FIFO never blocks) and refused in one line if not PEM."""
    if cafile is None:
        return ssl.create_default_context()
    from briefer.safety import MAX_PEM, read_file

    label = f"{cafile} (--smtp-cafile)"
    pem = read_file(cafile, MAX_PEM, label=label).decode("ascii", "ignore")  # non-ASCII: comments only
    try:
        return ssl.create_default_context(cadata=pem)
    except (ssl.SSLError, ValueError) as exc:
        raise InputError(f"{label}: not a PEM certificate bundle ({exc})") from None


def _connect(host: str, port: int, settings: EmailSettings, deadline: Deadline,
             context: ssl.SSLContext) -> smtplib.SMTP:
    if settings.security == "ssl":
        return _SMTPSSL(host, port, timeout=settings.timeout, context=context, deadline=deadline)
    smtp = _SMTP(host, port, timeout=settings.timeout, deadline=deadline)
    if settings.security == "starttls":
        try:
            smtp.starttls(context=context)
            smtp.ehlo()
        except BaseException:
            smtp.close()
            raise
    return smtp


@contextlib.contextmanager
def _delivery_errors(where: str, password: str | None, deadline: Deadline) -> Iterator[None]:
    """Turn smtplib, TLS and socket errors into one-line DeliveryErrors without secrets."""
    try:
        yield
    except (OSError, ValueError) as exc:  # smtplib.SMTPException and ssl.SSLError are OSErrors;
        # a TLS socket shut down under it by the deadline can raise ValueError
        if not (isinstance(exc, OSError) or deadline.expired):
            raise
        message = f"{where}: {_describe(exc)}" if isinstance(exc, OSError) else ""
        if deadline.expired:
            message = f"{where}: no complete answer within {deadline.seconds:g} seconds (a server " \
                      "that slow is refused)"
        if password and password in message:
            # never the password, and never a mangled message: masking every substring equal to
            # the password ("sup***ed") would both mangle the text and hint at the password
            message = f"SMTP delivery failed: {type(exc).__name__} (details withheld: they held the password)"
        raise DeliveryError(message) from None


def _describe(exc: OSError) -> str:
    """Say in a few words what went wrong (most specific classes first)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return f"recipient refused: {_refusals(exc.recipients)}"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return f"authentication failed ({_reply(exc)})"
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return f"sender {exc.sender} refused ({_reply(exc)})"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"server said {_reply(exc)}"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return f"server closed the connection ({exc})"
    if isinstance(exc, smtplib.SMTPException):
        return str(exc)
    if isinstance(exc, ssl.SSLError):
        return f"TLS failed ({exc.reason or exc})"
    if isinstance(exc, TimeoutError):
        return "timed out"
    return f"cannot connect ({exc.strerror or str(exc) or type(exc).__name__})"


def _reply(exc: smtplib.SMTPResponseException) -> str:
    raw = exc.smtp_error
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return f"{exc.smtp_code} {' '.join(text.split())}".strip()


def _refusals(recipients: dict[str, tuple[int, bytes]]) -> str:
    return "; ".join(
        f"{addr} ({code} {' '.join(reply.decode('utf-8', 'replace').split())})"
        for addr, (code, reply) in recipients.items()
    )


def deliver(
    docx: Path,
    settings: EmailSettings,
    *,
    eml: Path | None = None,
    password: str | None = None,
    summary: Mapping[str, Any] | None = None,
    env: jinja2.Environment | None = None,
    force: bool = False,
) -> EmailMessage:
    """Build the message for `docx`, write it to `eml` (first) and send it if settings.smtp;
    `force` lets the draft replace a file briefer did not write."""
    if eml is None and not settings.smtp:
        raise UsageError("nothing to do: give --eml FILE and/or --smtp HOST:PORT")
    if settings.smtp:
        parse_server(settings.smtp, settings.security)  # a bad server is a usage error, early
    msg = build_message(docx, load_summary(docx) if summary is None else summary, settings, env=env)
    if eml is not None:
        if docx.exists() and Path(eml).exists() and os.path.samefile(docx, eml):
            raise OutputError(f"{eml}: is the brief being sent; give the draft another name")
        write_eml(msg, eml, force=force)
    if settings.smtp:
        send(msg, settings, password)
    return msg
