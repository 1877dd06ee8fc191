"""`http(s)://` sources: fetched once with a timeout and a size cap, then read by the reader for
their content type (or the URL's suffix). Only http and https are followed, redirects included.

Every connection (the address given and each redirect) is opened to an address checked first:
a redirect may lead to a loopback, private, link-local or otherwise non-public address only if
it is one the address given resolved to (the user chose that host; a page cannot choose another
inside the network). The check is on the resolved address actually connected to, so a host name
that resolves differently on the second look (DNS rebinding) gains nothing. Through a proxy,
each redirect's host name is resolved and checked instead. The whole fetch, redirects included,
has a total deadline of DEADLINE_FACTOR times the per-read timeout.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import urllib.error
import urllib.request
from email.message import Message
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from briefer.deadline import Deadline
from briefer.errors import InputError

TIMEOUT = 20.0  # seconds for each connect and read
DEADLINE_FACTOR = 3  # the whole fetch, redirects included: 60 s by default
USER_AGENT = "briefer (+https://pypi.org/project/briefer/)"
CONTENT_TYPES = {
    "text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt",
    "text/markdown": ".md", "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}


def is_url(value: object) -> bool:
    """True for an `http://` or `https://` address."""
    return isinstance(value, str) and re.match(r"https?://[^\s/]+", value, re.I) is not None


def fetch(url: str, max_bytes: int, timeout: float = TIMEOUT) -> tuple[bytes, str, str | None, str]:
    """Download `url`; return (body, suffix for the reader, charset or None, final URL).

    Raises InputError with a one-line reason when offline, on HTTP errors, on a timeout and when
    the body is larger than `max_bytes`.
    """
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    guard = _Guard()
    try:
        with Deadline(timeout * DEADLINE_FACTOR) as deadline:
            guard.deadline = deadline
            with _opener(guard).open(request, timeout=timeout) as response:
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise InputError(f"{url}: {int(declared):,} bytes is over the {max_bytes:,}-byte "
                                     "limit (--max-input)")
                body = response.read(max_bytes + 1)
                headers, final = response.headers, response.geturl()
    except InputError:
        raise
    except _Refused as exc:
        raise InputError(f"{url}: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - whatever the socket or parser raised
        raise _fetch_error(url, exc, timeout, guard.deadline) from None
    if guard.deadline is not None and guard.deadline.expired:  # cut short: the body is incomplete
        raise InputError(f"{url}: no complete answer within {timeout * DEADLINE_FACTOR:g} seconds")
    if len(body) > max_bytes:
        raise InputError(f"{url}: over the {max_bytes:,}-byte limit (--max-input)")
    return body, suffix_for(final, headers), headers.get_content_charset(), final


def _fetch_error(url: str, exc: Exception, timeout: float, deadline: Deadline | None) -> InputError:
    """One line for a failed fetch."""
    if deadline is not None and deadline.expired:
        return InputError(f"{url}: no complete answer within {timeout * DEADLINE_FACTOR:g} seconds")
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else None
    if isinstance(reason, _Refused):
        return InputError(f"{url}: {reason}")
    if isinstance(exc, urllib.error.HTTPError):
        return InputError(f"{url}: the server answered {exc.code} {exc.reason}")
    if isinstance(exc, urllib.error.URLError):
        return InputError(f"{url}: cannot fetch ({_reason(exc.reason)}); check the address and that "
                          "this machine is online")
    if isinstance(exc, TimeoutError):
        return InputError(f"{url}: no answer within {timeout:g} seconds")
    return InputError(f"{url}: cannot fetch ({exc})")


class _Refused(OSError):
    """A connection briefer will not open (a redirect into the local network)."""


def public(address: str) -> bool:
    """True for a global unicast address (IPv4-mapped IPv6 judged as its IPv4 address)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class _Guard:
    """What one fetch may connect to: the addresses the given URL resolved to, then public ones."""

    def __init__(self) -> None:
        self.named: set[str] | None = None
        self.deadline: Deadline | None = None

    def resolve(self, host: str, port: int) -> list[tuple[Any, ...]]:
        """getaddrinfo for `host`, refusing it if any address may not be reached."""
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        addresses = {str(info[4][0]) for info in infos}
        if self.named is None:
            self.named = addresses
        else:
            bad = sorted(a for a in addresses if a not in self.named and not public(a))
            if bad:
                raise _Refused(f"redirected to {host} ({bad[0]}), a loopback, private or link-local "
                               "address; not followed")
        return infos

    def connect(self, address: tuple[str, int], timeout: float | None = None,
                source: tuple[str, int] | None = None) -> socket.socket:
        """socket.create_connection to the checked addresses only (never a second lookup)."""
        error: OSError | None = None
        for family, kind, proto, _, sockaddr in self.resolve(*address):
            sock = socket.socket(family, kind, proto)
            try:
                if timeout is not None:
                    sock.settimeout(timeout)
                if source:
                    sock.bind(source)
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                sock.close()
                error = exc
        raise error or OSError(f"cannot resolve {address[0]}")


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Through a proxy the connection goes to the proxy: check each redirect's host by name."""

    def __init__(self, guard: _Guard) -> None:
        self.guard = guard

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> Any:
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and req.has_proxy():
            parts = urlsplit(new.full_url)
            self.guard.resolve(parts.hostname or "", parts.port or 80)
        return new


def _guarded(base: type[http.client.HTTPConnection], guard: _Guard,
             direct: bool) -> type[http.client.HTTPConnection]:
    class Connection(base):  # type: ignore[valid-type,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            if direct:  # through a proxy the socket goes to the proxy the user configured
                self._create_connection = guard.connect
            self._kept: socket.socket | None = None
            if guard.deadline is not None:  # urllib drops .sock once the headers are read
                guard.deadline.watch(lambda: self.sock if self.sock is not None else self._kept)

        def connect(self) -> None:
            super().connect()
            self._kept = self.sock

    return Connection


class _HTTP(urllib.request.HTTPHandler):
    def __init__(self, guard: _Guard) -> None:
        super().__init__()
        self.guard = guard

    def http_open(self, req: Any) -> Any:
        return self.do_open(_guarded(http.client.HTTPConnection, self.guard, not req.has_proxy()), req)


class _HTTPS(urllib.request.HTTPSHandler):
    def __init__(self, guard: _Guard) -> None:
        super().__init__()
        self.guard = guard

    def https_open(self, req: Any) -> Any:
        return self.do_open(_guarded(http.client.HTTPSConnection, self.guard, not req.has_proxy()), req,
                            context=self._context)


def suffix_for(url: str, headers: Message) -> str:
    """The reader suffix for a response: its content type, else the URL path's suffix, else HTML."""
    kind = headers.get_content_type()
    if kind in CONTENT_TYPES:
        return CONTENT_TYPES[kind]
    suffix = PurePosixPath(urlsplit(url).path).suffix.lower()
    return suffix or ".html"


def url_name(url: str) -> str:
    """A file-like name for a URL (its last path segment, else its host), for source ids."""
    parts = urlsplit(url)
    last = PurePosixPath(parts.path).name
    return last or parts.hostname or "page"


def _opener(guard: _Guard) -> urllib.request.OpenerDirector:
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), _HTTP(guard), _HTTPS(guard), _Redirects(guard),
                    urllib.request.HTTPDefaultErrorHandler(), urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


def _reason(reason: object) -> str:
    if isinstance(reason, socket.gaierror):
        return "host not found"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, TimeoutError):
        return "timed out"
    return str(getattr(reason, "strerror", None) or reason)
