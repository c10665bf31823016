"""The build record: what was built from what, kept beside the output as JSON.

Since record format 2 (`format`), the record also carries the resolved document itself
(`document`: the IR of `document.py` as JSON, the adopted edition's text), so that a redline
against the policy a school adopted is exact even after the clause library has changed
(`policygen update`). A record without it (format 1) still works: its policy is rebuilt from
its choices with today's library, and the comparison says so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from generator import __version__
from generator.atomic import staged, write_bytes_atomic
from generator.document import (
    Block,
    Clause,
    ContactRow,
    ContactTable,
    Document,
    ListBlock,
    Meta,
    Paragraph,
    Run,
    Section,
    Source,
    Theme,
)
from generator.errors import PolicyError
from generator.library.model import Library
from generator.library.selection import nest
from generator.load import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES, nfc, read_bounded, shown_key, unreadable_path
from generator.messages import Said
from generator.options.check_values import shown_words, unprintable_in
from generator.options.validate import Choices
from generator.resources import LIBRARIES_DIR

RECORD_SUFFIX = ".record.json"
RECORD_FORMAT = 2  # 1: choices and clause ids only; 2: the resolved document too


def build_record(
    library: Library, choices: Choices, document: Document, outputs: list[Path], options_file: str
) -> dict[str, Any]:
    by_id = {clause.id: clause for clause in library.clauses}
    return {
        "format": RECORD_FORMAT,
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
                "section": by_id[clause.id].section,
                "order": by_id[clause.id].order,
            }
            for clause in document.iter_clauses()
        ],
        "outputs": [{"file": path.name, "sha256": _sha256(staged(path) or path)} for path in outputs],
        "document": document_json(document),
    }


# ---- the resolved document as JSON ------------------------------------------------------


def document_json(document: Document) -> dict[str, Any]:
    """`document` as plain JSON data (`document_from_json` reads it back); the review edition's notes
    are left out: what was adopted is the text."""
    meta = document.meta
    return {
        "meta": {
            **{name: getattr(meta, name) for name in _META_FIELDS},
            "cover_facts": [list(pair) for pair in meta.cover_facts],
            "labels": dict(meta.labels),
            "theme": {name: getattr(meta.theme, name) for name in ("name", "logo", "accent", "font", "source")},
        },
        "sections": [
            {"id": s.id, "number": s.number, "title": s.title, "part": s.part, "clauses": [
                {"id": c.id, "number": c.number, "title": c.title, "status": c.status,
                 "blocks": [_block_json(block) for block in c.blocks]}
                for c in s.clauses
            ]}
            for s in document.sections
        ],
        "sources": [source.text for source in document.sources],
    }


_META_FIELDS = ("language", "lang_tag", "title", "school", "municipality", "status", "status_label", "version",
                "date_line", "author", "subject", "keywords", "created", "logo", "edition")


def _block_json(block: Block) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"paragraph": [_run_json(run) for run in block.runs]}
    if isinstance(block, ListBlock):
        items = [[_block_json(inner) for inner in item] for item in block.items]
        return {"list": items, "ordered": block.ordered, "start": block.start}
    return {"contacts": [[row.role, row.name, row.phone, row.email] for row in block.rows],
            "headers": list(block.headers)}


def _run_json(run: Run) -> dict[str, Any]:
    data: dict[str, Any] = {"text": run.text}
    data.update({name: True for name in ("strong", "emphasis", "typed") if getattr(run, name)})
    if run.href is not None:
        data["href"] = run.href
    return data


def document_from_json(data: dict[str, Any]) -> Document:
    """The Document `document_json` wrote; ValueError (KeyError, TypeError) if `data` is not one.
    A logo that is no longer where it was is left out: the text is what is compared."""
    meta = dict(data["meta"])
    theme = Theme(**meta.pop("theme"))
    if theme.logo and not Path(theme.logo).is_file():
        theme = Theme(theme.name, None, theme.accent, theme.font, theme.source)
    if meta.get("logo") and not Path(meta["logo"]).is_file():
        meta["logo"] = None
    meta["cover_facts"] = tuple((str(label), str(value)) for label, value in meta["cover_facts"])
    sections = tuple(
        Section(s["id"], s["number"], s["title"], tuple(
            Clause(c["id"], c["number"], c["title"], tuple(_block(b) for b in c["blocks"]), c["status"])
            for c in s["clauses"]
        ), s["part"])
        for s in data["sections"]
    )
    sources = tuple(Source(str(text)) for text in data["sources"])
    return Document(Meta(**meta, theme=theme), sections, sources)


def _block(data: dict[str, Any]) -> Block:
    if "paragraph" in data:
        return Paragraph(tuple(Run(**run) for run in data["paragraph"]))
    if "list" in data:
        items = tuple(tuple(_block(inner) for inner in item) for item in data["list"])
        return ListBlock(items, bool(data["ordered"]), int(data["start"]))
    headers = tuple(str(header) for header in data["headers"])
    if len(headers) != 4:
        raise ValueError("a contact table has four headers")
    return ContactTable(headers, tuple(ContactRow(*map(str, row)) for row in data["contacts"]))  # type: ignore[arg-type]


def recorded_document(record: dict[str, Any], name: str) -> Document | None:
    """The document a record carries (None for a record of format 1, which carries none);
    PolicyError naming the file if what it carries cannot be read as one."""
    data = record.get("document")
    if data is None:
        return None
    try:
        return document_from_json(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise PolicyError.at(name, None, "document", Said("record_document_unreadable", detail=str(exc))) from None


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
