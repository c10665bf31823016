"""Build Documents in-process from an options mapping, for tests."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import yaml

from generator.compose.resolve import resolve
from generator.document import Document, block_text
from generator.pipeline import load_choices

# The facts about a school that the library asks for and never presets (its platform, incident
# system and the teachers' union): every options file a test builds needs them.
FACTS: dict[str, Any] = {
    "contacts": {"union": {"name": "Kolding Lærerkreds"}},
    "choices": {"platform": "Aula", "incident_system": "SafetyNet"},
}
BASE: dict[str, Any] = {
    "library": "social-media",
    "language": "da",
    "school": {"name": "Søndervang Skole", "municipality": "Kolding Kommune"},
    **FACTS,
}


def with_facts(options: dict[str, Any]) -> dict[str, Any]:
    """`options` with the required facts added where it does not give them itself."""
    merged = yaml.safe_load(yaml.safe_dump(options, allow_unicode=True)) or {}
    for top, facts in FACTS.items():
        node = merged.setdefault(top, {})
        for key, value in facts.items():
            node.setdefault(key, value)
    return merged


def facts_yaml(text: str) -> str:
    """An options file's YAML text with the required facts it does not give added: under its own
    `choices:` or `contacts:` block where it has one (after the block's last line, so the lines
    before stay where they were), else as new blocks at the end."""
    text = textwrap.dedent(text)
    text = text if text.endswith("\n") else text + "\n"
    try:  # the keys only: BaseLoader reads every value as text (a file may hold a bad date on purpose)
        data = yaml.load(text, Loader=yaml.BaseLoader) or {}
    except yaml.YAMLError:
        data = {}
    data = data if isinstance(data, dict) else {}
    lines = text.splitlines(keepends=True)
    missing = {
        "choices": [f"  {key}: {value}\n" for key, value in FACTS["choices"].items()
                    if key not in (data.get("choices") or {})],
        "contacts": [f"  union:\n    name: {FACTS['contacts']['union']['name']}\n"]
        if "union" not in (data.get("contacts") or {}) else [],
    }
    for top, extra in missing.items():
        if not extra:
            continue
        starts = [n for n, line in enumerate(lines) if line.rstrip("\n") == f"{top}:"]
        if not starts:
            lines += [f"{top}:\n", *extra]
            continue
        end = next((n for n in range(starts[0] + 1, len(lines)) if lines[n][:1].strip()), len(lines))
        lines[end:end] = extra
    return "".join(lines)


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
