"""Build Documents in-process from an options mapping, for tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.build import load_choices
from generator.document import Document, block_text
from generator.resolve import resolve

BASE: dict[str, Any] = {
    "library": "social-media",
    "language": "da",
    "school": {"name": "Søndervang Skole", "municipality": "Kolding Kommune"},
}


def set_dotted(data: dict[str, Any], key: str, value: Any) -> None:
    node = data
    *parents, leaf = key.split(".")
    for part in parents:
        node = node.setdefault(part, {})
    node[leaf] = value


def document_for(tmp_path: Path, edition: str = "adopted", **values: Any) -> Document:
    """The resolved Document for BASE with dotted `values` (use __ for dots) set."""
    data = yaml.safe_load(yaml.safe_dump(BASE))
    for key, value in values.items():
        set_dotted(data, key.replace("__", "."), value)
    path = tmp_path / f"options-{abs(hash(repr(sorted(values.items()))))}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    library, choices = load_choices(path)
    return resolve(library, choices, edition=edition)


def clause_text(document: Document, clause_id: str) -> str:
    for clause in document.iter_clauses():
        if clause.id == clause_id:
            return "\n".join(block_text(block) for block in clause.blocks)
    raise KeyError(clause_id)


def full_text(document: Document) -> str:
    return "\n".join(
        "\n".join([clause.title, *(block_text(block) for block in clause.blocks)]) for clause in document.iter_clauses()
    )
