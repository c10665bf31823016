"""The review edition's Word comments: each reviewed clause's decisions, status and commentary.

`write_docx` calls `add_comments` once per reviewed clause, with the clause heading's
first run and the clause's last run as the commented range. One comment per decision
point lists its alternatives (chosen and recommended marked), the recommendation and any
warning; the clause's commentary goes in the first comment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from docx.document import Document as DocxDocument
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun

from generator.document import Decision, Inline, ReviewNote
from generator.writers.docx import oxml as docx_oxml
from generator.writers.docx.oxml import clean
from generator.writers.docx.styles import DRAFT_RED

COMMENT_AUTHOR, COMMENT_INITIALS = "policygen", "PG"


def add_comments(
    docx: DocxDocument,
    note: ReviewNote,
    first: DocxRun,
    last: DocxRun,
    *,
    labels: dict[str, str],
    created: dt.datetime,
    add_runs: Callable[[DocxParagraph, Inline], None],
) -> None:
    """One comment per decision point on the clause (one for the clause if it has none);
    the clause's commentary goes in the first. `add_runs` writes inline text (links included)."""
    for index, decision in enumerate(note.decisions or (None,)):
        comment = docx.add_comment([first, last], text="", author=COMMENT_AUTHOR, initials=COMMENT_INITIALS)
        docx_oxml.set_comment_date(comment, created)
        comment.paragraphs[0].add_run(clean(decision.question if decision else note.status_label)).bold = True
        if decision is not None:
            _write_decision(comment, decision, labels)
            comment.add_paragraph().add_run(clean(note.status_label)).italic = True
        comment.add_paragraph(clean(f"{labels['guidance_source']}: {note.source}"))
        if index == 0:
            for commentary in note.commentary:
                add_runs(comment.add_paragraph(), commentary.runs)


def _write_decision(comment: Any, decision: Decision, label: dict[str, str]) -> None:
    for alternative in decision.alternatives:
        flags = (("chosen", alternative.chosen), ("recommended", alternative.recommended))
        marks = [label[key] for key, on in flags if on]
        line = comment.add_paragraph()
        line.add_run("\u2022 ")
        line.add_run(clean(alternative.label)).bold = alternative.chosen or None
        if marks:
            line.add_run(clean(f" ({', '.join(marks)})")).italic = True
        line.add_run(clean(f": {alternative.consequence}"))
    if decision.value is not None:
        line = comment.add_paragraph()
        line.add_run(clean(f"{label['chosen_value']}: "))
        line.add_run(clean(decision.value)).bold = True
        line.add_run(clean(f" ({label['no_alternatives']})")).italic = True
    if decision.recommendation:
        comment.add_paragraph(clean(decision.recommendation))
    if decision.warning:
        warning = comment.add_paragraph()
        warning.add_run(clean(f"{label['warning']}: ")).bold = True
        warning.add_run(clean(decision.warning)).font.color.rgb = DRAFT_RED


def add_clause_notes(docx: DocxDocument, notes: dict[str, str], created: dt.datetime) -> None:
    """A comment on each heading that carries one of the bookmarks `notes` names (bookmark -> text; a
    line break starts a new paragraph of the comment), whether the heading is inserted, deleted or neither."""
    from docx.oxml.ns import qn

    for start in list(docx.element.body.iter(qn("w:bookmarkStart"))):
        text = notes.get(start.get(qn("w:name")))
        paragraph = start.getparent()
        runs = [r for r in paragraph.iter(qn("w:r")) if r.getparent().tag != qn("w:rPr")] if text else []
        if not runs:
            continue
        proxy = DocxParagraph(paragraph, docx.part)
        first, last = DocxRun(runs[0], proxy), DocxRun(runs[-1], proxy)
        lines = text.split("\n")
        comment = docx.add_comment([first, last], text=clean(lines[0]), author=COMMENT_AUTHOR,
                                   initials=COMMENT_INITIALS)
        docx_oxml.set_comment_date(comment, created)
        for line in lines[1:]:
            comment.add_paragraph(clean(line))
