"""The email workflow: message building, .eml drafts, and delivery through a real SMTP server
(aiosmtpd on 127.0.0.1) with STARTTLS, SSL and AUTH, and the `briefer email` command."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import jinja2
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from click.testing import CliRunner

from briefer.cli_email import email_command, email_options, settings_from_options
from briefer.errors import DeliveryError, InputError, OutputError, UsageError
from briefer.mail import (
    EmailSettings,
    atomic_write,
    build_message,
    load_summary,
    parse_server,
    safe_filename,
    send,
    summary_from_brief,
    write_eml,
)
from briefer.model import Brief, Fact, KeyPoint, Location, Section, Source, Theme

DOCX_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PASSWORD = "s3cr3t-Pa55!"  # the right one
WRONG = "wr0ng-Pa55word"  # what the failing tests type
SUMMARY: dict[str, Any] = {
    "title": "US–Cambodia relations: arms embargo, Ream",
    "as_of": "2026-02-05",
    "handling": "UNCLASSIFIED // FOR TRAINING",
    "key_points": [
        {
            "theme": "Arms embargo",
            "text": "The US lifted its arms embargo on Nov. 6.",
            "sources": 3,
        },
        {"theme": "Ream", "text": "Ream <naval> base & pier were expanded.", "sources": 1},
    ],
    "sources": [
        {"label": "Reuters", "title": None, "date": "2025-11-06", "url": "https://reuters.com/x"},
        {"label": "KPT English", "title": "Embargo lifted", "date": None, "url": None},
    ],
}


# --- fixtures -------------------------------------------------------------------------------


@pytest.fixture
def docx(tmp_path: Path) -> Path:
    """A small real .docx written by python-docx (the name needs sanitising)."""
    import docx as python_docx

    document = python_docx.Document()
    document.core_properties.title = "Core title of the brief"
    document.add_heading("US–Cambodia relations", level=1)
    document.add_paragraph("The US lifted its arms embargo on Nov. 6.")
    path = tmp_path / "Brief: été 2026?.docx"
    document.save(str(path))
    return path


@pytest.fixture(scope="session")
def cert(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made with openssl (no `cryptography` here)."""
    openssl = shutil.which("openssl")
    assert openssl, "openssl is needed to make the test certificate"
    folder = tmp_path_factory.mktemp("tls")
    crt, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(key), "-out", str(crt), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return crt, key


def server_context(cert: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert[0]), str(cert[1]))
    return context


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Sink:
    """aiosmtpd handler that keeps what arrives and refuses some recipients."""

    def __init__(self, refuse: tuple[str, ...] = ()) -> None:
        self.refuse = set(refuse)
        self.envelopes: list[Any] = []
        self.authenticated: list[bool] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.envelopes.append(envelope)
        self.authenticated.append(bool(session.authenticated))
        return "250 Message accepted for delivery"

    def message(self) -> EmailMessage:
        assert len(self.envelopes) == 1
        return message_from_bytes(self.envelopes[0].content, policy=policy.default)


def check_password(server, session, envelope, mechanism, auth_data) -> AuthResult:
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == b"analyst"
        and auth_data.password == PASSWORD.encode()
    )
    return AuthResult(success=ok, handled=False)


@contextlib.contextmanager
def smtp_server(handler: Sink, **kwargs: Any) -> Iterator[str]:
    """Run an aiosmtpd server on a free 127.0.0.1 port; yield "127.0.0.1:port"."""
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), **kwargs)
    controller.start()
    try:
        yield f"127.0.0.1:{controller.port}"
    finally:
        controller.stop()


def settings(server: str, **kwargs: Any) -> EmailSettings:
    base: dict[str, Any] = {
        "to": ["Ana Analyst <ana@example.org>, bo@example.org"],
        "cc": ["Chef Équipe <chef@example.org>"],
        "sender": "José Pérez <jose@example.org>",
        "subject": "Brief: US–Cambodia, février",
        "smtp": server,
        "timeout": 10.0,
    }
    return EmailSettings(**{**base, **kwargs})


