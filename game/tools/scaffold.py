"""``face-of-another new scene``: write a scene skeleton that loads, in the right file.

The skeleton has TODO text and one choice that goes to a scene that exists, so the story
still loads and ``check`` passes once a choice somewhere leads to the new scene. It is
appended to ``scenes/actN.yaml`` (``--act N``), to a file named with ``--file``, or written
to a new file ``scenes/<id>.yaml``. The story is loaded again afterwards; if the new scene
does not load, the file is put back as it was.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from game.files import is_regular, read_limited
from game.story.limits import MAX_FILE_BYTES
from game.story.loader import read_story
from game.story.runtime import Story
from game.story.yamlfile import locate, read_yaml

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SCHEMA_LINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)\s*$")


class ScaffoldError(Exception):
    """Why the skeleton was not written (a message for the author)."""


@dataclass
class NewScene:
    """Where the skeleton went."""

    id: str
    path: Path
    line: int
    """The line of its ``- id:``."""
    target: str
    """Where its placeholder choice goes."""
    act: int | None
    created: bool
    """True if the file is new."""


SKELETON = """\
- id: {id}
  title: TODO the title of {id}
{act}  # people: [{person}]    # who is here: ids from characters.yaml
  # faces:
  #   allowed: [{faces}]    # the faces possible here (default: all)
  #   on_change:    # what changing face here does
  #     - to: {face}
  #       text: TODO what changing face here looks like
  text:
    - >-
      TODO what the hero sees, hears and thinks here. Each item of 'text' is a
      paragraph.
  choices:
    - id: onward
      label: TODO the way on (it goes to {target} for now)
      go: {target}
"""


def check_id(sid: str) -> None:
    """Refuse a scene id the loader would refuse."""
    if not _IDENT.match(sid) or len(sid) > 64:
        raise ScaffoldError(f"'{sid}' is not a valid scene id: use letters, digits and _, "
                            "not starting with a digit (at most 64 characters)")


def new_scene(root: str | Path, sid: str, act: int | None = None,
              file: str | Path | None = None, to: str | None = None) -> NewScene:
    """Write a skeleton for scene ``sid`` in the story at ``root``; raises ScaffoldError."""
    root = Path(root)
    check_id(sid)
    story = _load(root)
    if sid in story.scenes:
        assert story.sources is not None
        where = story.sources.scenes[sid][0]
        doc, at = story.sources.locate(sid, ("id",))
        line, _ = locate(doc.root, at)
        raise ScaffoldError(f"scene '{sid}' already exists ({where}:{line}); pick another id")
    scenes_dir = root / "scenes"
    path = _target_file(scenes_dir, sid, act, file)
    created = not path.exists()
    placed = story.sources.scenes if story.sources is not None else {}
    in_file = [s for s in story.scenes.values()
               if s.id in placed and Path(placed[s.id][0]).resolve() == path.resolve()]
    if act is None and in_file:
        act = in_file[-1].act or None
    target = _way_on(story, act, to)

    before = None
    if not created:
        doc = read_yaml(path)  # regular files only, within the size limit
        if not doc.ok:
            raise ScaffoldError(f"{path} has YAML errors; run 'face-of-another check "
                                f"{root}' and fix them first")
        if isinstance(doc.data, dict):
            raise ScaffoldError(f"{path} holds one scene as a mapping, not a list: turn it "
                                "into a list ('- id: ...') or choose another --file")
        before = read_limited(path, MAX_FILE_BYTES).decode("utf-8")
    skeleton = SKELETON.format(id=sid, target=target,
                               act=f"  act: {act}\n" if act is not None else "",
                               person=next(iter(story.people), "someone"),
                               faces=", ".join(story.faces), face=list(story.faces)[-1])
    if before is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        header = _header(scenes_dir, path, sid, act, file)
        text = header + "\n" + skeleton
        line = header.count("\n") + 2
    else:
        body = before if before.endswith("\n") or not before else before + "\n"
        text = body + ("\n" if body.strip() else "") + skeleton
        line = (body + ("\n" if body.strip() else "")).count("\n") + 1
    path.write_text(text, encoding="utf-8")

    after, problems = read_story(root)
    errors = [p for p in problems if p.severity == "error"]
    if after is None or sid not in after.scenes or errors:
        if before is None:
            path.unlink()
        else:
            path.write_text(before, encoding="utf-8")
        found = "; ".join(p.format() for p in errors[:3]) or "the scene did not load"
        raise ScaffoldError(f"the skeleton did not load, so {path} was left as it was: {found}")
    return NewScene(sid, path, line, target, act, created)


def _load(root: Path) -> Story:
    story, problems = read_story(root)
    if story is None or any(p.severity == "error" for p in problems):
        raise ScaffoldError(f"the story in {root} does not load; run 'face-of-another check "
                            f"{root}' and fix its errors first")
    return story


def _target_file(scenes_dir: Path, sid: str, act: int | None,
                 file: str | Path | None) -> Path:
    if file is None:
        return scenes_dir / (f"act{act}.yaml" if act is not None else f"{sid}.yaml")
    path = Path(file)
    if not path.is_absolute():
        # "scenes/x.yaml" given from the story's parent folder, or "x.yaml" inside scenes/
        here = path.resolve()
        path = here if _inside(here, scenes_dir) else scenes_dir / path
    if path.suffix not in (".yaml", ".yml"):
        raise ScaffoldError(f"{file}: a scene file must end in .yaml or .yml")
    if not _inside(path, scenes_dir):
        raise ScaffoldError(f"{file}: scene files must be inside {scenes_dir} (the story reads "
                            "scenes/**/*.yaml only)")
    if path.exists() and not path.is_file():
        raise ScaffoldError(f"{path} is not a file")
    return path


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _way_on(story: Story, act: int | None, to: str | None) -> str:
    """The scene the placeholder choice goes to: ``to``, the first scene of the next act,
    the first ending, or the start."""
    if to is not None:
        if to not in story.scenes:
            close = difflib.get_close_matches(to, list(story.scenes), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ScaffoldError(f"--to: there is no scene '{to}'{hint}")
        return to
    if act is not None:
        nxt = [s for s in story.scenes.values() if s.act == act + 1 and not s.ending]
        if nxt:
            return nxt[0].id
    endings = story.endings
    return endings[0].id if endings else story.start


def _header(scenes_dir: Path, path: Path, sid: str, act: int | None,
            file: str | Path | None) -> str:
    """The first lines of a new scene file: the schema line its neighbours use, a comment."""
    lines = []
    schema = _schema_of_neighbours(scenes_dir)
    if schema is not None:
        lines.append(f"# yaml-language-server: $schema="
                     f"{Path(os.path.relpath(schema, path.parent)).as_posix()}")
    if file is None and act is not None:
        lines.append(f"# Act {act}.")
    else:
        lines.append(f"# The scene '{sid}'.")
    return "\n".join(lines) + "\n"


def _schema_of_neighbours(scenes_dir: Path) -> Path | None:
    for sibling in sorted(scenes_dir.glob("*.y*ml")):
        if not is_regular(sibling):  # a FIFO would block the read
            continue
        try:
            with sibling.open(encoding="utf-8") as fh:
                first = fh.readline().strip()
        except (OSError, UnicodeDecodeError):
            continue
        match = _SCHEMA_LINE.match(first)
        if match and "://" not in match.group(1):
            schema = (sibling.parent / match.group(1)).resolve()
            return schema if schema.is_file() else None
    return None
