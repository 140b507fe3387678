"""A quiet threaded static server for the benchmarks: ``python -m benchmarks.serve ROOT``.

Prints its base URL on the first line of stdout, serves ROOT, and answers ``/_count`` with
the number of article pages (``/berita/...``) served so far. Bound to 127.0.0.1 only.
"""

from __future__ import annotations

import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

SERVED = [0]
LOCK = threading.Lock()


class Handler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real server

    def do_GET(self) -> None:
        if self.path == "/_count":
            body = str(SERVED[0]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if self.path.startswith("/berita/"):
            with LOCK:
                SERVED[0] += 1
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:  # quiet
        return


def main() -> None:
    handler = partial(Handler, directory=sys.argv[1])
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    host, port = server.server_address[:2]
    print(f"http://{host}:{port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
