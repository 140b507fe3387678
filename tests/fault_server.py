"""A fault-injecting HTTP server on 127.0.0.1 for the reliability tests (a thread in the test
process): each path is a small function that misbehaves the way real servers do (resets the
connection mid-body, drips a byte a second, answers 429 with Retry-After, bursts of 5xx,
a gzip bomb, a page without end). Pages are written here, not copied from any outlet."""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

Handler = Callable[[BaseHTTPRequestHandler], None]

VISIT = ("Komisi {n} DPRD Kota Padang melakukan kunjungan kerja ke DPRD Provinsi Bali di "
         "Denpasar pada Kamis (25/9/2025). Rombongan dipimpin Ketua Komisi {n} dan diterima "
         "Sekretaris DPRD Provinsi Bali. Kunjungan membahas pengelolaan pasar rakyat, retribusi "
         "daerah dan kebersihan lingkungan pasar.")


def article_html(n: int | str, extra: str = "") -> str:
    """A plain news page with a visit in its body, readable by the generic extractor."""
    paragraphs = "".join(f"<p>{VISIT.format(n=n)} Paragraf {i}.</p>" for i in range(4))
    return (f"<html><head><meta charset='utf-8'><title>Kunjungan Komisi {n} DPRD Kota Padang"
            f"</title><meta property='article:published_time' content='2025-09-25T10:00:00+07:00'>"
            f"</head><body><article><h1>Kunjungan Komisi {n} DPRD Kota Padang</h1>{paragraphs}"
            f"{extra}</article></body></html>")


def rss(links: list[str], published: str = "Thu, 25 Sep 2025 10:00:00 +0700") -> bytes:
    items = "".join(f"<item><title>t</title><link>{link}</link><pubDate>{published}</pubDate>"
                    "</item>" for link in links)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>f"
            f"</title>{items}</channel></rss>").encode()


def gzip_bomb(expanded: int = 200 * 1024 * 1024) -> bytes:
    """``expanded`` bytes of zeros, gzipped to a few hundred KB."""
    chunk = b"\0" * (1024 * 1024)
    out = gzip.compress(chunk * (expanded // len(chunk)), compresslevel=9)
    return out


class FaultServer:
    """``server.route(path, handler)``; ``server.url(path)``; ``server.hits[path]``."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.hits: Counter[str] = Counter()
        self.times: dict[str, list[float]] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    def __enter__(self) -> FaultServer:
        server = self

        class Request(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                with server._lock:
                    server.hits[path] += 1
                    server.times.setdefault(path, []).append(time.monotonic())
                handler = server.routes.get(path)
                try:
                    if handler is None:
                        send(self, 404, b"not found", "text/plain")
                    else:
                        handler(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the crawler gave up on a page: what these faults are for

            def log_message(self, format: str, *args: object) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Request)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()  # stops in 0.05 s, not 0.5 s
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def route(self, path: str, handler: Handler) -> None:
        self.routes[path] = handler


def send(request: BaseHTTPRequestHandler, status: int, body: bytes,
         content_type: str = "text/html; charset=utf-8",
         headers: dict[str, str] | None = None) -> None:
    request.send_response(status)
    request.send_header("Content-Type", content_type)
    request.send_header("Content-Length", str(len(body)))
    for key, value in (headers or {}).items():
        request.send_header(key, value)
    request.end_headers()
    request.wfile.write(body)


# -- handlers -------------------------------------------------------------------------------

def page(body: bytes | str, content_type: str = "text/html; charset=utf-8") -> Handler:
    data = body.encode() if isinstance(body, str) else body
    return lambda request: send(request, 200, data, content_type)


def status(code: int, headers: dict[str, str] | None = None) -> Handler:
    return lambda request: send(request, code, b"<html><body>error</body></html>",
                                headers=headers)


def failing_first(times: int, code: int, then: Handler,
                  headers: dict[str, str] | None = None) -> Handler:
    """``code`` for the first ``times`` requests, then ``then``: a burst of 5xx, a 429."""
    count = [0]
    lock = threading.Lock()

    def handle(request: BaseHTTPRequestHandler) -> None:
        with lock:
            count[0] += 1
            failing = count[0] <= times
        if failing:
            status(code, headers)(request)
        else:
            then(request)

    return handle


def reset_mid_body(body: str) -> Handler:
    """Promise the whole page, send a third of it, then reset the connection (RST)."""
    data = body.encode()

    def handle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html; charset=utf-8")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data[: len(data) // 3])
        request.wfile.flush()
        request.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                      struct.pack("ii", 1, 0))
        request.connection.close()
        request.close_connection = True

    return handle


def drip(seconds: float) -> Handler:
    """Headers at once, then one byte a second (for at most ``seconds``)."""

    def handle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html; charset=utf-8")
        request.send_header("Content-Length", "100000")
        request.end_headers()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            request.wfile.write(b"<")
            request.wfile.flush()
            time.sleep(1)

    return handle


def silent(seconds: float) -> Handler:
    """No answer at all for ``seconds`` (a hung server), then a page nobody waits for."""

    def handle(request: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        send(request, 200, b"<html>late</html>")

    return handle


def endless(total: int, chunk: int = 64 * 1024) -> Handler:
    """``total`` bytes of HTML with no Content-Length (read until close): a 50 MB page."""
    piece = (b"<p>DPRD kunjungan kerja " + b"x" * (chunk - 32) + b"</p>\n")[:chunk]

    def handle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html; charset=utf-8")
        request.end_headers()
        request.wfile.write(b"<html><body><article><h1>Besar</h1>")
        for _ in range(total // chunk):
            request.wfile.write(piece)

    return handle


def gzipped(data: bytes) -> Handler:
    return lambda request: send(request, 200, data, headers={"Content-Encoding": "gzip"})


def redirect_to(target: str) -> Handler:
    def handle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(302)
        request.send_header("Location", target)
        request.send_header("Content-Length", "0")
        request.end_headers()

    return handle