def parts(msg: EmailMessage) -> dict[str, Any]:
    """Return the text body, HTML body and attachments {filename: (content type, bytes)}."""
    text = msg.get_body(("plain",))
    html = msg.get_body(("html",))
    assert text is not None and html is not None
    files = {
        a.get_filename(): (a.get_content_type(), a.get_content()) for a in msg.iter_attachments()
    }
    return {"text": text.get_content(), "html": html.get_content(), "files": files}


# --- delivery through a real server ---------------------------------------------------------


def test_sends_brief_with_headers_body_and_attachments(docx: Path, tmp_path: Path) -> None:
    extraction = tmp_path / "extraction.json"
    extraction.write_text(json.dumps({"schema": "briefer.extraction/1"}), encoding="utf-8")
    handler = Sink()
    with smtp_server(handler) as server:
        conf = settings(server, attach=[str(extraction)])
        send(build_message(docx, SUMMARY, conf), conf, None)
    envelope = handler.envelopes[0]
    assert envelope.mail_from == "jose@example.org"
    assert envelope.rcpt_tos == ["ana@example.org", "bo@example.org", "chef@example.org"]
    head = envelope.content.split(b"\r\n\r\n", 1)[0]
    envelope.content.decode("ascii")  # 7-bit: RFC 2047 headers, quoted-printable bodies
    assert b"=?utf-8?" in head
    assert max(len(line) for line in envelope.content.split(b"\r\n")) <= 998  # RFC 5322
    msg = handler.message()
    assert str(msg["Subject"]) == "Brief: US–Cambodia, février"
    assert str(msg["From"]) == "José Pérez <jose@example.org>"
    assert str(msg["To"]) == "Ana Analyst <ana@example.org>, bo@example.org"
    assert str(msg["Cc"]) == "Chef Équipe <chef@example.org>"
    assert msg["Message-ID"].endswith("@example.org>") and msg["Date"]
    assert msg["X-Unsent"] is None
    got = parts(msg)
    assert {
        p["Content-Transfer-Encoding"] for p in msg.walk() if p.get_content_maintype() == "text"
    } == {"quoted-printable"}
    for point in SUMMARY["key_points"][:1]:
        assert point["text"] in got["html"] and point["text"] in got["text"]
    assert "Ream &lt;naval&gt; base &amp; pier were expanded." in got["html"]
    assert "Ream <naval> base & pier" in got["text"] and "(3 sources)" in got["text"]
    assert SUMMARY["handling"] in got["html"] and "2026-02-05" in got["text"]
    assert '<a href="https://reuters.com/x">' in got["html"]
    assert got["files"]["Brief-ete-2026.docx"] == (DOCX_CT, docx.read_bytes())
    assert got["files"]["extraction.json"] == ("application/json", extraction.read_bytes())


def test_starttls_with_self_signed_certificate_and_auth(docx: Path, cert) -> None:
    handler = Sink()
    kwargs = {"tls_context": server_context(cert), "require_starttls": True}
    with smtp_server(handler, authenticator=check_password, **kwargs) as server:
        conf = settings(server, security="starttls", cafile=str(cert[0]), user="analyst")
        send(build_message(docx, SUMMARY, conf), conf, PASSWORD)
    assert handler.authenticated == [True]
    assert parts(handler.message())["files"]["Brief-ete-2026.docx"][1] == docx.read_bytes()


