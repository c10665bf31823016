"""A clause library's CHANGELOG.yaml: what changed in each version of the library, and why.

Top-level keys are versions ("2.0.0", quoted), newest first. Each holds
  date        the day the version was published
  reason      {da, en}: the version's one-paragraph reason
  clauses     [{id, change: added|changed|removed, replaces: [ids of the earlier version], reason {da, en}}]
  options     [{key, change: added|changed|removed, reason {da, en}}]
  migrations  [{key, values: {old: new}}             a choice renamed
               {key, rename_to: new.key}             an option key renamed (values may come with it)
               {key, remove: true, reason {da, en}}] an option removed
`migrations` follow copier's `_migrations`: they turn an options file or a build record of an
earlier version into one of this version (`migrate`). `rename_to` is an addition to the format
the library started with: a key moved is otherwise a removal and an addition, and the school's
answer would be lost.

Every problem is reported as `file:line: key: message`, all at once (PolicyError).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from generator.errors import PolicyError, Problem
from generator.library.model import field_error
from generator.load import Loaded, load_yaml
from generator.messages import Said, quoted

CHANGELOG_FILE = "CHANGELOG.yaml"
Change = Literal["added", "changed", "removed"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reason(_Model):
    """One sentence in each language."""

    da: str
    en: str

    def text(self, language: str) -> str:
        return self.da if language == "da" else self.en


class ClauseEntry(_Model):
    id: str
    change: Change
    replaces: list[str] = []
    reason: Reason


class OptionEntry(_Model):
    key: str
    change: Change
    reason: Reason


class Migration(_Model):
    key: str
    values: dict[Any, Any] = {}
    rename_to: str | None = None
    remove: bool = False
    reason: Reason | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Migration:
        if self.remove and (self.values or self.rename_to):
            raise ValueError("a removed key is neither renamed nor has its values renamed")
        if not (self.remove or self.values or self.rename_to):
            raise ValueError("say what becomes of the key: values, rename_to or remove")
        return self


class Release(_Model):
    date: dt.date
    reason: Reason
    clauses: list[ClauseEntry] = []
    options: list[OptionEntry] = []
    migrations: list[Migration] = []


@dataclass(frozen=True)
class Changelog:
    """The releases of one library, newest first."""

    file: str
    releases: dict[str, Release]

    @property
    def newest(self) -> str | None:
        return next(iter(self.releases), None)

    def since(self, version: str | None) -> list[tuple[str, Release]]:
        """The releases after `version` (all of them for None), oldest first."""
        after = version_key(version) if version is not None else ()
        return [(name, release) for name, release in reversed(self.releases.items()) if version_key(name) > after]

    def clause_entry(self, clause_id: str, since: str | None) -> ClauseEntry | None:
        """The newest entry since `since` that names `clause_id`, or a clause that replaces it."""
        found = None
        for _, release in self.since(since):
            for entry in release.clauses:
                if entry.id == clause_id or clause_id in entry.replaces:
                    found = entry
        return found

    def replacements(self, clause_id: str, since: str | None) -> list[str]:
        """The clauses of the newest version that take the place of `clause_id` (through every release since)."""
        current = [clause_id]
        for _, release in self.since(since):
            following: list[str] = []
            for old in current:
                new = [entry.id for entry in release.clauses if old in entry.replaces]
                gone = any(entry.id == old and entry.change == "removed" for entry in release.clauses)
                following += new or ([] if gone else [old])
            current = list(dict.fromkeys(following))
        return current

    def option_entry(self, key: str, since: str | None) -> OptionEntry | None:
        found = None
        for _, release in self.since(since):
            found = next((entry for entry in release.options if entry.key == key), found)
        return found


def version_key(version: str) -> tuple[int, ...]:
    """"2.0.0" as (2, 0, 0), for comparing versions; ValueError for anything but numbers and dots."""
    parts = str(version).split(".")
    if not all(part.isdigit() for part in parts):
        raise ValueError(f"not a version of numbers and dots: {version!r}")
    return tuple(int(part) for part in parts)


def read_changelog(library_root: str | Path) -> Changelog | None:
    """The library's changelog (None if it has none); PolicyError listing every problem in it."""
    path = Path(library_root) / CHANGELOG_FILE
    if not path.is_file():
        return None
    return _read(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _read(path: str, _mtime: int) -> Changelog:
    loaded = load_yaml(Path(path))
    problems: list[Problem] = []
    if not isinstance(loaded.data, dict) or not loaded.data:
        raise PolicyError(loaded.problem(None, Said("changelog_not_mapping")))
    releases: dict[str, Release] = {}
    previous: tuple[int, ...] | None = None
    for name in loaded.data:
        try:
            key = version_key(name) if isinstance(name, str) else None
        except ValueError:
            key = None
        if key is None:
            problems.append(loaded.problem(str(name), Said("changelog_version", shown=quoted(name))))
            continue
        if previous is not None and key >= previous:
            problems.append(loaded.problem(name, Said("changelog_order")))
        previous = key
        release = _release(loaded, name, problems)
        if release is not None:
            releases[name] = release
            _check_migrations(loaded.file, loaded.lines, name, release, problems)
    if problems:
        raise PolicyError(problems)
    return Changelog(path, releases)


def _release(loaded: Loaded, name: str, problems: list[Problem]) -> Release | None:
    """The release `name`, or None with a problem at the line of each field that is wrong."""
    data = loaded.data[name]
    if not isinstance(data, dict):
        problems.append(loaded.problem(name, Said("expected_a_mapping")))
        return None
    try:
        return Release.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = error["loc"]
            if error["type"] == "extra_forbidden":  # at its mapping, named, not as a key of its own
                parent = _dotted(name, loc[:-1])
                problems.append(loaded.problem(parent, Said("changelog_unexpected_key", name=quoted(str(loc[-1])))))
            else:
                problems.append(loaded.problem(_dotted(name, loc), field_error(error)))
        return None


def _dotted(name: str, loc: tuple[Any, ...]) -> str:
    """`2.0.0.clauses[3].reason`: a place in the file as its lines are keyed (`load.Loaded.lines`)."""
    return name + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc)


def _check_migrations(file: str, lines: dict[str, int], name: str, release: Release, problems: list[Problem]) -> None:
    """A key migrated twice in one release would depend on the order of the list: refused."""
    seen: set[str] = set()
    for index, migration in enumerate(release.migrations):
        if migration.key in seen:
            key = f"{name}.migrations[{index}].key"
            problems.append(Problem.of(file, lines.get(key), key, Said("changelog_migrated_twice")))
        seen.add(migration.key)


def check_against(changelog: Changelog, version: str, library_file: str) -> None:
    """The library's own version must be the changelog's newest: else its changes go unsaid."""
    if changelog.newest != version:
        said = Said("changelog_not_newest", version=quoted(version), newest=quoted(changelog.newest or ""))
        raise PolicyError.at(library_file, None, "version", said)
