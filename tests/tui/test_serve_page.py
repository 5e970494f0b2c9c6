"""The browser page of ``serve``, fetched over HTTP without a browser: titled with the story's
title, the game's own splash, and nothing fetched from another site (fonts included)."""

from __future__ import annotations

import re
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from game.serve.limits import Limits
from game.serve.origin import HostPolicy
from game.serve.server import GAME, GameServer, page_title
from tests.paths import STARTER

HOST = {"Host": "127.0.0.1:8000"}


def server(title: str = "A <small> story", sessions: int = 2) -> GameServer:
    return GameServer([], host="127.0.0.1", port=8000, limits=Limits(max_sessions=sessions),
                      policy=HostPolicy("127.0.0.1", 8000), title=title, language="pt")


@pytest.fixture
async def client() -> AsyncIterator[TestClient]:
    game = server()
    async with TestClient(TestServer(await game._make_app())) as client:
        yield client


async def page(client: TestClient, path: str = "/") -> str:
    response = await client.get(path, headers=HOST)
    assert response.status == 200, path
    return await response.text()


async def test_the_page_is_titled_with_the_story_and_escaped(client: TestClient) -> None:
    html = await page(client)
    assert "<title>A &lt;small&gt; story</title>" in html
    assert '<html lang="pt">' in html
    assert "<h1>A &lt;small&gt; story</h1>" in html


async def test_the_splash_is_the_games_own(client: TestClient) -> None:
    html = await page(client)
    assert "Opening the story…" in html and "(o) (o)" in html  # a face, not a logo
    assert "Textual" not in html and "background.png" not in html
    assert "<svg" not in html


async def test_nothing_is_fetched_from_another_site(client: TestClient) -> None:
    html = await page(client)
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", html), html
    assert not re.search(r"url\(\s*[\"']?(?:https?:)?//", html)
    assert "@import" not in html
    # Every file the page names is served here, the font it draws with among them.
    names = re.findall(r"(?:src|href)=\"(/static/[^\"]+)\"", html)
    names += re.findall(r"url\(\"(/static/[^\"]+)\"\)", html)
    assert any(name.endswith(".ttf") for name in names)
    for name in set(names):
        response = await client.get(name, headers=HOST)
        assert response.status == 200, name
        body = await response.read()
        if name.endswith((".js", ".css")):
            text = body.decode("utf-8", "replace")
            assert not re.search(r"@import|url\(\s*[\"']?https?://|fonts\.googleapis", text)


async def test_the_browser_is_told_to_fetch_nothing_from_elsewhere(client: TestClient) -> None:
    response = await client.get("/", headers=HOST)
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "connect-src 'self' ws://127.0.0.1:8000/ws;" in policy
    other = await client.get("/static/css/xterm.css", headers=HOST)
    assert other.headers["Content-Security-Policy"] == "frame-ancestors 'none'"


async def test_a_full_server_says_so_in_the_same_title() -> None:
    game = server(sessions=1)
    game._taken = 1  # every session taken
    async with TestClient(TestServer(await game._make_app())) as client:
        response = await client.get("/", headers=HOST)
        assert response.status == 503
        text = await response.text()
        assert "<title>A &lt;small&gt; story</title>" in text and "server is full" in text
        assert "//" not in text.replace("<!DOCTYPE", "")


def test_the_title_is_the_storys(tmp_path: Path) -> None:
    story = tmp_path / "story"
    shutil.copytree(STARTER, story)
    yaml = story / "story.yaml"
    yaml.write_text(yaml.read_text().replace("title: Face of Another", "title: The Other Face"))
    assert page_title(story) == ("The Other Face", "en")
    assert page_title(tmp_path / "no story here") == (GAME, "en")
