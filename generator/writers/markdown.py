"""The Document as Markdown, for a wiki or a diff. Text is escaped: it prints as typed.

The review edition carries what the DOCX puts in comments and the HTML and PDF in boxes:
after each clause, a block quote with its status, each decision point's alternatives
(chosen and recommended marked), the recommendation and any warning, the commentary
and the source, all read from the same `ReviewNote` of the Document.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.atomic import write_bytes_atomic
from generator.document import Block, ContactTable, Decision, Document, ListBlock, Paragraph, ReviewNote, Run
from generator.writers.labels import document_labels

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_START = re.compile(r"^(\s*\d*)([#+\-=>.)])")


def write_markdown(document: Document, path: Path) -> None:
    write_bytes_atomic(Path(path), render_markdown(document).encode("utf-8"))


def render_markdown(document: Document) -> str:
    meta = document.meta
    lines = [f"# {escape(meta.title)}", "", f"**{escape(meta.school)}**", ""]
    if meta.is_draft:
        lines += [f"**{escape(meta.labels['draft_mark'])}**", ""]
    labels = document_labels(meta)
    if meta.edition == "review":
        lines += [f"*{escape(labels['review_edition'])}*", "", escape(labels["review_guide"]), ""]
    lines += [f"- {escape(label)}: {escape(value)}" for label, value in meta.cover_facts] + [""]
    for section in document.sections:
        lines += [f"## {section.number} {escape(section.title)}", ""]
        for clause in section.clauses:
            lines += [f"### {clause.number} {escape(clause.title)}", ""]
            for block in clause.blocks:
                lines += _block(block, "") + [""]
            if meta.edition == "review" and clause.review is not None:
                lines += [f"> {line}".rstrip() for line in _review(clause.review, labels)] + [""]
    if document.sources:
        lines += [f"## {escape(meta.labels['sources_title'])}", ""]
        lines += [f"- {escape(source.text)}" for source in document.sources] + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _block(block: Block, indent: str) -> list[str]:
    if isinstance(block, Paragraph):
        return [indent + _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), _runs(block.runs))]
    if isinstance(block, ListBlock):
        lines: list[str] = []
        for number, item in enumerate(block.items, start=block.start):
            marker = f"{number}. " if block.ordered else "- "
            for index, inner in enumerate(item):
                sub = _block(inner, indent + " " * len(marker))
                if index == 0 and sub:
                    sub[0] = indent + marker + sub[0].lstrip()
                lines += sub
        return lines
    assert isinstance(block, ContactTable)
    rows = [block.headers] + [(r.role, r.name, r.phone, r.email) for r in block.rows]
    out = ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in rows]
    out.insert(1, "|" + "---|" * len(block.headers))
    return [indent + line for line in out]


def _review(note: ReviewNote, labels: dict[str, str]) -> list[str]:
    """A clause's review note, as the lines of a block quote."""
    lines = [f"**{escape(labels['review_note'])}:** {escape(note.status_label)}", ""]
    for decision in note.decisions:
        lines += _decision(decision, labels)
    for paragraph in note.commentary:
        lines += _block(paragraph, "") + [""]
    return [*lines, f"**{escape(labels['review_source'])}:** {escape(note.source)}"]


def _decision(decision: Decision, labels: dict[str, str]) -> list[str]:
    lines = [f"**{escape(labels['review_decision'])}:** {escape(decision.question)}", ""]
    for alternative in decision.alternatives:
        flags = (("review_chosen", alternative.chosen), ("review_recommended", alternative.recommended))
        marks = ", ".join(escape(labels[key]) for key, on in flags if on)
        label = f"**{escape(alternative.label)}**" if alternative.chosen else escape(alternative.label)
        line = f"- {label}" + (f" *({marks})*" if marks else "")
        lines.append(line + (f": {escape(alternative.consequence)}" if alternative.consequence else ""))
    lines += [""] if decision.alternatives else []
    if decision.value:
        lines += [f"**{escape(labels['review_answer'])}:** {escape(decision.value)}", ""]
    if decision.recommendation:
        lines += _block(Paragraph((Run(decision.recommendation),)), "") + [""]
    if decision.warning:
        lines += [f"**{escape(labels['review_warning'])}:** {escape(decision.warning)}", ""]
    return lines


def _runs(runs: tuple[Run, ...]) -> str:
    parts: list[str] = []
    for run in runs:
        text = escape(run.text)
        if run.strong:
            text = f"**{text}**"
        if run.emphasis:
            text = f"*{text}*"
        if run.href:
            text = f"[{text}](<{run.href}>)"
        parts.append(text)
    return "".join(parts)


def escape(text: str) -> str:
    """Escape what Markdown would read as markup, so the text prints as typed."""
    return _SPECIAL.sub(r"\\\1", text).replace("\n", " ")
