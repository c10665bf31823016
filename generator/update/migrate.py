"""A school's choices made for an earlier version of the library, made fit for today's.

The changelog's `migrations` (`changelog.Migration`) are applied in release order to the
options a school's file or build record holds: a key renamed (`rename_to`), a choice renamed
(`values`), a key removed (`remove`). Each one applied is said, as a note at the file and line
of the key. A record built with a version of the library newer than the one installed cannot
be updated by this policygen: that is an error, not a guess.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import PolicyError, Problem
from generator.library.model import Library
from generator.load import Loaded, load_yaml
from generator.messages import Said, quoted
from generator.record import RECORD_SUFFIX, read_record
from generator.update.changelog import Changelog, version_key


@dataclass
class School:
    """What one school adopted, as read: its options (a copy to change), and its record if it has one."""

    path: Path
    loaded: Loaded
    record: dict[str, Any] | None = None
    notes: list[Problem] = field(default_factory=list)

    @property
    def version(self) -> str | None:
        """The library version the school's policy was built with (None: an options file does not say)."""
        if self.record is None:
            return None
        version = self.record["library"].get("version")
        return version if isinstance(version, str) else None


def read_school(path: Path) -> School:
    """An options file or a build record (`*.record.json`); PolicyError if it is neither."""
    if not path.name.endswith(RECORD_SUFFIX):
        loaded = load_yaml(path)
        return School(path, Loaded(loaded.file, copy.deepcopy(loaded.data), loaded.lines, loaded.raw))
    record = read_record(path)
    data = {"library": record["library"]["id"], "language": record.get("language", "da"),
            **copy.deepcopy(record["options"])}
    return School(path, Loaded(str(path), data), record)


def check_version(school: School, library: Library) -> None:
    """Refuse a record built with a newer library than this one (PolicyError at `library.version`)."""
    built = school.version
    if built is None:
        return
    try:
        newer = version_key(built) > version_key(library.meta.version)
    except ValueError:
        said = Said("record_version_unreadable", version=quoted(built))
        raise PolicyError.at(str(school.path), None, "library.version", said) from None
    if newer:
        said = Said("record_newer_library", library=library.meta.id, version=built, installed=library.meta.version)
        raise PolicyError.at(str(school.path), None, "library.version", said)


def migrate(school: School, changelog: Changelog | None) -> list[Problem]:
    """Apply every migration of the releases after the school's version (all of them for an options
    file, whose version is not known: each applies only where the old key or value is there), in place.
    Returns a note for each one applied."""
    if changelog is None:
        return []
    data = school.loaded.data if isinstance(school.loaded.data, dict) else {}
    notes: list[Problem] = []
    for version, release in changelog.since(school.version):
        for migration in release.migrations:
            present, value = _get(data, migration.key)
            if not present:
                continue
            line = school.loaded.lines.get(migration.key)
            key = migration.key
            if migration.remove:
                _pop(data, key)
                reason = migration.reason.model_dump() if migration.reason else {"da": "", "en": ""}
                notes.append(Problem.of(school.loaded.file, line, key, Said("migrated_removed", version=version,
                                                                             reason=reason)))
                continue
            if migration.rename_to and not _get(data, migration.rename_to)[0]:
                _pop(data, key)
                _set(data, migration.rename_to, value)
                notes.append(Problem.of(school.loaded.file, line, key, Said(
                    "migrated_key", new=migration.rename_to, version=version)))
                key = migration.rename_to
            if _hashable(value) and value in migration.values:
                _set(data, key, migration.values[value])
                notes.append(Problem.of(school.loaded.file, line, key, Said(
                    "migrated_value", old=quoted(value), new=quoted(migration.values[value]), version=version)))
    school.notes += notes
    return notes


def _hashable(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool)) or value is None


def _get(data: dict[str, Any], key: str) -> tuple[bool, Any]:
    node: Any = data
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return False, None
        node = node[part]
    return True, node


def _set(data: dict[str, Any], key: str, value: Any) -> None:
    *parents, last = key.split(".")
    node = data
    for part in parents:
        if not isinstance(node.get(part), dict):
            node[part] = {}
        node = node[part]
    node[last] = value


def _pop(data: dict[str, Any], key: str) -> None:
    *parents, last = key.split(".")
    node: Any = data
    for part in parents:
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, dict):
        node.pop(last, None)
