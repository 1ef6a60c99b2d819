"""A real HTTP server on 127.0.0.1 with the behaviours the link checker must handle."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HUGE = 50 * 1024 * 1024


class Handler(BaseHTTPRequestHandler):
    counts: Counter[str] = Counter()
    body_bytes: Counter[str] = Counter()
    private_target = ""
    """Where /to-private redirects: an address the test calls private."""

    def log_message(self, format: str, *args: object) -> None:
        del format, args

    def _send(self, code: int, headers: dict[str, str] | None = None, body: bytes = b"") -> None:
        self.send_response(code)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET" and body:
            self.wfile.write(body)

    def _route(self) -> None:
        path = self.path.split("?")[0]
        Handler.counts[path] += 1
        seen = Handler.counts[path]
        if path == "/ok":
            self._send(200, body=b"ok")
        elif path == "/missing":
            self._send(404)
        elif path == "/flaky":
            self._send(500 if seen == 1 else 200)
        elif path == "/always500":
            self._send(500)
        elif path == "/rate":
            self._send(429, {"Retry-After": "0"}) if seen == 1 else self._send(200)
        elif path == "/slow":
            time.sleep(3)
            self._send(200)
        elif path in ("/old", "/older"):
            self._send(301, {"Location": "/older" if path == "/old" else "/ok"})
        elif path == "/temp":
            self._send(302, {"Location": "/ok"})
        elif path in ("/loop-a", "/loop-b"):
            self._send(301, {"Location": "/loop-b" if path == "/loop-a" else "/loop-a"})
        elif path == "/drip-headers":  # a header byte every 0.2 s: each read is quick
            self._drip(b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 10_000)
        elif path == "/drip-body":
            if self.command == "HEAD":
                self._send(405)
                return
            self._drip(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + b"x" * 100_000,
                       start=40)  # fmt: skip
        elif path == "/continue":  # 100 Continue, forever
            self._drip(b"HTTP/1.1 100 Continue\r\n\r\n" * 10_000, chunk=26)
        elif path in ("/rate-long", "/rate-other"):
            self._send(429, {"Retry-After": "3600"})
        elif path == "/rate-odd":
            self._send(429, {"Retry-After": "\u00b2"})  # a digit to str.isdigit, not to float
        elif path == "/bad-location":
            self._send(302, {"Location": "http://[oops/x"})
        elif path == "/to-private":
            self._send(302, {"Location": Handler.private_target})
        elif path == "/private-ok":
            self._send(200)
        elif path == "/huge":
            if self.command == "HEAD":
                self._send(405)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(HUGE))
            self.end_headers()
            chunk = b"x" * 65536
            try:
                for _ in range(HUGE // len(chunk)):
                    self.wfile.write(chunk)
                    Handler.body_bytes[path] += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        else:
            self._send(404)

    def _drip(self, data: bytes, start: int = 0, chunk: int = 1) -> None:
        """Send ``data`` slowly: ``start`` bytes at once, then ``chunk`` bytes every 0.2 s."""
        try:
            self.wfile.write(data[:start])
            for offset in range(start, len(data), chunk):
                self.wfile.write(data[offset : offset + chunk])
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass  # the client gave up, as it should
        self.close_connection = True

    def do_HEAD(self) -> None:
        self._route()

    def do_GET(self) -> None:
        self._route()


@contextmanager
def serve(host: str = "127.0.0.1", clear: bool = True) -> Iterator[str]:
    if clear:
        Handler.counts.clear()
        Handler.body_bytes.clear()
    server = ThreadingHTTPServer((host, 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
