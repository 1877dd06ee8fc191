"""URL sources and SMTP against real servers on 127.0.0.1: redirects never lead into the local
network, and a server that trickles its answer meets a total deadline, not a per-read timeout."""

from __future__ import annotations

import contextlib
import http.server
import socket
import threading
import time
from collections.abc import Iterator
from email.message import EmailMessage

import pytest

from briefer.errors import DeliveryError, InputError
from briefer.ingest.url import DEADLINE_FACTOR, fetch, public

PAGE = b"<html><body><p>The minister said on Thursday that the bridge would cost 3 million dollars.</p></body></html>"


@contextlib.contextmanager
def http_server(host: str, routes: dict[str, tuple[int, bytes]], hits: list[str]) -> Iterator[str]:
    """A server on `host` answering each path with (status, body); a 3xx body is the Location."""
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            hits.append(f"{host}{self.path}")
            status, body = routes.get(self.path, (404, b""))
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", body.decode())
                self.end_headers()
                return
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer((host, 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize("target", ["http://127.0.0.2:{port}/admin", "http://169.254.169.254/latest/meta-data/",
                                    "http://10.0.0.1/", "http://[::ffff:127.0.0.2]:{port}/admin",
                                    "http://[::1]:{port}/admin"])
def test_redirect_into_the_local_network_is_not_followed(target: str) -> None:
    hits: list[str] = []
    with http_server("127.0.0.2", {"/admin": (200, PAGE)}, hits) as inner:
        port = inner.rsplit(":", 1)[1]
        with http_server("127.0.0.1", {"/page": (302, target.format(port=port).encode())}, hits) as outer:
            start = time.monotonic()
            with pytest.raises(InputError, match="a loopback, private or link-local address; not followed"):
                fetch(f"{outer}/page", max_bytes=100_000, timeout=2)
            assert time.monotonic() - start < 2  # refused before any connection is tried
    assert hits == ["127.0.0.1/page"]  # the internal page was never asked for


def test_redirect_on_the_host_given_is_followed() -> None:
    hits: list[str] = []
    with http_server("127.0.0.1", {"/old": (301, b"/new"), "/new": (200, PAGE)}, hits) as server:
        body, suffix, _, final = fetch(f"{server}/old", max_bytes=100_000)
    assert body == PAGE and suffix == ".html" and final == f"{server}/new"


def test_public_addresses() -> None:
    assert public("93.184.216.34") and public("2606:2800:220:1::1")
    assert not any(public(a) for a in ("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                                       "0.0.0.0", "::1", "fe80::1", "fc00::1", "::ffff:10.0.0.1", "100.64.0.1",
                                       "224.0.0.1"))


@contextlib.contextmanager
def trickle_server(first: bytes, drip: bytes, every: float, count: int) -> Iterator[int]:
    """A TCP server that sends `first`, then `drip` every `every` seconds, `count` times."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    stop = threading.Event()

    def serve() -> None:
        with contextlib.suppress(OSError):
            conn, _ = listener.accept()
            with conn:
                conn.sendall(first)
                for _ in range(count):
                    if stop.wait(every):
                        return
                    conn.sendall(drip)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        listener.close()
        thread.join(5)


def test_http_trickle_meets_the_total_deadline() -> None:
    """One byte every 0.2 s never trips a 0.5 s read timeout; the whole fetch stops at 1.5 s."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"
    with trickle_server(head, b"x", 0.2, 50) as port:
        start = time.monotonic()
        with pytest.raises(InputError, match=f"no complete answer within {0.5 * DEADLINE_FACTOR:g} seconds"):
            fetch(f"http://127.0.0.1:{port}/slow", max_bytes=100_000, timeout=0.5)
        assert time.monotonic() - start < 3


def test_http_headers_trickle_meets_the_total_deadline() -> None:
    with trickle_server(b"HTTP/1.1 200 OK\r\n", b"X-Pad: y\r\n", 0.2, 50) as port:
        start = time.monotonic()
        with pytest.raises(InputError, match="no complete answer within"):
            fetch(f"http://127.0.0.1:{port}/slow", max_bytes=100_000, timeout=0.5)
        assert time.monotonic() - start < 3


def test_smtp_trickle_meets_the_total_deadline() -> None:
    from briefer.mail import DEADLINE_FACTOR as SMTP_FACTOR
    from briefer.mail import EmailSettings, send

    msg = EmailMessage()
    msg["Subject"] = "Brief"
    msg.set_content("Attached.")
    with trickle_server(b"220-", b"x", 0.2, 60) as port:  # a banner line that never ends
        opts = EmailSettings(to=["ana@example.org"], sender="jo@example.org", smtp=f"127.0.0.1:{port}",
                             timeout=0.5)
        start = time.monotonic()
        with pytest.raises(DeliveryError, match=f"no complete answer within {0.5 * SMTP_FACTOR:g} seconds"):
            send(msg, opts, None)
        assert time.monotonic() - start < 4
