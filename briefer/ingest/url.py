"""`http(s)://` sources: fetched once with a timeout and a size cap, then read by the reader for
their content type (or the URL's suffix). Only http and https are followed, redirects included."""

from __future__ import annotations

import re
import socket
import urllib.error
import urllib.request
from email.message import Message
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from briefer.errors import InputError

TIMEOUT = 20.0
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
    try:
        with _opener().open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise InputError(f"{url}: {int(declared):,} bytes is over the {max_bytes:,}-byte limit "
                                 "(--max-input)")
            body = response.read(max_bytes + 1)
            headers, final = response.headers, response.geturl()
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise InputError(f"{url}: cannot fetch ({_reason(exc.reason)}); check the address and that "
                         "this machine is online") from None
    except TimeoutError:
        raise InputError(f"{url}: no answer within {timeout:g} seconds") from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{url}: cannot fetch ({exc})") from None
    if len(body) > max_bytes:
        raise InputError(f"{url}: over the {max_bytes:,}-byte limit (--max-input)")
    return body, suffix_for(final, headers), headers.get_content_charset(), final


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


def _opener() -> urllib.request.OpenerDirector:
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), urllib.request.HTTPHandler(),
                    urllib.request.HTTPSHandler(), urllib.request.HTTPRedirectHandler(),
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
