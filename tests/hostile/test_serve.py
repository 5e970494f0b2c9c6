"""A hostile browser against ``face-of-another serve``: the real server in a subprocess on
127.0.0.1, attacked with aiohttp's client, by class: requests that are not the page's
(Host, Origin, no upgrade), malformed and oversized messages, screens too big, floods of
input, too many sessions, connections that vanish. After each attack the log has no
traceback, the attacker's game process is gone, and a fresh player is still served.

Every wait has a timeout; the server (and any game left) is always killed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest

from tests.paths import STARTER

MAX_SESSIONS = 2
INPUT_RATE = 4096
MAX_MESSAGE = 64 * 1024
STEP = 15.0  # seconds any single step may take
CLOSED = (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSING, aiohttp.WSMsgType.CLOSED)


pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def children(pid: int) -> dict[int, int]:
    """The processes whose parent is ``pid``, with their resident memory in MiB (from
    /proc, no psutil)."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[1]) != pid:
                continue
            rss = 0
            for line in Path(f"/proc/{entry}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1]) // 1024
            found[int(entry)] = rss
        except (OSError, IndexError, ValueError):
            continue
    return found


@dataclass
class Served:
    """A running server: its port, process and log."""

    port: int
    proc: subprocess.Popen[bytes]
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def origin(self) -> dict[str, str]:
        return {"Origin": self.base}

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def games(self) -> dict[int, int]:
        return children(self.proc.pid)

    async def no_games(self, timeout: float = 8.0) -> None:
        """Wait until no game process is left (each attack ends its own)."""
        deadline = time.monotonic() + timeout
        while self.games():
            assert time.monotonic() < deadline, f"games left: {self.games()}\n{self.text()}"
            await asyncio.sleep(0.1)

    def clean(self) -> None:
        assert self.proc.poll() is None, self.text()
        assert "Traceback" not in self.text(), self.text()


def start(tmp: Path, *options: str, open_files: int | None = None) -> Served:
    """The server on a free loopback port; ``open_files`` caps its file descriptors."""
    port = free_port()
    log = tmp / "server.log"

    def cap() -> None:
        if open_files is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, open_files))

    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "game", "serve", "--host", "127.0.0.1", "--port", str(port),
             "--story", str(STARTER), "--saves", str(tmp / "saves"), *options],
            stdout=out, stderr=subprocess.STDOUT, preexec_fn=cap)
    served = Served(port, proc, log)
    deadline = time.monotonic() + STEP
    while True:
        assert proc.poll() is None, served.text()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return served
        except OSError:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)


