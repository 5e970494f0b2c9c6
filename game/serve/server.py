"""The web server: textual-serve's ``Server``, subclassed so that a browser (or anything
else) can only do what the game's page does, within ``Limits``.

Routes: ``/`` (the page: the game's own, titled with the story's title, its splash the
game's, its font served from here: nothing is fetched from another site), ``/ws`` (one game
per websocket), ``/static`` (textual-serve's script, styles and fonts, no listings). Every
request must carry a Host the server is served as; a websocket must come from the page's own
origin, must fit in a free session, and sends only the messages ``messages.parse`` accepts,
at the input rate allowed. Anything else gets a 4xx or a close code and one line in the log;
the game process ends when its websocket does.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import shlex
import sys
from collections.abc import Awaitable, Callable, Sequence
from html import escape
from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.server import Server, to_int

from game.i18n import _
from game.serve import logs
from game.serve.limits import MESSAGE_COST, InputBudget, Limits, clamp_size, raise_open_files
from game.serve.messages import BadMessage, Focus, Ping, Resize, Stdin, Unknown, parse
from game.serve.origin import HostPolicy
from game.serve.session import WRITE_TIMEOUT, GameProcess
from game.tui.art import face_art

log = logging.getLogger("face-of-another.serve")

#: Seconds for a websocket handshake, and for a close, before the connection is dropped.
HANDSHAKE_TIMEOUT = 10.0
CLOSE_TIMEOUT = 5.0
#: Seconds between websocket pings; a browser that does not answer is gone.
HEARTBEAT = 15.0
#: Seconds an idle HTTP connection is kept open.
KEEPALIVE = 15.0
FULL = b"\r\nThe server is full: every game slot is taken. Try again in a while.\r\n"
GAME = "Face of Another"
"""The page's title when the story's cannot be read."""
TEMPLATES = Path(__file__).parent / "templates"
"""The page's template (``index.html``)."""


def full_page(title: str) -> str:
    """The short page shown when every session is taken."""
    # TRANSLATORS: the page a browser gets when the server runs as many games as it may.
    full = _("The server is full: every game slot is taken.")
    # TRANSLATORS: a link on that page (it loads the page again), then the rest of the line.
    again, later = _("Try again"), _("in a while.")
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'>"
            f"<title>{escape(title)}</title></head><body style='background:#16140f;"
            "color:#e4ddd0;font-family:ui-monospace,Menlo,Consolas,monospace;"
            f"text-align:center;padding-top:20vh'><p>{escape(full)}</p><p><a "
            f"style='color:#c9a66b' href='/'>{escape(again)}</a> {escape(later)}</p>"
            "</body></html>")


SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def page_policy(websocket: str) -> str:
    """The page's Content-Security-Policy: everything from this server (inline scripts and
    styles: the page's own and those textual-serve's script adds), its one websocket, and
    nothing from anywhere else."""
    return ("default-src 'self'; script-src 'self' 'unsafe-inline'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
            f"connect-src 'self' {websocket}; frame-ancestors 'none'; base-uri 'none'; "
            "form-action 'none'")


_HOST_KEY = "face-of-another.host"  # the request's checked (host, port)


