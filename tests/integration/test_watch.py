"""Hot reload: an edited story is reloaded and the player's moves replayed (plain mode)."""

from __future__ import annotations

import io

from game.engine import Choose
from game.plain import PlainGame
from game.session.playthrough import Playthrough
from game.session.watch import StoryWatcher
from game.story import load_story
from tests.edits import copy_starter, touch_edit


def test_watcher_notices_edits_once(tmp_path):
    root = copy_starter(tmp_path)
    watcher = StoryWatcher(root)
    assert not watcher.changed()
    touch_edit(root / "scenes" / "act1.yaml", "K.'s office smells", "K.'s office reeks")
    assert watcher.changed()
    assert not watcher.changed()
    (root / "scenes" / "extra.yaml").write_text("[]\n")
    assert watcher.changed()


def test_reload_replays_the_moves_to_the_same_point(tmp_path):
    root = copy_starter(tmp_path)
    game = Playthrough(load_story(root))
    for move in ("go_home", "buy_finger", "pay_stranger"):
        game.act(Choose(choice=move))
    before = game.state
    touch_edit(root / "scenes" / "act2.yaml", "You take a room's worth", "You carry a room's worth")
    result = game.reload(load_story(root))
    assert (result.replayed, result.total, result.stopped) == (3, 3, "")
    assert game.state.scene == before.scene and game.state.vars == before.vars
    assert "You carry a room's worth" in game.story.text("workshop.p1")


def test_reload_stops_where_a_move_no_longer_fits(tmp_path):
    root = copy_starter(tmp_path)
    game = Playthrough(load_story(root))
    for move in ("go_home", "walk_out", "take_cast"):
        game.act(Choose(choice=move))
    touch_edit(root / "scenes" / "act1.yaml", "- id: walk_out", "- id: stride_out")
    result = game.reload(load_story(root))
    assert (result.replayed, result.total) == (1, 3)
    assert "walk_out" in result.stopped
    assert game.state.scene == "k_office"


def test_plain_watch_reloads_and_keeps_playing_through_errors(tmp_path):
    root = copy_starter(tmp_path)
    out = io.StringIO()
    game = PlainGame(load_story(root), out, watch=True)
    game.start()
    game.handle("1")
    act1 = root / "scenes" / "act1.yaml"
    touch_edit(act1, "      go: workshop\n    - id: accept_help",
               "      go: nowhere\n    - id: accept_help")
    game.handle("look")
    text = out.getvalue()
    assert "The story changed, but it has 1 error; playing on with the last good version:" in text
    assert "E201 unknown scene 'nowhere'" in text
    touch_edit(act1, "      go: nowhere\n", "      go: workshop\n")
    touch_edit(act1, "K.'s office smells of resin", "K.'s office smells of glue")
    out.truncate(0)
    game.handle("look")
    text = out.getvalue()
    assert "The story changed: replayed 1 of 1 move." in text
    assert "smells of glue" in text


def test_a_reload_keeps_the_language(tmp_path):
    import yaml

    from game.story.i18n import source_hash, translated

    root = copy_starter(tmp_path)
    (root / "i18n" / "ru").mkdir(parents=True)
    title = load_story(root).text("k_office.title")
    (root / "i18n" / "ru" / "a.yaml").write_text(yaml.safe_dump(
        {"k_office.title": {"source": source_hash(title), "text": "Кабинет К."}},
        allow_unicode=True))
    out = io.StringIO()
    game = PlainGame(translated(load_story(root), "ru"), out, watch=True)
    game.start()
    game.handle("1")
    touch_edit(root / "scenes" / "act1.yaml", "K.'s office smells", "K.'s office reeks")
    out.truncate(0)
    game.handle("look")
    assert "== Кабинет К. ==" in out.getvalue()
    assert game.story.language == "ru"