def test_ssl_with_self_signed_certificate(docx: Path, cert) -> None:
    handler = Sink()
    with smtp_server(handler, ssl_context=server_context(cert)) as server:
        conf = settings(server, security="ssl", cafile=str(cert[0]))
        send(build_message(docx, SUMMARY, conf), conf, None)
    assert str(handler.message()["Subject"]) == "Brief: US–Cambodia, février"


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_untrusted_certificate_is_a_tls_failure(docx: Path, cert, security: str) -> None:
    handler = Sink()
    if security == "ssl":
        kwargs: dict[str, Any] = {"ssl_context": server_context(cert)}
    else:
        kwargs = {"tls_context": server_context(cert), "require_starttls": True}
    with smtp_server(handler, **kwargs) as server:
        conf = settings(server, security=security)  # no cafile: the cert is not trusted
        with pytest.raises(DeliveryError, match=r"TLS failed \(CERTIFICATE_VERIFY_FAILED\)"):
            send(build_message(docx, SUMMARY, conf), conf, None)
    assert handler.envelopes == []


def test_starttls_not_offered(docx: Path) -> None:
    with smtp_server(Sink()) as server:
        conf = settings(server, security="starttls")
        with pytest.raises(DeliveryError, match="STARTTLS extension not supported"):
            send(build_message(docx, SUMMARY, conf), conf, None)


def test_wrong_password_is_refused_and_never_shown(docx: Path, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    handler = Sink()
    with smtp_server(handler, authenticator=check_password, auth_require_tls=False) as server:
        conf = settings(server, user="analyst")
        with pytest.raises(DeliveryError) as info:
            send(build_message(docx, SUMMARY, conf), conf, WRONG)
    message = str(info.value)
    assert message.startswith(f"{server}: authentication failed (535")
    assert "\n" not in message and WRONG not in message and "analyst" not in message
    assert info.value.__cause__ is None and info.value.__suppress_context__
    assert WRONG not in caplog.text
    assert handler.envelopes == []


def test_server_not_running(docx: Path) -> None:
    conf = settings(f"127.0.0.1:{free_port()}")
    with pytest.raises(
        DeliveryError, match=r"^127\.0\.0\.1:\d+: cannot connect \(Connection refused\)$"
    ):
        send(build_message(docx, SUMMARY, conf), conf, None)


@pytest.mark.parametrize(
    ("to", "delivered"),
    [(["nobody@example.org"], 0), (["ana@example.org", "nobody@example.org"], 1)],
)
def test_refused_recipient(docx: Path, to: list[str], delivered: int) -> None:
    handler = Sink(refuse=("nobody@example.org",))
    with smtp_server(handler) as server:
        conf = settings(server, to=to, cc=[])
        with pytest.raises(DeliveryError) as info:
            send(build_message(docx, SUMMARY, conf), conf, None)
    expected = f"{server}: recipient refused: nobody@example.org (550 5.1.1 No such user here)"
    assert str(info.value) == expected + ("; sent to 1 other(s)" if delivered else "")
    assert len(handler.envelopes) == delivered


def test_password_needs_tls_off_loopback(docx: Path) -> None:
    conf = settings("smtp.example.org:25", user="analyst")  # never connects
    with pytest.raises(UsageError, match="without TLS"):
        send(build_message(docx, SUMMARY, conf), conf, PASSWORD)


# --- the message and the .eml ------------------------------------------------------------------


def test_eml_is_a_draft_with_the_attachment_intact(docx: Path, tmp_path: Path) -> None:
    conf = settings(None)
    msg = build_message(docx, SUMMARY, conf)
    out = tmp_path / "out" / "brief.eml"
    write_eml(msg, out)
    draft = message_from_bytes(out.read_bytes(), policy=policy.default)
    assert draft["X-Unsent"] == "1" and msg["X-Unsent"] is None
    assert parts(draft)["files"]["Brief-ete-2026.docx"] == (DOCX_CT, docx.read_bytes())
    assert str(draft["Subject"]) == conf.subject
    assert sorted(p.name for p in out.parent.iterdir()) == ["brief.eml"]


def test_title_is_the_default_subject_and_empty_summary_renders(docx: Path) -> None:
    msg = build_message(docx, {"title": "Only a title"}, EmailSettings(to=["a@example.org"]))
    assert str(msg["Subject"]) == "Only a title" and msg["From"] is None
    got = parts(msg)
    assert "none in this summary" in got["text"] and "Only a title" in got["html"]


def test_passed_environment_supplies_the_templates(docx: Path) -> None:
    env = jinja2.Environment(
        loader=jinja2.DictLoader({
            "email.txt.j2": "{% for p in key_points %}* {{ p.text }}\n{% endfor %}",
            "email.html.j2": "<p>{{ title }}</p>",
        }),
        undefined=jinja2.StrictUndefined,
        finalize=lambda value: f"\\{value}",  # like the brief's Markdown escaping: not for email
    )  # fmt: skip
    got = parts(build_message(docx, SUMMARY, EmailSettings(), env=env))
    assert got["text"].startswith("* The US lifted its arms embargo on Nov. 6.\n* Ream")
    assert got["html"].strip() == "<p>US–Cambodia relations: arms embargo, Ream</p>"


@pytest.mark.parametrize(
    "bad",
    [
        {"subject": "Brief\r\nBcc: everyone@example.org"},
        {"to": ["ana@example.org\nBcc: x@example.org"]},
        {"to": ["not an address"]},
        {"sender": "a@b@c"},
    ],
)
def test_bad_headers_are_usage_errors(docx: Path, bad: dict[str, Any]) -> None:
    with pytest.raises(UsageError):
        build_message(docx, SUMMARY, settings(None, **bad))


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("Brief: été 2026?.docx", "Brief-ete-2026.docx"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\brief final.docx", "brief-final.docx"),
        ("..docx", "brief.docx"),
        ("简报.docx", "brief.docx"),
        ("extraction.json", "extraction.json"),
    ],
)
def test_safe_filename(name: str, safe: str) -> None:
    assert safe_filename(name) == safe