class GameServer(Server):
    """Serve ``play`` (with ``play_args``) to browsers, one process per websocket."""

    def __init__(self, play_args: Sequence[str], *, host: str, port: int, limits: Limits,
                 policy: HostPolicy, title: str = GAME, language: str = "en") -> None:
        self.child_argv = [sys.executable, "-m", "game", "play", *play_args]
        super().__init__(shlex.join(self.child_argv), host=host, port=port, title=title,
                         templates_path=TEMPLATES)
        self.language = language
        """The language of the story's title (the page's ``lang``)."""
        self.limits = limits
        self.policy = policy
        self.sessions: dict[str, tuple[web.WebSocketResponse, GameProcess]] = {}
        self._taken = 0  # sessions open or opening
        self._numbers = itertools.count(1)
        self._stopping = False

    # ----------------------------------------------------------------- the server

    def initialize_logging(self) -> None:
        """One line per event on stderr (see ``logs``)."""
        logs.setup(self.debug)

    def serve(self, debug: bool = False) -> None:
        """Raise the open-file limit as far as allowed (each connection takes one), then
        serve until SIGINT or SIGTERM."""
        raise_open_files()
        super().serve(debug)

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard], client_max_size=4096,
                              handler_args={"keepalive_timeout": KEEPALIVE})
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_session, name="websocket"),
            web.static("/static", self.statics_path, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def on_startup(self, app: web.Application) -> None:
        log.info("serving %s on %s (at most %d sessions); Ctrl+C to stop",
                 self.title, self.public_url, self.limits.max_sessions)

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every websocket and end every game."""
        self._stopping = True
        await asyncio.gather(*(self._end(ws, game, WSCloseCode.GOING_AWAY, b"server stopping")
                               for ws, game in list(self.sessions.values())))

    @web.middleware
    async def _guard(self, request: web.Request,
                     handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
                     ) -> web.StreamResponse:
        """Refuse unknown Host headers; one log line, not a traceback, for a failure."""
        host = self.policy.host(request.headers.get("Host"))
        if host is None:
            log.warning("refused %s %s from %s: Host %r is not this server",
                        request.method, request.path[:100], request.remote,
                        request.headers.get("Host", "")[:100])
            return web.Response(status=400, text="unknown host\n")
        request[_HOST_KEY] = host
        try:
            response = await handler(request)
        except web.HTTPException:
            raise
        except Exception as error:
            log.error("%s %s from %s failed: %r", request.method, request.path[:100],
                      request.remote, error)
            return web.Response(status=500, text="server error\n")
        if not response.prepared:
            for name, value in SECURITY_HEADERS.items():
                response.headers.setdefault(name, value)
        return response

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page: textual-serve's template, its websocket on the host it was asked as;
        when every session is taken, a short page saying so (503)."""
        if self._taken >= self.limits.max_sessions:
            return web.Response(status=503, content_type="text/html",
                                text=full_page(self.title),
                                headers={"Retry-After": "60", "Cache-Control": "no-store"})
        scheme = self.policy.websocket_scheme(request[_HOST_KEY])
        websocket = f"{scheme}://{request.headers['Host']}/ws"
        context = {
            "font_size": min(max(to_int(request.query.get("fontsize", "16"), 16), 6), 64),
            "app_websocket_url": websocket,
            "static": "/static/",
            "title": self.title,
            "lang": self.language,
            "art": face_art("outline"),
            # TRANSLATORS: on the browser page while the game starts.
            "opening": _("Opening the story…"),
            # TRANSLATORS: a button on the browser page that starts the game.
            "start": _("Start"),
            # TRANSLATORS: on the browser page once the game in it has ended.
            "ended": _("The game has ended."),
            # TRANSLATORS: a button on the browser page that starts a new game.
            "again": _("Play again"),
        }
        response = aiohttp_jinja2.render_template("index.html", request, context)
        response.headers["Cache-Control"] = "no-store"
        response.headers["Content-Security-Policy"] = page_policy(websocket)
        return response

    # ----------------------------------------------------------------- websockets

    async def handle_session(self, request: web.Request) -> web.StreamResponse:
        """Check the request, then run one game session on it.

        Not textual-serve's ``handle_websocket``, which the routes above replace: that one
        always answers with a websocket, this one refuses some requests with a page."""
        peer = request.remote or "?"
        if not web.WebSocketResponse().can_prepare(request).ok:
            log.info("refused %s from %s: not a websocket upgrade", request.path, peer)
            return web.Response(status=400, text="this address takes websockets only\n")
        origin = request.headers.get("Origin")
        if not self.policy.origin_allowed(origin, request[_HOST_KEY]):
            log.warning("refused a websocket from %s: Origin %r is not this server's page",
                        peer, (origin or "")[:100])
            return web.Response(status=403, text="forbidden origin\n")
        ws = web.WebSocketResponse(heartbeat=HEARTBEAT, max_msg_size=self.limits.max_message,
                                   compress=False, timeout=CLOSE_TIMEOUT)
        if self._taken >= self.limits.max_sessions:
            log.warning("refused a session from %s: all %d sessions are taken "
                        "(--max-sessions)", peer, self.limits.max_sessions)
            return await self._refuse(request, ws)
        self._taken += 1
        try:
            return await self._session(request, ws, f"session {next(self._numbers)} ({peer})")
        finally:
            self._taken -= 1

    async def _refuse(self, request: web.Request, ws: web.WebSocketResponse
                      ) -> web.StreamResponse:
        """Tell the page the server is full (on its terminal) and close with 1013."""
        if not await _within(ws.prepare(request), HANDSHAKE_TIMEOUT):
            return ws if ws.prepared else web.Response(status=400)
        await _within(ws.send_bytes(FULL), CLOSE_TIMEOUT)
        await _within(ws.close(code=WSCloseCode.TRY_AGAIN_LATER, message=b"server full"),
                      CLOSE_TIMEOUT)
        return ws

    async def _session(self, request: web.Request, ws: web.WebSocketResponse,
                       label: str) -> web.StreamResponse:
        if not await _within(ws.prepare(request), HANDSHAKE_TIMEOUT):
            log.info("%s: the handshake did not finish", label)
            return ws if ws.prepared else web.Response(status=400)
        width, height = clamp_size(to_int(request.query.get("width", "80"), 80),
                                   to_int(request.query.get("height", "24"), 24))
        game = GameProcess(self.child_argv, label=label, write_bytes=ws.send_bytes,
                           write_str=ws.send_str, close=ws.close,
                           download_manager=self.download_manager,
                           max_memory=self.limits.max_memory)
        self.sessions[label] = (ws, game)
        reason = "the server stopped"
        try:
            await game.start(width, height)
            log.info("%s: started, game pid %s", label, game.pid)
            reason = await self._relay(ws, game)
        except OSError as error:
            reason = f"the game could not start: {error}"
        finally:
            await asyncio.shield(self._end(ws, game, WSCloseCode.GOING_AWAY, b"session ended"))
            self.sessions.pop(label, None)
            log.info("%s: ended: %s", label, reason)
        return ws

    async def _end(self, ws: web.WebSocketResponse, game: GameProcess, code: int,
                   message: bytes) -> None:
        await _within(ws.close(code=code, message=message), CLOSE_TIMEOUT)
        await game.stop()

    async def _relay(self, ws: web.WebSocketResponse, game: GameProcess) -> str:
        """Feed the browser's messages to the game until one side ends; return why."""
        limits = self.limits
        budget = InputBudget(limits.input_rate, 4 * limits.input_rate)
        loop = asyncio.get_running_loop()
        ends = loop.time() + limits.session_timeout if limits.session_timeout else None
        while True:
            deadlines = [t for t in (ends, loop.time() + limits.idle_timeout
                                     if limits.idle_timeout else None) if t is not None]
            wait = max(0.0, min(deadlines) - loop.time()) if deadlines else None
            try:
                msg = await ws.receive(timeout=wait)
            except TimeoutError:
                over = ends is not None and loop.time() >= ends
                await _within(ws.close(code=WSCloseCode.GOING_AWAY,
                                       message=b"time limit" if over else b"idle"),
                              CLOSE_TIMEOUT)
                return "the session time limit" if over else "idle for too long"
            if msg.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED):
                if self._stopping:
                    return "the server stopped"
                return "the game ended" if game.finished else "the browser left"
            if msg.type == WSMsgType.ERROR:
                return f"a bad frame: {msg.data!r}"[:200]
            if msg.type != WSMsgType.TEXT:
                await _within(ws.close(code=WSCloseCode.UNSUPPORTED_DATA,
                                       message=b"text messages only"), CLOSE_TIMEOUT)
                return "a binary message"
            refused = await self._handle(ws, game, msg.data, budget)
            if refused is not None:
                return refused

    async def _handle(self, ws: web.WebSocketResponse, game: GameProcess, text: str,
                      budget: InputBudget) -> str | None:
        """Pass one message on; a reason (the session then closed) if it is refused."""
        try:
            message = parse(text)
        except BadMessage as error:
            await _within(ws.close(code=WSCloseCode.POLICY_VIOLATION, message=b"bad message"),
                          CLOSE_TIMEOUT)
            return f"a bad message: {error}"
        if not budget.take(max(len(text.encode("utf-8", "replace")), MESSAGE_COST)):
            await _within(ws.close(code=WSCloseCode.POLICY_VIOLATION, message=b"too fast"),
                          CLOSE_TIMEOUT)
            return "input faster than --input-rate"
        sent = True
        if isinstance(message, Stdin):
            sent = await game.send_bytes(message.text.encode("utf-8", "replace"))
        elif isinstance(message, Resize):
            width, height = clamp_size(message.width, message.height)
            sent = await game.send_meta({"type": "resize", "width": width, "height": height})
        elif isinstance(message, Focus):
            sent = await game.send_meta({"type": "focus" if message.gained else "blur"})
        elif isinstance(message, Ping):
            await _within(ws.send_json(["pong", message.token]), WRITE_TIMEOUT)
        elif isinstance(message, Unknown):
            log.debug("%s: ignored a %r message", game.label, message.kind)
        if not sent:
            await _within(ws.close(code=WSCloseCode.INTERNAL_ERROR, message=b"game stalled"),
                          CLOSE_TIMEOUT)
            return "the game stopped reading its input"
        return None


