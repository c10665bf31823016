"""The build record: what was built from what, kept beside the output as JSON."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from generator import __version__
from generator.atomic import staged, write_bytes_atomic
from generator.document import Document
from generator.errors import PolicyError
from generator.library.model import Library
from generator.library.selection import nest
from generator.load import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES, nfc, read_bounded, shown_key, unreadable_path
from generator.messages import Said
from generator.options.check_values import shown_words, unprintable_in
from generator.options.validate import Choices
from generator.resources import LIBRARIES_DIR

RECORD_SUFFIX = ".record.json"


def build_record(
    library: Library, choices: Choices, document: Document, outputs: list[Path], options_file: str
) -> dict[str, Any]:
    by_id = {clause.id: clause for clause in library.clauses}
    return {
        "tool": {"name": "policygen", "version": __version__},
        "library": {
            "id": library.meta.id,
            "version": library.meta.version,
            "sha256": library.digest,
            "overlays": list(library.overlays),
        },
        "options_file": options_file,
        "language": choices.language,
        "edition": document.meta.edition,
        "created": document.meta.created,
        "options": nest({key: _plain(value) for key, value in choices.values.items()}),
        "clauses": [
            {
                "id": clause.id,
                "number": clause.number,
                "status": clause.status,
                "source": {
                    "ref": by_id[clause.id].source.ref,
                    "passage": by_id[clause.id].source.passage.get(choices.language, ""),
                },
                "origin": by_id[clause.id].origin,
            }
            for clause in document.iter_clauses()
        ],
        "outputs": [{"file": path.name, "sha256": _sha256(staged(path) or path)} for path in outputs],
    }


def _sha256(path: Path) -> str:
    """The hash of an output: read where it waits to be put in place (`atomic.staged`), or where it is."""
    sha = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            sha.update(chunk)
    return sha.hexdigest()


def write_record(path: Path, record: dict[str, Any]) -> None:
    text = json.dumps(record, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    write_bytes_atomic(path, text.encode("utf-8"))


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def read_record(path: Path) -> dict[str, Any]:
    """A build record as written by `write_record`, read with the limits of an options file
    (at most 256 KiB, 32 levels of nesting, 20,000 values); PolicyError naming the file (and key) otherwise."""
    name = str(path)
    raw = read_bounded(path, MAX_FILE_BYTES)
    try:
        record = json.loads(nfc(raw.decode("utf-8-sig")))  # composed text, as the YAML loader keeps it
    except RecursionError:
        raise PolicyError.at(name, None, None, Said("too_deep", limit=MAX_DEPTH)) from None
    except ValueError as exc:  # not UTF-8, not JSON
        raise PolicyError.at(name, None, None, Said("not_a_record_file", detail=str(exc))) from None
    _check_shape(name, record)
    ok = isinstance(record, dict) and isinstance(record.get("options"), dict)
    if not ok or not isinstance(record.get("library"), dict) or not isinstance(record["library"].get("id"), str):
        raise PolicyError.at(name, None, None, Said("not_a_record"))
    return record


def _check_shape(name: str, record: Any) -> None:
    """Refuse nesting deeper than an options file may have, and more values than it may hold."""
    stack: list[tuple[str, Any, int]] = [("", record, 0)]
    count = 0
    while stack:
        key, value, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise PolicyError.at(name, None, None, Said("record_too_many", limit=MAX_NODES))
        if depth > MAX_DEPTH:
            raise PolicyError.at(name, None, shown_key(key.lstrip(".") or None), Said("too_deep", limit=MAX_DEPTH))
        if isinstance(value, dict):
            stack += [(f"{key}.{child}", item, depth + 1) for child, item in value.items()]
        elif isinstance(value, list):
            stack += [(f"{key}[{index}]", item, depth + 1) for index, item in enumerate(value)]


def record_overlays(record: dict[str, Any], path: Path) -> list[Path]:
    """The overlay folders of the record (`library.overlays`, where the record lists them),
    else those its clauses came from (its library's own folder excepted); each must still be there."""
    listed = record["library"].get("overlays")
    if isinstance(listed, list):
        named = [(f"library.overlays[{index}]", folder) for index, folder in enumerate(listed)]
    else:
        clauses = record.get("clauses") if isinstance(record.get("clauses"), list) else []
        named = [
            (f"clauses[{index}].origin", clause["origin"])
            for index, clause in enumerate(clauses)
            if isinstance(clause, dict) and clause.get("origin")
        ]
    root = (LIBRARIES_DIR / record["library"]["id"]).resolve()
    folders = dict.fromkeys(_overlay_folder(str(path), key, folder) for key, folder in named)
    return [folder for folder in folders if isinstance(listed, list) or folder.resolve() != root]


def _overlay_folder(name: str, key: str, folder: Any) -> Path:
    """An overlay folder named in a record, if it is there and can be looked up; PolicyError otherwise."""
    if not isinstance(folder, str) or not folder.strip():
        raise PolicyError.at(name, None, key, Said("expected_overlay_path"))
    if said := unprintable_in(folder):
        raise PolicyError.at(name, None, key, said)
    why = unreadable_path(Path(folder), folder=True)
    if why == "missing":
        raise PolicyError.at(name, None, key, Said("overlay_gone", folder=shown_words(folder)))
    if why is not None:
        raise PolicyError.at(name, None, key, Said("value_unreadable", shown=shown_words(folder), reason=why))
    return Path(folder)