def test_load_summary_names_a_missing_or_broken_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="missing.docx: no such file"):
        load_summary(tmp_path / "missing.docx")
    text = tmp_path / "notes.docx"
    text.write_text("not a zip", encoding="utf-8")
    with pytest.raises(InputError, match="notes.docx: not a .docx"):
        load_summary(text)


def test_load_summary_without_properties_uses_core_title(docx: Path) -> None:
    with contextlib.suppress(ImportError):
        from briefer.render.docx import read_custom_properties  # type: ignore[attr-defined]

        if read_custom_properties(docx).get("briefer.summary"):
            pytest.fail("a plain python-docx file has no briefer.summary")
    assert load_summary(docx) == {
        "title": "Core title of the brief", "key_points": [], "sources": [],
    }  # fmt: skip


def test_summary_from_brief_counts_distinct_sources(docx: Path) -> None:
    where = [Location("s1", 0, 5), Location("s1", 9, 12), Location("s2", 0, 5)]
    fact = Fact("f1", "The US lifted its arms embargo.", where)
    brief = Brief(
        title="T", as_of="2026-02-05", handling="UNCLASSIFIED",
        key_points=[KeyPoint("embargo", fact)],
        sections=[Section(Theme("embargo", "Arms embargo"))],
        sources=[Source("s1", "seeds/000.txt", publisher="KPT English", url="https://kpt.example"),
                 Source("s2", "seeds/001.txt", authors=["Simon Lewis"], date="2025-11-06")],
    )  # fmt: skip
    summary = summary_from_brief(brief)
    assert summary["key_points"] == [
        {"theme": "Arms embargo", "text": "The US lifted its arms embargo.", "sources": 2}
    ]
    assert [s["label"] for s in summary["sources"]] == ["KPT English", "Simon Lewis"]
    assert json.loads(json.dumps(summary)) == summary
    text = parts(build_message(docx, summary, EmailSettings()))["text"]
    assert "The US lifted its arms embargo. (2 sources) [Arms embargo]" in text


