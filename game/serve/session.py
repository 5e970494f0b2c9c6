"""One player's game: a ``play`` process that the websocket feeds, ended with the websocket.

textual-serve's ``AppService`` keeps the packet format and the meta handling; this subclass
starts the process without a shell and caps its memory, bounds every wait (a stalled child
or a browser that stops reading cannot hold the server), keeps only the tail of the child's
stderr, and on ``stop`` asks the game to quit, then terminates it, then kills it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import resource
import shlex
from asyncio.subprocess import PIPE, Process
from collections.abc import Awaitable, Callable, Sequence

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

log = logging.getLogger("face-of-another.serve")

#: Seconds a write to the game's stdin, or to the browser, may wait before the session ends.
WRITE_TIMEOUT = 10.0
#: Seconds the game has to quit when asked, then to end when terminated, before it is killed.
QUIT_GRACE = 1.0
TERM_GRACE = 1.0
#: The largest packet the game may send (a whole screen is far smaller).
MAX_PACKET = 16 * 1024 * 1024
#: How much of the game's stderr is kept, for the log when it fails.
STDERR_TAIL = 4096


class GameProcess(AppService):
    """A ``play`` process for one websocket (``label`` names it in the log)."""

    def __init__(self, argv: Sequence[str], *, label: str,
                 write_bytes: Callable[[bytes], Awaitable[None]],
                 write_str: Callable[[str], Awaitable[None]],
                 close: Callable[[], Awaitable[object]],
                 download_manager: DownloadManager, max_memory: int = 0) -> None:
        super().__init__(shlex.join(argv), write_bytes=write_bytes, write_str=write_str,
                         close=close, download_manager=download_manager)  # type: ignore[arg-type]
        self.argv = list(argv)
        self.label = label
        self.max_memory = max_memory
        self._stderr_tail = b""
        self._stopped = False
        self.finished = False
        """True once the game has said it exits, or its output has ended."""

    @property
    def pid(self) -> int | None:
        """The game process's id, once started."""
        return self._process.pid if self._process is not None else None

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        """Start the game, without a shell, on the environment textual-serve builds."""
        process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=PIPE, stdout=PIPE, stderr=PIPE,
            env=self._build_environment(width=width, height=height))
        assert process.stdin is not None
        self._process, self._stdin = process, process.stdin
        limit_memory(process.pid, self.max_memory)
        return process

    async def _send_packet(self, kind: bytes, payload: bytes) -> bool:
        stdin = self._stdin
        if stdin is None or stdin.is_closing():
            return False
        try:
            stdin.write(self.encode_packet(kind, payload))  # type: ignore[arg-type]
            await asyncio.wait_for(stdin.drain(), WRITE_TIMEOUT)
        except (OSError, RuntimeError, TimeoutError):
            return False
        return True

    async def send_bytes(self, data: bytes) -> bool:
        """Send keys to the game; False if it is gone or has not read for WRITE_TIMEOUT."""
        return await self._send_packet(b"D", data)

    async def send_meta(self, data: dict[str, str | None | int | bool]) -> bool:
        """Send a meta packet (resize, focus, quit...) to the game; False as ``send_bytes``."""
        return await self._send_packet(b"M", json.dumps(data).encode("utf-8"))

    async def on_data(self, payload: bytes) -> None:
        """Relay the game's output; a browser that takes more than WRITE_TIMEOUT ends it."""
        await asyncio.wait_for(self.remote_write_bytes(payload), WRITE_TIMEOUT)

    async def on_meta(self, data: bytes) -> None:
        """Note the game's ``exit`` (it quit), then let textual-serve handle the packet."""
        if json.loads(data).get("type") == "exit":
            self.finished = True
        await super().on_meta(data)

    async def _keep_stderr(self, stderr: asyncio.StreamReader) -> None:
        while chunk := await stderr.read(4096):
            self._stderr_tail = (self._stderr_tail + chunk)[-STDERR_TAIL:]

    async def run(self) -> None:
        """Relay the game's packets to the browser until the game ends, then close the
        websocket. Started by ``start``."""
        process = self._process
        assert process is not None and process.stdout is not None and process.stderr is not None
        stdout = process.stdout
        stderr_task = asyncio.create_task(self._keep_stderr(process.stderr))
        try:
            for _ in range(10):
                line = await stdout.readline()
                if not line or line == b"__GANGLION__\n":
                    break
            while True:
                kind = await stdout.readexactly(1)
                size = int.from_bytes(await stdout.readexactly(4), "big")
                if size > MAX_PACKET:
                    log.error("%s: the game sent a packet of %d bytes; ending it",
                              self.label, size)
                    break
                payload = await stdout.readexactly(size)
                if kind == b"D":
                    await self.on_data(payload)
                elif kind == b"M":
                    await self.on_meta(payload)
                elif kind == b"P":
                    await self.on_packed(payload)
        except (asyncio.IncompleteReadError, ValueError, OSError, TimeoutError):
            pass
        except Exception as error:  # a bug here must end this session only, in one line
            log.error("%s: relaying the game failed: %r", self.label, error)
        finally:
            stderr_task.cancel()
            await asyncio.gather(stderr_task, return_exceptions=True)
        self.finished = True
        with contextlib.suppress(OSError, TimeoutError):
            await asyncio.wait_for(self.remote_close(), WRITE_TIMEOUT)

    async def stop(self) -> None:
        """End the game for good: ask it to quit, then terminate, then kill; wait for it."""
        if self._stopped:
            return
        self._stopped = True
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        process = self._process
        if process is not None and process.returncode is None:
            await self.send_meta({"type": "quit"})
            if self._stdin is not None:
                self._stdin.close()
            if not await _ended(process, QUIT_GRACE):
                _signal(process, "terminate")
                if not await _ended(process, TERM_GRACE):
                    _signal(process, "kill")
                    await process.wait()
        if self._task is not None:
            if not await _finished(self._task, TERM_GRACE):
                self._task.cancel()
                await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        if process is not None and process.returncode not in (0, None) and self._stderr_tail:
            tail = self._stderr_tail.decode("utf-8", "replace").strip().splitlines()[-5:]
            log.warning("%s: the game exited with %s; its last words: %s",
                        self.label, process.returncode, " | ".join(tail))


def limit_memory(pid: int, mebibytes: int) -> None:
    """Cap a process's data segment (heap and private mappings) at ``mebibytes`` (0: no
    cap): past it, the game fails with MemoryError and its session ends, whatever made it
    grow. Set as soon as the process exists, before the browser can send anything."""
    if mebibytes > 0:
        size = mebibytes * 1024 * 1024
        with contextlib.suppress(ProcessLookupError):
            resource.prlimit(pid, resource.RLIMIT_DATA, (size, size))


async def _ended(process: Process, timeout: float) -> bool:
    try:
        await asyncio.wait_for(process.wait(), timeout)
    except TimeoutError:
        return False
    return True


async def _finished(task: asyncio.Task[None], timeout: float) -> bool:
    done, _ = await asyncio.wait({task}, timeout=timeout)
    return bool(done)


def _signal(process: Process, how: str) -> None:
    with contextlib.suppress(ProcessLookupError):
        getattr(process, how)()
