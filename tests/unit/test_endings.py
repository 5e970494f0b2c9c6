"""The endings as the session layer tells them: found ones with their page, missing ones with
their act."""

from __future__ import annotations

from pathlib import Path

from game.profile import Profile
from game.session import Session
from game.session.endings import endings
from game.story.i18n import translated
from game.story.runtime import Story


def test_endings_found_keep_their_page_and_missing_ones_their_act(bundled: Story,
                                                                  tmp_path: Path):
    profile = Profile.load(tmp_path)
    first = endings(profile, bundled)
    assert first.found == [] and len(first.every) == first.total == len(bundled.endings)
    assert [e.act for e in first.every] == sorted(e.act for e in first.every)
    assert all(e.act > 0 and not e.found and e.page == () for e in first.every)
    ending = next(s for s in bundled.endings if s.act == 1)
    profile.add_ending(bundled.id, ending.ending, "title")
    profile.set_ending_page(bundled.id, ending.ending, [ending.paragraphs[0].key, "no.such"])
    again = endings(Profile.load(tmp_path) if profile.save() is None else profile, bundled)
    found = again.every[0]
    assert found.found and found.key == ending.ending and found.act == 1
    assert found.page == (bundled.text(ending.paragraphs[0].key),)  # unknown keys left out
    assert again.missing == again.total - 1


def test_reaching_an_ending_keeps_what_was_read_there(starter: Story, tmp_path: Path):
    profile = Profile.load(tmp_path)
    session = Session(starter, profile)
    for choice in ("go_home", "accept_help"):
        session.choose(choice)
    (found,) = [e for e in endings(Profile.load(tmp_path), starter).every if e.found]
    assert found.page == tuple(p.text for p in session.view.paragraphs)


def test_the_page_is_read_in_the_story_s_language(bundled: Story, tmp_path: Path):
    profile = Profile.load(tmp_path)
    ending = bundled.endings[0]
    profile.add_ending(bundled.id, ending.ending, "title")
    profile.set_ending_page(bundled.id, ending.ending, [ending.paragraphs[0].key])
    russian = translated(bundled, "ru")
    (found,) = [e for e in endings(profile, russian).every if e.found]
    assert found.page == (russian.text(ending.paragraphs[0].key),)
    assert found.page != (bundled.text(ending.paragraphs[0].key),)
    assert found.title == russian.text(ending.ending)