def test_from_config() -> None:
    conf = EmailSettings.from_config(
        {"to": "a@example.org", "cc": ["b@example.org"], "from": "me@example.org",
         "smtp": "mail.example.org:587", "starttls": True, "user": "me",
         "password-env": "BRIEFER_SMTP_PASSWORD", "timeout": 5}
    )  # fmt: skip
    assert conf.to == ["a@example.org"] and conf.sender == "me@example.org"
    assert conf.security == "starttls" and conf.password_env == "BRIEFER_SMTP_PASSWORD"
    assert conf.timeout == 5.0
    for bad in ({"tls": True}, {"password": "x"}, {"starttls": True, "ssl": True}, {"to": 3}):
        with pytest.raises(UsageError):
            EmailSettings.from_config(bad)


@pytest.mark.parametrize(
    ("value", "security", "expected"),
    [
        ("smtp.example.org", "starttls", ("smtp.example.org", 587)),
        ("smtp.example.org", "ssl", ("smtp.example.org", 465)),
        ("127.0.0.1:2525", "none", ("127.0.0.1", 2525)),
        ("[::1]:25", "none", ("::1", 25)),
    ],
)
def test_parse_server(value: str, security: str, expected: tuple[str, int]) -> None:
    assert parse_server(value, security) == expected


def test_atomic_write_replaces_and_cleans_up(tmp_path: Path) -> None:
    target = tmp_path / "brief.eml"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new" and (target.stat().st_mode & 0o777) == 0o640
    folder = tmp_path / "a-folder"
    folder.mkdir()
    (folder / "inside").write_bytes(b"")
    with pytest.raises(OutputError, match="cannot write"):
        atomic_write(folder, b"data")  # os.replace onto a non-empty folder fails
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder", "brief.eml"]


# --- the command -------------------------------------------------------------------------------


def invoke(args: list[str], **kwargs: Any):
    return CliRunner().invoke(email_command, args, catch_exceptions=False, **kwargs)


def test_command_sends_and_writes_eml_with_prompted_password(docx: Path, tmp_path: Path, cert):
    handler = Sink()
    kwargs = {"tls_context": server_context(cert), "require_starttls": True}
    eml = tmp_path / "out" / "brief.eml"
    with smtp_server(handler, authenticator=check_password, **kwargs) as server:
        result = invoke(
            [str(docx), "--to", "ana@example.org", "--from", "me@example.org", "--eml", str(eml),
             "--smtp", server, "--starttls", "--smtp-cafile", str(cert[0]), "--user", "analyst"],
            input=PASSWORD + "\n",
        )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output
    assert f"Sent to ana@example.org via {server}" in result.stderr
    sent = handler.message()
    draft = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert draft["X-Unsent"] == "1" and draft["Message-ID"] == sent["Message-ID"]
    assert parts(sent)["files"] == parts(draft)["files"]


def test_command_auth_failure_exits_3_writes_eml_and_hides_password(docx: Path, tmp_path: Path):
    eml = tmp_path / "brief.eml"
    with smtp_server(Sink(), authenticator=check_password, auth_require_tls=False) as server:
        result = invoke(
            [str(docx), "--to", "ana@example.org", "--from", "me@example.org", "--eml", str(eml),
             "--smtp", server, "--user", "analyst", "--password-env", "BRIEFER_TEST_PW"],
            env={"BRIEFER_TEST_PW": WRONG},
        )  # fmt: skip
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        f"Wrote {eml} (not sent)",
        f"Error: {server}: authentication failed (535 5.7.8 Authentication credentials invalid)",
    ]
    assert WRONG not in result.output and WRONG not in eml.read_text(encoding="ascii")
    assert eml.is_file()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--smtp", "127.0.0.1:{port}", "--from", "me@example.org"], 3, "cannot connect"),
        ([], 1, "nothing to do"),
        (["--smtp", "127.0.0.1:1", "--starttls", "--ssl"], 1, "choose one of --starttls and --ssl"),
        (["--eml", "{tmp}/x.eml", "--user", "u", "--smtp", "h:1", "--password-env", "NOPE_UNSET"],
         1,
         "environment variable NOPE_UNSET is not set"),
    ],
)  # fmt: skip
def test_command_errors_are_one_line(docx: Path, tmp_path: Path, args, code: int, message: str):
    args = [a.format(port=free_port(), tmp=tmp_path) for a in args]
    env = {"NOPE_UNSET": None}
    result = invoke([str(docx), "--to", "ana@example.org", *args], env=env)
    assert result.exit_code == code
    assert not list(tmp_path.glob("*.eml"))
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
    assert message in result.stderr


