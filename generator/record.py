"""The build record: what was built from what, kept beside the output as JSON."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from . import __version__
from .atomic import write_bytes_atomic
from .document import Document
from .library import Library
from .validate import Choices, nest

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
        "outputs": [
            {"file": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()} for path in outputs
        ],
    }


def write_record(path: Path, record: dict[str, Any]) -> None:
    text = json.dumps(record, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    write_bytes_atomic(path, text.encode("utf-8"))


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value
