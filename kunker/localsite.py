"""Serve a folder of pages over HTTP on 127.0.0.1: the demo news site, and the crawl tests.

Files are served as they are; ``{{BASE_URL}}`` inside text files (feeds, sitemaps, pages) is
replaced by the server's own address so a saved site links to itself whatever port it gets.
Tests can override single paths with an error status, a slow answer, a redirect or raw bytes.
"""

from __future__ import annotations

import mimetypes
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote, urlsplit

BASE_URL_MARKER = b"{{BASE_URL}}"
TEXT_SUFFIXES = {".html", ".htm", ".xml", ".rss", ".atom", ".txt", ".json"}
STOP_POLL_SECONDS = 0.05


@dataclass(slots=True)
class Override:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


class LocalSite:
    """A threaded HTTP server over ``root`` on a random free port of 127.0.0.1."""

    def __init__(self, root: Path | str | None = None) -> None:
        self.root = Path(root) if root is not None else None
        self.overrides: dict[str, Override] = {}
        self.requests: list[str] = []
        self.timed_requests: list[tuple[float, str]] = []  # (monotonic time, path?query)
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> LocalSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site._handle(self)

            def do_HEAD(self) -> None:
                site._handle(self, head=True)

            def log_message(self, format: str, *args: object) -> None:  # quiet
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        # serve_forever notices a shutdown request once per poll interval: 0.5 s by default,
        # which every stop() (each crawl test, the end of `kunker demo`) would wait for
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": STOP_POLL_SECONDS}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> LocalSite:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("LocalSite is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + "/" + path.lstrip("/")

    # -- fault injection for tests -----------------------------------------------------------
    def set_status(self, path: str, status: int, body: bytes = b"") -> None:
        self.overrides[_norm(path)] = Override(status=status, body=body)

    def set_slow(self, path: str, seconds: float) -> None:
        self.overrides[_norm(path)] = Override(delay=seconds)

    def set_redirect(self, path: str, target: str, status: int = 302) -> None:
        self.overrides[_norm(path)] = Override(status=status, headers={"Location": target})

    def set_body(
        self, path: str, body: bytes, content_type: str = "text/html; charset=utf-8"
    ) -> None:
        self.overrides[_norm(path)] = Override(body=body, headers={"Content-Type": content_type})

    def requested(self, path: str) -> int:
        """How many times ``path`` (without query) was requested."""
        wanted = _norm(path)
        with self._lock:
            return sum(1 for p in self.requests if _norm(p) == wanted)

    # -- serving ---------------------------------------------------------------------------
    def _handle(self, handler: BaseHTTPRequestHandler, head: bool = False) -> None:
        path = unquote(urlsplit(handler.path).path)
        with self._lock:
            self.requests.append(path)
            self.timed_requests.append((time.monotonic(), handler.path))
        override = self.overrides.get(_norm(path))
        if override is not None and override.delay:
            time.sleep(override.delay)
            if override.status == 200 and not override.body:
                override = None  # slow, then serve the file normally
        if override is not None:
            self._send(handler, override.status, override.body, override.headers, head)
            return
        body, content_type = self._file(path)
        if body is None:
            self._send(handler, 404, b"not found", {"Content-Type": "text/plain"}, head)
            return
        self._send(handler, 200, body, {"Content-Type": content_type}, head)

    def _file(self, path: str) -> tuple[bytes | None, str]:
        if self.root is None:
            return None, ""
        candidate = (self.root / path.lstrip("/")).resolve()
        if not str(candidate).startswith(str(self.root.resolve())):
            return None, ""
        if candidate.is_dir():  # "/feed/" of a WordPress site is a feed, not a page
            index = [candidate / name for name in ("index.html", "index.xml")]
            candidate = next((c for c in index if c.is_file()), index[0])
        if not candidate.is_file():
            return None, ""
        body = candidate.read_bytes()
        # files without a suffix ("/feeds/posts/default" of Blogger) are text too
        if candidate.suffix in TEXT_SUFFIXES or not candidate.suffix:
            body = body.replace(BASE_URL_MARKER, self.base_url.encode())
        content_type = mimetypes.guess_type(candidate.name)[0] or (
            "application/xml" if not candidate.suffix and body.lstrip().startswith(b"<?xml")
            else "text/html" if not candidate.suffix else "application/octet-stream"
        )
        if content_type.startswith("text/") or content_type.endswith("xml"):
            content_type += "; charset=utf-8"
        return body, content_type

    @staticmethod
    def _send(
        handler: BaseHTTPRequestHandler,
        status: int,
        body: bytes,
        headers: dict[str, str],
        head: bool,
    ) -> None:
        try:
            handler.send_response(status)
            for key, value in headers.items():
                handler.send_header(key, value)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            if not head:
                handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout tests); nothing to do


def _norm(path: str) -> str:
    return "/" + urlsplit(path).path.lstrip("/")
