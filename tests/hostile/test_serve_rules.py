"""The serve rules on their own: Host and Origin checks, message parsing, clamping, the
input budget."""

from __future__ import annotations

import pytest

from game.serve.limits import MAX_HEIGHT, MAX_WIDTH, MIN_HEIGHT, MIN_WIDTH, InputBudget, clamp_size
from game.serve.messages import BadMessage, Focus, Ping, Resize, Stdin, Unknown, parse
from game.serve.origin import HostPolicy, parse_origin


@pytest.mark.parametrize(("host", "allowed"), [
    ("127.0.0.1:8000", True), ("localhost:8000", True), ("[::1]:8000", True),
    ("LOCALHOST:8000", True), ("127.0.0.1:8001", False), ("127.0.0.1", False),
    ("evil.example:8000", False), ("127.0.0.1:8000@evil", False), ("127.0.0.1:8000 ", False),
    ("localhost.:8000", False), ("127.0.0.1:8000,evil:8000", False), ("", False), (None, False),
    ("127.0.0.1:99999999", False),
])
def test_loopback_server_hosts(host: str | None, allowed: bool) -> None:
    assert (HostPolicy("127.0.0.1", 8000).host(host) is not None) is allowed


def test_a_server_on_every_address_takes_ip_hosts_but_no_foreign_names() -> None:
    policy = HostPolicy("0.0.0.0", 8000)
    assert policy.host("192.168.1.20:8000") == ("192.168.1.20", 8000)
    assert policy.host("[fe80::1]:8000") is not None
    assert policy.host("192.168.1.20:8001") is None
    assert policy.host("rebind.evil.example:8000") is None


def test_an_allowed_origin_behind_a_proxy() -> None:
    policy = HostPolicy("127.0.0.1", 8000, ["https://play.example.org"])
    host = policy.host("play.example.org")
    assert host == ("play.example.org", 443)
    assert policy.origin_allowed("https://play.example.org", host)
    assert not policy.origin_allowed("http://play.example.org", host)
    assert policy.websocket_scheme(host) == "wss"
    assert policy.websocket_scheme(("127.0.0.1", 8000)) == "ws"


@pytest.mark.parametrize(("origin", "allowed"), [
    ("http://127.0.0.1:8000", True), ("HTTP://127.0.0.1:8000", True),
    ("http://localhost:8000", False),  # not the host this page was asked as
    ("https://127.0.0.1:8000", False), ("http://127.0.0.1:8000/", False),
    ("http://127.0.0.1", False), ("null", False), ("", False), (None, False),
    ("http://user@127.0.0.1:8000", False), ("ws://127.0.0.1:8000", False),
])
def test_the_origin_must_be_the_pages_own(origin: str | None, allowed: bool) -> None:
    assert HostPolicy("127.0.0.1", 8000).origin_allowed(origin, ("127.0.0.1", 8000)) is allowed


@pytest.mark.parametrize("text", ["http://x/path", "ftp://x", "http://", "x.example",
                                  "http://x:0", "https://x:70000"])
def test_a_bad_allow_origin_is_refused(text: str) -> None:
    assert parse_origin(text) is None
    with pytest.raises(ValueError):
        HostPolicy("127.0.0.1", 8000, [text])


@pytest.mark.parametrize(("text", "message"), [
    ('["stdin", "1"]', Stdin("1")), ('["resize", {"width": 90, "height": 30}]', Resize(90, 30)),
    ('["ping", "17"]', Ping("17")), ('["focus"]', Focus(True)), ('["blur"]', Focus(False)),
    ('["later", 1, 2]', Unknown("later")),
])
def test_the_pages_messages(text: str, message: object) -> None:
    assert parse(text) == message


@pytest.mark.parametrize("text", ["", "nul", "[]", "{}", '"stdin"', "[1]", '[["stdin"]]',
                                  '["stdin", null]', '["resize", {"width": 1e3, "height": 2}]',
                                  '["resize", {"width": 1}]', '["ping", 5]',
                                  '["stdin"]', '["stdin", "a", "b"]', '["resize", [80, 24]]',
                                  '["resize", {"width": true, "height": 24}]',
                                  '["ping", {"x": 1}]', "[" * 100_000, "NaN"])
def test_anything_else_is_a_bad_message(text: str) -> None:
    with pytest.raises(BadMessage):
        parse(text)


def test_screen_sizes_are_clamped() -> None:
    assert clamp_size(100_000, 100_000) == (MAX_WIDTH, MAX_HEIGHT)
    assert clamp_size(-5, 0) == (MIN_WIDTH, MIN_HEIGHT)
    assert clamp_size(120, 40) == (120, 40)


def test_the_input_budget_refills_at_its_rate() -> None:
    now = [0.0]
    budget = InputBudget(100, 400, clock=lambda: now[0])
    assert budget.take(400)
    assert not budget.take(1)
    now[0] = 1.0
    assert budget.take(100) and not budget.take(1)
    now[0] = 100.0
    assert budget.take(400) and not budget.take(1)


def test_the_log_folds_tracebacks_and_line_breaks_into_one_line() -> None:
    import logging

    from game.serve.logs import OneLineFormatter

    try:
        raise ValueError("bad request line\nmore detail")
    except ValueError:
        import sys

        record = logging.LogRecord("aiohttp.server", logging.ERROR, __file__, 1,
                                   "Error handling request from %s\nsocket: x", ("1.2.3.4",),
                                   sys.exc_info())
    line = OneLineFormatter().format(record)
    assert "\n" not in line and "Traceback" not in line
    assert line.endswith("Error handling request from 1.2.3.4 | socket: x: ValueError: "
                         "bad request line")


def test_the_log_drops_a_repeated_line_and_counts_it() -> None:
    import logging

    from game.serve.logs import Throttle

    now = [0.0]
    throttle = Throttle(10, clock=lambda: now[0])

    def record(text: str) -> logging.LogRecord:
        return logging.LogRecord("asyncio", logging.ERROR, __file__, 1, text, (), None)

    assert throttle.filter(record("accept failed"))
    assert not any(throttle.filter(record("accept failed")) for _ in range(50))
    assert throttle.filter(record("something else"))
    now[0] = 11
    again = record("accept failed")
    assert throttle.filter(again)
    assert again.getMessage() == "accept failed (50 more like it dropped)"
