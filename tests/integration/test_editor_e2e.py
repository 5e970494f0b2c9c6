"""End to end in an editor's language server: the real yaml-language-server, over LSP.

The schemas ``face-of-another schema --story DIR`` writes are what an editor reads; this test
drives the language server that VS Code's YAML extension (and others) run, the way an editor
does: JSON-RPC over the server's standard input and output. It opens a scene file that points
at the schema, and checks what an author sees: a diagnostic for an unknown key, the keys
offered in a choice, and the story's scene ids offered after ``go: ``.

The server is installed once with ``npm install yaml-language-server`` into a cache folder
(``$FACE_LSP_CACHE``, default ``~/.cache/face-of-another/yaml-language-server``); without
``node`` and ``npm``, or when the install fails (no network), the test is skipped and says
why.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from queue import Empty, Queue
from typing import Any

import pytest

from game.cli import main
from tests.paths import MINIMAL

pytestmark = pytest.mark.e2e

TIMEOUT = 60.0
CACHE = Path(os.environ.get("FACE_LSP_CACHE",
                            Path.home() / ".cache" / "face-of-another" / "yaml-language-server"))
SERVER = CACHE / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"


def _install() -> Path:
    """The server's script, installed into :data:`CACHE` if it is not there yet."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("needs node and npm to install yaml-language-server")
    if not SERVER.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        try:
            done = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix",
                                   str(CACHE), "yaml-language-server"],
                                  capture_output=True, text=True, timeout=300, check=False)
        except subprocess.TimeoutExpired:
            pytest.skip("npm install yaml-language-server timed out (no network?)")
        if done.returncode != 0 or not SERVER.exists():
            said = [ln for ln in done.stderr.splitlines()
                    if ln.strip() and "complete log" not in ln] or ["no output"]
            pytest.skip(f"could not install yaml-language-server (no network?): {said[0]}")
    return SERVER


class Client:
    """A minimal LSP client: requests with ids, notifications, and the server's own
    requests answered (configuration, capability registration, progress)."""

    def __init__(self, script: Path, root: Path) -> None:
        self.proc = subprocess.Popen(["node", str(script), "--stdio"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     cwd=root)
        self.next_id = 0
        self.inbox: Queue[dict[str, Any]] = Queue()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = 0
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value.strip())
            self.inbox.put(json.loads(out.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        stdin = self.proc.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        mine = self.next_id
        self.send({"id": mine, "method": method, "params": params})
        found = self.wait(lambda m: m.get("id") == mine and "method" not in m, method)
        assert "error" not in found, found
        return found.get("result")

    def wait(self, wanted: Any, what: str, timeout: float = TIMEOUT) -> dict[str, Any]:
        """The next message ``wanted`` accepts, answering the server's requests meanwhile."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"timed out waiting for {what}")
            try:
                message = self.inbox.get(timeout=left)
            except Empty:
                continue
            self._handle(message)
            if wanted(message):
                return message

    def _handle(self, message: dict[str, Any]) -> None:
        method = message.get("method")
        if method == "textDocument/publishDiagnostics":
            params = message["params"]
            self.diagnostics[params["uri"]] = params["diagnostics"]
        if method is not None and "id" in message:  # a request from the server
            result: Any = None
            if method == "workspace/configuration":
                result = [SETTINGS.get(item.get("section", ""))
                          for item in message["params"]["items"]]
            self.send({"id": message["id"], "result": result})

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.proc.wait(timeout=5)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()


SETTINGS: dict[str, Any] = {
    "yaml": {"validate": True, "hover": True, "completion": True, "schemas": {},
             "schemaStore": {"enable": False}, "format": {"enable": False}},
    "http": {"proxy": "", "proxyStrictSSL": False},
    "[yaml]": {},
    "editor": {"tabSize": 2},
    "files": {},
}


@pytest.fixture
def story(tmp_path: Path) -> Path:
    """A copy of the minimal story whose schemas list its own ids."""
    root = tmp_path / "story"
    shutil.copytree(MINIMAL, root)
    assert main(["schema", "--story", str(root), "--out", str(root / "schema")]) == 0
    return root


@pytest.fixture
def client(story: Path) -> Iterator[Client]:
    lsp = Client(_install(), story)
    try:
        lsp.request("initialize", {
            "processId": os.getpid(), "rootUri": story.as_uri(),
            "capabilities": {
                "workspace": {"configuration": True},
                "textDocument": {"completion": {"completionItem": {"snippetSupport": False}},
                                 "publishDiagnostics": {}, "hover": {}}},
            "workspaceFolders": [{"uri": story.as_uri(), "name": "story"}]})
        lsp.notify("initialized", {})
        lsp.notify("workspace/didChangeConfiguration", {"settings": SETTINGS})
        yield lsp
    finally:
        lsp.close()


SCENE = "\n".join([
    "# yaml-language-server: $schema=../schema/scenes.schema.json",
    "- id: attic",
    "  title: The attic",
    "  lable: A typo",
    "  text: Dust.",
    "  choices:",
    "    - id: down",
    "      label: Go down",
    "      go: ",            # line 8: a scene id goes here
    "    - id: look",
    "      label: Look around",
    "      ",                # line 11: a key of the choice goes here
    ""])


def _labels(result: Any) -> list[str]:
    items = result.get("items", []) if isinstance(result, dict) else (result or [])
    return [item["label"] for item in items]


def test_the_language_server_reads_the_story_s_schema(story: Path, client: Client) -> None:
    path = story / "scenes" / "attic.yaml"
    path.write_text(SCENE, encoding="utf-8")
    uri = path.as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "yaml", "version": 1, "text": SCENE}})

    # A diagnostic: the unknown key, on its line (LSP lines count from 0).
    client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri and m["params"]["diagnostics"],
                "the diagnostics of the scene file")
    diagnostics = client.diagnostics[uri]
    assert any(d["range"]["start"]["line"] == 3 and "lable" in d["message"]
               for d in diagnostics), diagnostics

    # A key completion: in the second choice, the keys a choice may still have.
    keys = _labels(client.request("textDocument/completion", {
        "textDocument": {"uri": uri}, "position": {"line": 11, "character": 6}}))
    assert {"go", "do", "requires", "once"} <= set(keys), keys
    assert "id" not in keys and "label" not in keys  # already there

    # A scene id completion after "go: ": the scenes of the story the schema was made for.
    scenes = _labels(client.request("textDocument/completion", {
        "textDocument": {"uri": uri}, "position": {"line": 8, "character": 10}}))
    assert {"hall", "room", "street", "home"} <= set(scenes), scenes

    # A hover reads as an author's documentation, not as the code's.
    hover = client.request("textDocument/hover", {
        "textDocument": {"uri": uri}, "position": {"line": 8, "character": 7}})
    text = json.dumps(hover)
    assert "The scene to enter" in text and "Choice" not in text.replace("choice", "")