def test_command_missing_docx_is_input_error(tmp_path: Path) -> None:
    result = invoke([str(tmp_path / "nope.docx"), "--eml", str(tmp_path / "x.eml")])
    assert result.exit_code == 2 and "nope.docx: no such file" in result.stderr


def test_email_options_decorate_build(docx: Path, tmp_path: Path) -> None:
    import click

    seen: dict[str, Any] = {}

    @click.command()
    @email_options
    def build(**options: Any) -> None:
        seen.update(options)

    args = ["--email-to", "a@example.org", "--email-cc", "b@example.org", "--eml", "x.eml",
            "--email-subject", "S", "--ssl", "--smtp", "h", "--user", "u"]  # fmt: skip
    assert CliRunner().invoke(build, args).exit_code == 0
    defaults = EmailSettings(sender="cfg@example.org", to=["cfg-to@example.org"], timeout=7.0)
    conf = settings_from_options(seen, defaults)
    assert conf.to == ["a@example.org"] and conf.cc == ["b@example.org"]
    assert conf.sender == "cfg@example.org" and conf.subject == "S"
    assert conf.security == "ssl" and conf.user == "u" and conf.timeout == 7.0
    assert os.fspath(seen["eml"]) == "x.eml"


# --- the .eml never replaces what briefer did not write ------------------------------------------


def test_eml_never_replaces_a_file_briefer_did_not_write(docx: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"my own notes\n")
    args = [str(docx), "--to", "ana@example.org", "--eml", str(notes)]
    result = invoke(args)
    assert result.exit_code != 0
    assert result.stderr.splitlines() == [
        f"Error: {notes}: exists and is not an .eml draft briefer wrote; use --force to replace it"]
    assert notes.read_bytes() == b"my own notes\n"
    assert invoke([*args, "--force"]).exit_code == 0
    assert message_from_bytes(notes.read_bytes(), policy=policy.default)["X-Unsent"] == "1"


def test_eml_replaces_its_own_draft_but_never_the_brief(docx: Path, tmp_path: Path) -> None:
    eml = tmp_path / "brief.eml"
    for _ in range(2):  # a rebuild replaces the draft it wrote before
        assert invoke([str(docx), "--to", "ana@example.org", "--eml", str(eml)]).exit_code == 0
    before = docx.read_bytes()
    result = invoke([str(docx), "--to", "ana@example.org", "--eml", str(docx), "--force"])
    assert result.exit_code != 0 and "is the brief being sent" in result.stderr
    assert docx.read_bytes() == before


def test_a_reply_holding_the_password_is_withheld_not_mangled(docx: Path) -> None:
    # the server's refusal ("... credentials invalid") holds this wrong password as a substring:
    # masking it would print "credentials ***" and tell the password; the reply is withheld instead
    with smtp_server(Sink(), authenticator=check_password, auth_require_tls=False) as server:
        result = invoke(
            [str(docx), "--to", "ana@example.org", "--from", "me@example.org", "--smtp", server,
             "--user", "analyst", "--password-env", "BRIEFER_TEST_PW"],
            env={"BRIEFER_TEST_PW": "invalid"},
        )  # fmt: skip
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        "Error: SMTP delivery failed: SMTPAuthenticationError (details withheld: they held the password)"]
