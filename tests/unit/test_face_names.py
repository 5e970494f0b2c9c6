"""Typing a face's name in any language: case and accents ignored, labels shortened, and the
aliases a story gives its faces (translated like any string). The faces of these stories
are not the bundled story's, so the matching must come from the story's data."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from game.session import Session
from game.session.face_names import fold, match, shown_name, typed_name
from game.story.i18n import source_hash, translated
from game.story.loader import load_story
from game.story.runtime import Story

FACES = """\
faces:
  plain:
    label: Plain
    aliases: [face, open]
  hood:
    label: Hooded
    aliases: [hood, cloth]
  veil:
    label: Veiled
"""

SCENE = """\
- id: yard
  title: The yard
  text: A well.
  ending: The end
"""

# Russian: "hood" is "в капюшоне", "plain" is "без капюшона": one stem, two faces.
RU = {"face.plain.label": "Без капюшона", "face.plain.aliases": "лицо, открыто, без капюшона",
      "face.hood.label": "В капюшоне", "face.hood.aliases": "капюшон, ткань",
      "face.veil.label": "Под вуалью"}
PT = {"face.plain.label": "Descoberto", "face.plain.aliases": "rosto",
      "face.hood.label": "De capuz", "face.hood.aliases": "capuz, pano",
      "face.veil.label": "Com véu"}


def _story(root: Path, faces: str = FACES) -> Path:
    (root / "scenes").mkdir(parents=True)
    head = 'id: hooded\ntitle: The Hood\nversion: "1"\nstart: yard\nstart_face: plain\n\n'
    (root / "story.yaml").write_text(head + faces, encoding="utf-8")
    (root / "scenes" / "main.yaml").write_text(SCENE, encoding="utf-8")
    english = load_story(root)
    for code, table in (("ru", RU), ("pt", PT)):
        folder = root / "i18n" / code
        folder.mkdir(parents=True)
        entries = {key: {"source": source_hash(english.strings[key]), "text": text}
                   for key, text in table.items() if key in english.strings}
        (folder / "story.yaml").write_text(yaml.safe_dump(entries, allow_unicode=True),
                                           encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Story:
    return load_story(_story(tmp_path_factory.mktemp("hood")))


def test_names_are_folded_without_case_or_accents() -> None:
    assert fold("  Máscara ") == fold("MASCARA") == "mascara"
    assert fold("Ёлка") == "елка"
    assert fold("В  маске") == "в маске"


def test_aliases_are_one_string_per_face_in_the_table(story: Story) -> None:
    assert story.strings["face.plain.aliases"] == "face, open"
    assert "face.veil.aliases" not in story.strings


@pytest.mark.parametrize(("typed", "face"), [
    ("plain", "plain"), ("PLAIN", "plain"), ("hooded", "hood"), ("hood", "hood"),
    ("face", "plain"), ("open", "plain"), ("Cloth", "hood"), ("veil", "veil"),
    ("veiled", "veil"), ("hoods", "hood"), ("vei", "veil"),
])
def test_english_names(story: Story, typed: str, face: str) -> None:
    assert match(story, typed) == face


@pytest.mark.parametrize("typed", ["", "ve", "beard", "without"])
def test_no_face_fits(story: Story, typed: str) -> None:
    assert match(story, typed) is None


@pytest.mark.parametrize(("typed", "face"), [
    ("в капюшоне", "hood"), ("В КАПЮШОНЕ", "hood"), ("капюшоне", "hood"),  # no preposition
    ("капюшон", "hood"), ("ткань", "hood"), ("лицо", "plain"), ("открыто", "plain"),
    ("без капюшона", "plain"), ("вуаль", "veil"), ("вуалью", "veil"), ("под вуалью", "veil"),
    ("hood", "hood"), ("plain", "plain"),  # English still works
])
def test_russian_names(story: Story, typed: str, face: str) -> None:
    assert match(translated(story, "ru"), typed) == face


@pytest.mark.parametrize(("typed", "face"), [
    ("capuz", "hood"), ("CAPUZ", "hood"), ("de capuz", "hood"), ("pano", "hood"),
    ("rosto", "plain"), ("descoberto", "plain"), ("véu", "veil"), ("veu", "veil"),
    ("com veu", "veil"), ("Com Véu", "veil"),
])
def test_portuguese_names(story: Story, typed: str, face: str) -> None:
    assert match(translated(story, "pt"), typed) == face


def test_a_stem_two_faces_share_fits_neither_without_an_alias(tmp_path: Path) -> None:
    faces = FACES.replace("    aliases: [hood, cloth]\n", "")
    ru = translated(load_story(_story(tmp_path / "s", faces)), "ru")
    # "капюш" starts both "в капюшоне" and "без капюшона": the alias "капюшон" was the hood's
    assert match(ru, "капюш") is None
    assert match(ru, "капюш", {"hood": ["капюшон"]}) == "hood"  # extra names passed in


def test_shown_names_are_never_ids_but_in_english(story: Story) -> None:
    assert [shown_name(story, f) for f in ("plain", "hood", "veil")] == [
        "plain", "hooded (hood)", "veiled (veil)"]
    ru = translated(story, "ru")
    assert [shown_name(ru, f) for f in ("plain", "hood", "veil")] == [
        "без капюшона (лицо)", "в капюшоне (капюшон)", "под вуалью"]
    assert [typed_name(translated(story, "pt"), f) for f in ("plain", "hood", "veil")] == [
        "rosto", "capuz", "com véu"]


def test_the_session_finds_a_typed_name(story: Story) -> None:
    session = Session(story)
    session.switch_language("ru")
    assert session.face_named("Капюшон") == "hood"
