"""Which requests come from the game's own pages.

Every request must name a host the server is served as (its ``Host`` header), so a name an
attacker controls that resolves to this machine (DNS rebinding) gets nothing. A websocket
must also carry an ``Origin``: the page's own (``http://`` + that same host), or one allowed
with ``--allow-origin`` (a proxy's public address). Browsers always send ``Origin`` on a
websocket; a client without one is refused.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable
from dataclasses import dataclass

_HOST = re.compile(r"(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::([0-9]{1,5}))?", re.IGNORECASE)
_ORIGIN = re.compile(r"(https?)://(.+)", re.IGNORECASE)
_DEFAULT_PORT = {"http": 80, "https": 443}
_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
_WILDCARD = frozenset({"", "0.0.0.0", "::"})


@dataclass(frozen=True)
class Origin:
    """A scheme, a host (lower case, IPv6 without brackets) and a port."""

    scheme: str
    host: str
    port: int


def _authority(text: str, default_port: int | None) -> tuple[str, int | None] | None:
    match = _HOST.fullmatch(text)
    if match is None:
        return None
    port = int(match.group(2)) if match.group(2) else default_port
    if port is not None and not 0 < port < 65536:
        return None
    return match.group(1).lower().strip("[]"), port


def parse_origin(text: str | None) -> Origin | None:
    """``scheme://host[:port]`` with nothing after it, or None."""
    match = _ORIGIN.fullmatch(text or "")
    if match is None:
        return None
    scheme = match.group(1).lower()
    authority = _authority(match.group(2), _DEFAULT_PORT[scheme])
    if authority is None or authority[1] is None:
        return None
    return Origin(scheme, authority[0], authority[1])


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _is_loopback(name: str) -> bool:
    return name == "localhost" or _is_ip(name) and ipaddress.ip_address(name).is_loopback


class HostPolicy:
    """The hosts a server answers as, and the origins its websocket accepts."""

    def __init__(self, bind_host: str, port: int, allowed_origins: Iterable[str] = ()) -> None:
        self.port = port
        self.origins: set[Origin] = set()
        for text in allowed_origins:
            origin = parse_origin(text)
            if origin is None:
                raise ValueError(f"--allow-origin {text!r} is not scheme://host[:port] "
                                 "(http or https, nothing after the port)")
            self.origins.add(origin)
        bind = bind_host.lower().strip("[]")
        self.any_ip = bind in _WILDCARD
        if _is_loopback(bind):
            names = _LOOPBACK | {bind}
        elif self.any_ip:
            names = frozenset({socket.gethostname().lower(), socket.getfqdn().lower()})
        else:
            names = frozenset({bind})
        self.hosts = {(name, port) for name in names} | {(o.host, o.port) for o in self.origins}

    def host(self, header: str | None) -> tuple[str, int] | None:
        """The (host, port) of a ``Host`` header if the server is served as it, else None.

        Bound to every address (``--host 0.0.0.0``), any IP address with the served port is
        accepted too: rebinding needs a name. Without a port, 80 or (behind a proxy) 443."""
        found = _authority(header or "", None)
        if found is None:
            return None
        name, port = found
        for candidate in ((name, port),) if port is not None else ((name, 80), (name, 443)):
            if candidate in self.hosts or (
                    self.any_ip and candidate[1] == self.port and _is_ip(name)):
                return candidate
        return None

    def origin_allowed(self, header: str | None, host: tuple[str, int]) -> bool:
        """Whether a websocket's ``Origin`` is the page's own (same host) or allowed."""
        origin = parse_origin(header)
        if origin is None:
            return False
        return origin in self.origins or (
            origin.scheme == "http" and (origin.host, origin.port) == host)

    def websocket_scheme(self, host: tuple[str, int]) -> str:
        """``wss`` when the host is an allowed https origin's (behind a proxy), else ``ws``."""
        secure = any(o.scheme == "https" and (o.host, o.port) == host for o in self.origins)
        return "wss" if secure else "ws"
