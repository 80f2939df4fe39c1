"""A small closed-loop HTTP/1.1 load generator on asyncio, for ``make bench``.

Why not locust for the benchmark: on a 2-core machine the load generator shares the CPU with gunicorn
and PostgreSQL. Locust (gevent, requests, per-request event hooks and statistics) spends a large part
of a core per thousand requests, so the numbers would partly measure locust. This client is one
asyncio loop with a fixed number of keep-alive connections, each sending the next request as soon as
the previous answer is read (closed loop), raw HTTP/1.1 over asyncio streams and a timestamp pair per
request: its cost per request is a few tens of microseconds, next to milliseconds for Django.

It only talks to loopback addresses (``check_loopback``), never follows redirects and treats every
answer other than the expected status as an error.
"""

import asyncio
import contextlib
import ipaddress
import math
import re
import socket
import statistics
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

# The portal runs with production settings (HTTPS-only cookies, SSL redirect) behind a TLS-terminating
# proxy; on loopback the harness plays that proxy's part by sending the header the proxy would send.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def check_loopback(host: str) -> None:
    """Refuse anything but a loopback address: the harness must never load another machine."""
    for info in socket.getaddrinfo(host, None):
        if not ipaddress.ip_address(info[4][0]).is_loopback:
            raise ValueError(f"{host} is not a loopback address; the load harness only runs against 127.0.0.1.")


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)

    def cookies(self) -> dict[str, str]:
        jar = {}
        for key, value in self.headers:
            if key.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                cookie_name, _, cookie_value = pair.partition("=")
                jar[cookie_name.strip()] = cookie_value.strip()
        return jar


class Connection:
    """One keep-alive HTTP/1.1 connection; reconnects when the server closes it."""

    def __init__(self, host: str, port: int, timeout: float = 10.0):
        self.host, self.port, self.timeout = host, port, timeout
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _connect(self):
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        sock = self.writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    async def close(self):
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def request(
        self, method: str, path: str, cookies: dict[str, str] | None = None, body: bytes = b"", extra=None
    ) -> Response:
        headers = {"Host": f"{self.host}:{self.port}", "Connection": "keep-alive", **PROXY_HEADERS}
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        if body or method == "POST":
            headers["Content-Length"] = str(len(body))
        headers.update(extra or {})
        head = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
        for attempt in (1, 2):
            if self.writer is None:
                await self._connect()
            try:
                self.writer.write(head.encode("latin-1") + body)
                return await asyncio.wait_for(self._read_response(), self.timeout)
            except (ConnectionError, asyncio.IncompleteReadError):
                await self.close()  # the server closed an idle keep-alive connection: retry once
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _read_response(self) -> Response:
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = [(k.strip(), v.strip()) for k, _, v in (line.partition(":") for line in lines[1:] if line)]
        response = Response(status, headers, b"")
        length = response.header("Content-Length")
        if length is not None:
            response.body = await self.reader.readexactly(int(length))
        elif (response.header("Transfer-Encoding") or "").lower() == "chunked":
            chunks = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                chunks.append(chunk[:-2])
            response.body = b"".join(chunks)
        elif status not in (204, 304):
            response.body = await self.reader.read()
            await self.close()
        if (response.header("Connection") or "").lower() == "close":
            await self.close()
        return response


async def login(host: str, port: int, email: str, password: str) -> dict[str, str]:
    """Log in through the real form (GET for the CSRF token, POST the credentials); return the cookies."""
    conn = Connection(host, port)
    try:
        form = await conn.request("GET", "/account/login/")
        cookies = form.cookies()
        match = CSRF_INPUT.search(form.body)
        if form.status != 200 or match is None:
            raise RuntimeError(f"login form did not answer as expected (status {form.status})")
        body = urlencode(
            {"csrfmiddlewaretoken": match.group(1).decode(), "username": email, "password": password, "next": "/"}
        ).encode()
        answer = await conn.request(
            "POST",
            "/account/login/",
            cookies,
            body,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"https://{host}:{port}/account/login/",
            },
        )
        if answer.status != 302:
            raise RuntimeError(f"login of {email} failed (status {answer.status})")
        cookies.update(answer.cookies())
        return cookies
    finally:
        await conn.close()


@dataclass
class Result:
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)  # seconds, successful and failed requests alike
    statuses: dict[int, int] = field(default_factory=dict)

    def add(self, other: "Result") -> None:
        """Fold another measurement of the same page into this one (rounds of a benchmark)."""
        self.requests += other.requests
        self.errors += other.errors
        self.seconds += other.seconds
        self.latencies.extend(other.latencies)
        for status, count in other.statuses.items():
            self.statuses[status] = self.statuses.get(status, 0) + count

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        """The q-th percentile in milliseconds (nearest rank on the sorted latencies)."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        rank = max(0, min(len(ordered) - 1, math.ceil(q / 100 * len(ordered)) - 1))
        return ordered[rank] * 1000

    @property
    def mean_ms(self) -> float:
        return statistics.fmean(self.latencies) * 1000 if self.latencies else float("nan")


async def hammer(
    host: str,
    port: int,
    path: str,
    sessions: list[tuple[dict[str, str], dict[str, str]]],
    *,
    concurrency: int,
    duration: float,
    expected_status: int = 200,
) -> Result:
    """Keep ``concurrency`` connections busy on ``path`` for ``duration`` seconds; connection i sends the cookies
    and headers of ``sessions[i % len(sessions)]`` (empty ones: an anonymous visitor)."""
    result = Result()
    start = time.perf_counter()
    deadline = start + duration

    async def worker(index: int):
        conn = Connection(host, port)
        cookies, headers = sessions[index % len(sessions)] if sessions else ({}, {})
        try:
            while time.perf_counter() < deadline:
                sent = time.perf_counter()
                try:
                    response = await conn.request("GET", path, cookies, extra=headers)
                    status = response.status
                except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
                    status = 0
                    await conn.close()
                result.latencies.append(time.perf_counter() - sent)
                result.requests += 1
                result.statuses[status] = result.statuses.get(status, 0) + 1
                if status != expected_status:
                    result.errors += 1
        finally:
            await conn.close()

    await asyncio.gather(*(worker(i) for i in range(concurrency)))
    result.seconds = time.perf_counter() - start
    return result