def stop(served: Served) -> None:
    left = served.games()
    served.proc.send_signal(signal.SIGTERM)
    try:
        served.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        served.proc.kill()
        served.proc.wait(timeout=10)
    for pid in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One server for the module, with small bounds so the attacks are quick."""
    served = start(tmp_path_factory.mktemp("serve"), "--max-sessions", str(MAX_SESSIONS),
                   "--input-rate", str(INPUT_RATE), "--max-message", str(MAX_MESSAGE))
    try:
        yield served
    finally:
        stop(served)


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=STEP)) as session:
        yield session


async def connect(http: aiohttp.ClientSession, served: Served, query: str = "",
                  **headers: str) -> aiohttp.ClientWebSocketResponse:
    return await http.ws_connect(f"{served.base}/ws{query}",
                                 headers={**served.origin, **headers},
                                 timeout=aiohttp.ClientWSTimeout(ws_close=STEP))


async def first_screen(ws: aiohttp.ClientWebSocketResponse) -> bytes:
    """Output until the title screen shows (or the socket closes)."""
    seen = b""
    deadline = time.monotonic() + STEP
    while b"New game" not in seen and time.monotonic() < deadline:
        msg = await ws.receive(timeout=STEP)
        if msg.type in CLOSED:
            break
        if msg.type == aiohttp.WSMsgType.BINARY:
            seen += msg.data
    return seen


async def until_closed(ws: aiohttp.ClientWebSocketResponse) -> int | None:
    """Read until the server closes; its close code."""
    deadline = time.monotonic() + STEP
    while time.monotonic() < deadline:
        msg = await ws.receive(timeout=STEP)
        if msg.type in CLOSED or msg.type == aiohttp.WSMsgType.ERROR:
            return ws.close_code
    raise AssertionError("the server did not close the websocket")


async def still_serves(http: aiohttp.ClientSession, served: Served) -> None:
    """A fresh player gets the title screen, then leaves."""
    ws = await connect(http, served)
    try:
        assert b"New game" in await first_screen(ws)
    finally:
        await ws.close()
    await served.no_games()
    served.clean()


# ------------------------------------------------------------------ requests not from the page

UPGRADE = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
           "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}


@pytest.mark.parametrize(("path", "headers", "status"), [
    pytest.param("/ws", {}, 400, id="plain-get-on-ws"),
    pytest.param("/ws", {"Origin": "{base}"}, 400, id="plain-get-on-ws-with-origin"),
    pytest.param("/ws", {**UPGRADE, "Origin": "http://evil.example"}, 403, id="foreign-origin"),
    pytest.param("/ws", UPGRADE, 403, id="no-origin"),
    pytest.param("/ws", {**UPGRADE, "Origin": "null"}, 403, id="null-origin"),
    pytest.param("/ws", {**UPGRADE, "Origin": "https://127.0.0.1:{port}"}, 403,
                 id="other-scheme"),
    pytest.param("/ws", {**UPGRADE, "Origin": "http://127.0.0.1:{port}.evil.example"}, 403,
                 id="origin-suffix"),
    pytest.param("/ws", {**UPGRADE, "Origin": "http://evil.example:{port}",
                         "Host": "evil.example:{port}"}, 400, id="rebinding"),
    pytest.param("/", {"Host": "evil.example:{port}"}, 400, id="foreign-host"),
    pytest.param("/", {"Host": "127.0.0.1:{port}@evil.example"}, 400, id="host-userinfo"),
    pytest.param("/", {"Host": "127.0.0.1:{port}/x"}, 400, id="host-path"),
    pytest.param("/static/", {}, 403, id="no-listing"),
    pytest.param("/static/../../server.py", {}, 404, id="static-escape"),
    pytest.param("/download/x", {}, 404, id="no-download-route"),
    pytest.param("/?fontsize=99999999999999999999", {}, 200, id="huge-fontsize"),
])
async def test_a_request_not_from_the_page_gets_a_clean_4xx(
        server: Served, http: aiohttp.ClientSession, path: str, headers: dict[str, str],
        status: int) -> None:
    filled = {k: v.format(base=server.base, port=server.port) for k, v in headers.items()}
    async with http.get(server.base + path, headers=filled, allow_redirects=False) as response:
        assert response.status == status or (status == 403 and response.status == 404)
        await response.read()
    assert not server.games()
    server.clean()


async def test_the_page_points_its_websocket_at_the_host_it_was_asked_as(
        server: Served, http: aiohttp.ClientSession) -> None:
    async with http.get(f"http://localhost:{server.port}/") as response:
        page = await response.text()
        assert response.headers["X-Frame-Options"] == "DENY"
    assert f'data-session-websocket-url="ws://localhost:{server.port}/ws"' in page


# ------------------------------------------------------------------ malformed messages
# (one of each kind here; test_serve_rules.py parses many more shapes)

LONE_SURROGATE = '["stdin", "\\ud800"]'


@pytest.mark.parametrize(("frame", "codes"), [
    pytest.param("not json", {1008}, id="not-json"),
    pytest.param("{}", {1008}, id="object"),
    pytest.param('["stdin", 5]', {1008}, id="stdin-number"),
    pytest.param('["resize", {"width": "80", "height": 24}]', {1008}, id="resize-string"),
    pytest.param('["resize", {"width": 1' + "0" * 5000 + ', "height": 1}]', {1008},
                 id="resize-huge-int"),
    pytest.param('["ping", "' + "x" * 1000 + '"]', {1008}, id="ping-long"),
    pytest.param("[" * 30000 + "]" * 30000, {1008}, id="deep-nesting"),
    pytest.param("x" * (MAX_MESSAGE + 1), {1009}, id="oversized-text"),
    pytest.param(b"\x00\x01binary", {1003}, id="binary"),
    pytest.param(b"x" * (MAX_MESSAGE * 4), {1009}, id="oversized-binary"),
])
async def test_a_malformed_message_closes_its_session_cleanly(
        server: Served, http: aiohttp.ClientSession, frame: str | bytes,
        codes: set[int]) -> None:
    ws = await connect(http, server)
    if isinstance(frame, bytes):
        await ws.send_bytes(frame)
    else:
        await ws.send_str(frame)
    assert await until_closed(ws) in codes
    await server.no_games()
    server.clean()


@pytest.mark.parametrize("frame", [
    pytest.param('["future-message", {"x": 1}]', id="unknown-type"),
    pytest.param(LONE_SURROGATE, id="lone-surrogate"),
    pytest.param('["stdin", "\\u0000\\u001b[999999999;999999999R"]', id="odd-escape"),
    pytest.param('["resize", {"width": -5, "height": 0}]', id="resize-negative"),
    pytest.param('["focus"]', id="focus"),
])
async def test_an_odd_but_wellformed_message_keeps_the_session(
        server: Served, http: aiohttp.ClientSession, frame: str) -> None:
    ws = await connect(http, server)
    try:
        assert b"New game" in await first_screen(ws)
        await ws.send_str(frame)
        await ws.send_str('["ping", "123"]')
        deadline = time.monotonic() + STEP
        while True:
            msg = await ws.receive(timeout=STEP)
            assert msg.type not in CLOSED, f"closed: {ws.close_code}"
            if msg.type == aiohttp.WSMsgType.TEXT:
                assert json.loads(msg.data) == ["pong", "123"]
                break
            assert time.monotonic() < deadline
    finally:
        await ws.close()
    await server.no_games()
    server.clean()


# ------------------------------------------------------------------ sizes and floods


@pytest.mark.parametrize("how", ["message", "query"])
async def test_a_huge_screen_is_clamped_and_memory_stays_bounded(
        server: Served, http: aiohttp.ClientSession, how: str) -> None:
    query = "?width=100000&height=100000" if how == "query" else ""
    ws = await connect(http, server, query)
    try:
        assert b"New game" in await first_screen(ws)
        (game,) = server.games()
        assert data_limit(game) == str(512 * 1024 * 1024)  # the default --max-memory
        if how == "message":
            await ws.send_str(json.dumps(["resize", {"width": 100000, "height": 100000}]))
        peak = 0
        deadline = time.monotonic() + 2.5
        while time.monotonic() < deadline:
            peak = max([peak, *server.games().values()])
            try:
                msg = await ws.receive(timeout=0.2)
            except TimeoutError:
                continue
            assert msg.type not in CLOSED
        assert 0 < peak < 250, f"a game grew to {peak} MiB"
    finally:
        await ws.close()
    await server.no_games()
    server.clean()


@pytest.mark.parametrize(("chunk", "count"), [
    pytest.param(60 * 1024, 18, id="1MB-in-big-messages"),
    pytest.param(1024, 1024, id="1MB-in-small-messages"),
    pytest.param(1, 5000, id="many-tiny-messages"),
])
async def test_a_stdin_flood_ends_the_session_and_its_game(
        server: Served, http: aiohttp.ClientSession, chunk: int, count: int) -> None:
    ws = await connect(http, server)
    await first_screen(ws)
    message = json.dumps(["stdin", "j" * chunk])
    for _ in range(count):
        try:
            await asyncio.wait_for(ws.send_str(message), STEP)
        except (ConnectionError, aiohttp.ClientError):
            break
    assert await until_closed(ws) == 1008
    await ws.close()
    await server.no_games()
    assert "input faster than --input-rate" in server.text()
    server.clean()


# ------------------------------------------------------------------ sessions and departures


async def test_one_session_more_than_the_limit_is_refused(
        server: Served, http: aiohttp.ClientSession) -> None:
    players = [await connect(http, server) for _ in range(MAX_SESSIONS)]
    try:
        for ws in players:
            assert b"New game" in await first_screen(ws)
        extra = await connect(http, server)
        seen = b""
        while (msg := await extra.receive(timeout=STEP)).type == aiohttp.WSMsgType.BINARY:
            seen += msg.data
        assert b"server is full" in seen
        assert extra.close_code == 1013
        async with http.get(server.base + "/") as page:
            assert page.status == 503 and "server is full" in await page.text()
        assert len(server.games()) == MAX_SESSIONS
    finally:
        for ws in players:
            await ws.close()
    await server.no_games()
    await still_serves(http, server)


async def test_a_burst_of_connections_gets_only_the_sessions_allowed(
        server: Served, http: aiohttp.ClientSession) -> None:
    burst = await asyncio.gather(*(connect(http, server) for _ in range(12)))
    try:
        codes = await asyncio.gather(*(first_screen(ws) for ws in burst))
        assert len(server.games()) <= MAX_SESSIONS
        assert sum(b"New game" in seen for seen in codes) == MAX_SESSIONS
        assert sorted(ws.close_code for ws in burst if ws.closed) == [1013] * (12 - MAX_SESSIONS)
    finally:
        for ws in burst:
            await ws.close()
    await server.no_games()
    server.clean()


@pytest.mark.parametrize("how", ["close", "abort", "abort-at-once", "flood-then-abort"])
async def test_the_game_ends_soon_after_its_browser_leaves(
        server: Served, http: aiohttp.ClientSession, how: str) -> None:
    await server.no_games()  # the game of an earlier test may still be ending on a busy machine
    ws = await connect(http, server)
    if how != "abort-at-once":
        assert b"New game" in await first_screen(ws)
        assert len(server.games()) == 1
    if how == "flood-then-abort":
        for _ in range(4):  # within the budget: the game has these keys to chew on
            await ws.send_str(json.dumps(["stdin", "j" * 3000]))
    left = time.monotonic()
    if how == "close":
        await ws.close()
    else:
        transport = ws._response.connection.transport  # type: ignore[union-attr]
        assert transport is not None
        transport.abort()
    await server.no_games(timeout=6)
    assert time.monotonic() - left < 6
    server.clean()


async def test_a_game_that_quits_closes_its_websocket(
        server: Served, http: aiohttp.ClientSession) -> None:
    ws = await connect(http, server)
    assert b"New game" in await first_screen(ws)
    await ws.send_str(json.dumps(["stdin", "\x11"]))  # ctrl+q on the title screen
    assert await until_closed(ws) == 1000
    await server.no_games()
    assert "ended: the game ended" in server.text()
    server.clean()


async def test_stopping_the_server_ends_every_game(tmp_path: Path) -> None:
    served = start(tmp_path)
    try:
        async with aiohttp.ClientSession() as http:
            players = [await connect(http, served) for _ in range(2)]
            for ws in players:
                await first_screen(ws)
            games = served.games()
            assert len(games) == 2
            served.proc.send_signal(signal.SIGTERM)
            for ws in players:
                assert await until_closed(ws) == 1001
            served.proc.wait(timeout=STEP)
        await asyncio.sleep(0.2)
        assert not [pid for pid in games if Path(f"/proc/{pid}").exists()
                    and Path(f"/proc/{pid}/stat").read_text().split(")")[1].split()[0] != "Z"]
        assert "Traceback" not in served.text(), served.text()
    finally:
        stop(served)


async def test_clients_that_vanish_mid_handshake_or_linger(
        server: Served, http: aiohttp.ClientSession) -> None:
    request = (f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
               f"Origin: {server.base}\r\nUpgrade: websocket\r\n").encode()
    socks = []
    try:
        for n in range(40):
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=2)
            socks.append(sock)
            sock.sendall(request[: len(request) * (n % 4) // 4])  # part of a handshake
        for sock in socks[::2]:
            sock.close()
        await still_serves(http, server)
    finally:
        for sock in socks:
            sock.close()
    await asyncio.sleep(0.2)
    await still_serves(http, server)


async def test_running_out_of_files_logs_a_line_not_a_flood(tmp_path: Path) -> None:
    served = start(tmp_path, open_files=120)
    socks = []
    try:
        for _ in range(200):
            try:
                socks.append(socket.create_connection(("127.0.0.1", served.port), timeout=2))
            except OSError:
                break
        await asyncio.sleep(1)
        for sock in socks:
            sock.close()
        socks.clear()
        await asyncio.sleep(1.2)  # asyncio accepts again after a second
        async with aiohttp.ClientSession() as http:
            await still_serves(http, served)
        lines = served.text().splitlines()
        assert 1 <= sum("out of system resource" in line for line in lines) <= 3
        assert len(lines) < 300
    finally:
        for sock in socks:
            sock.close()
        stop(served)


async def test_garbage_http_gets_a_clean_answer(
        server: Served, http: aiohttp.ClientSession) -> None:
    for junk in (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 64,
                 b"GET / HTTP/1.1\r\nHost: " + b"a" * 20000 + b"\r\n\r\n",
                 b"GET /ws HTTP/1.1\r\n" + b"X: y\r\n" * 500 + b"\r\n"):
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
            sock.sendall(junk)
            try:
                answer = sock.recv(200)
            except OSError:
                answer = b""
        assert answer == b"" or re.match(rb"HTTP/1\.[01] 4\d\d ", answer), answer
    await still_serves(http, server)


async def test_an_idle_session_is_closed(tmp_path: Path) -> None:
    served = start(tmp_path, "--idle-timeout", "1")
    try:
        async with aiohttp.ClientSession() as http:
            ws = await connect(http, served)
            await first_screen(ws)
            assert await until_closed(ws) == 1001
            await served.no_games()
        assert "idle for too long" in served.text()
        served.clean()
    finally:
        stop(served)


@pytest.mark.parametrize("option", [
    ["--max-sessions", "0"], ["--max-message", "10"], ["--max-memory", "5"],
    ["--allow-origin", "http://x.example/path"], ["--allow-origin", "ftp://x.example"],
])
def test_an_unsafe_option_is_refused(tmp_path: Path, option: list[str]) -> None:
    done = subprocess.run([sys.executable, "-m", "game", "serve", "--port", "1", *option],
                          capture_output=True, text=True, timeout=STEP)
    assert done.returncode == 2
    assert "face-of-another serve:" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_game_process_cannot_grow_past_its_memory_limit() -> None:
    from game.serve.session import limit_memory

    code = ("import sys\nsys.stdin.readline()\n"
            "try:\n    bytearray(400 * 1024 * 1024)\nexcept MemoryError:\n    print('refused')\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        limit_memory(proc.pid, 200)
        out, _ = proc.communicate("go\n", timeout=STEP)
    finally:
        proc.kill()
        proc.wait(timeout=STEP)
    assert out.strip() == "refused"


def data_limit(pid: int) -> str:
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max data size"):
            return line.split()[3]
    raise AssertionError("no data limit line")


@pytest.mark.slow
async def test_a_client_that_stops_answering_loses_its_game(server: Served) -> None:
    """A raw websocket that shakes hands, sends keys, then never reads nor answers pings:
    the heartbeat (15 s, then half of it for the pong) ends its session."""
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=STEP)
    try:
        sock.sendall((f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                      f"Origin: {server.base}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                      "Sec-WebSocket-Version: 13\r\n"
                      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").encode())
        assert sock.recv(12).startswith(b"HTTP/1.1 101")
        payload = json.dumps(["stdin", "\r"]).encode()
        mask = os.urandom(4)
        sock.sendall(bytes([0x81, 0x80 | len(payload)]) + mask
                     + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
        deadline = time.monotonic() + 5
        while not server.games():
            assert time.monotonic() < deadline
            await asyncio.sleep(0.1)
        await server.no_games(timeout=35)
        server.clean()
    finally:
        sock.close()