async def _within(step: Awaitable[object], timeout: float) -> bool:
    """Await ``step`` for at most ``timeout`` seconds; False if it failed or took longer."""
    try:
        await asyncio.wait_for(step, timeout)
    except (OSError, TimeoutError, RuntimeError, web.HTTPException):
        return False
    return True


def page_title(story_dir: Path | None) -> tuple[str, str]:
    """The story's title and its language, for the page (the game's name, in English, if
    the story cannot be read: the games will say why)."""
    from game.paths import default_story_dir
    from game.session import facts
    from game.story.loader import load_story
    from game.story.problems import StoryError

    try:
        story = load_story(story_dir or default_story_dir())
    except (StoryError, OSError):
        return GAME, "en"
    return facts.title(story) or GAME, facts.language(story)


def serve(play_args: Sequence[str], *, host: str, port: int, limits: Limits,
          allowed_origins: Sequence[str] = (), story_dir: Path | None = None) -> int:
    """Serve until stopped; 2 (with the reasons on stderr) if an option is out of range.
    The page is titled with the title of the story in ``story_dir`` (default: the bundled
    one)."""
    problems = limits.problems()
    try:
        policy = HostPolicy(host, port, allowed_origins)
    except ValueError as error:
        problems.append(str(error))
    if problems:
        for problem in problems:
            print(f"face-of-another serve: {problem}", file=sys.stderr)
        return 2
    title, language = page_title(story_dir)
    GameServer(play_args, host=host, port=port, limits=limits, policy=policy, title=title,
               language=language).serve()
    return 0
