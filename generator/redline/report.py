"""The redline's summary: which clauses were added, removed and changed, and which choices
caused each; as terminal text, or as an HTML page with each change shown word by word."""

from __future__ import annotations

from markupsafe import Markup, escape

from generator.document import Clause, block_text
from generator.messages import say
from generator.redline.changes import ClauseChange, OptionChange, Redline
from generator.writers.word_diff import opcodes, words

_SIGNS = {"added": "+", "removed": "-", "changed": "~"}


def summary_text(redline: Redline, language: str = "en") -> str:
    """The summary as terminal lines, worded in `language` (the catalogue's `redline_*` messages)."""
    lines = [say(language, "redline_head", old=redline.old.path, new=redline.new.path), ""]
    lines += [say(language, "redline_note", note=note) for note in redline.notes]
    if redline.notes:
        lines.append("")
    if not redline.options and not redline.clauses:
        return "\n".join([*lines, say(language, "redline_same"), ""])
    lines.append(say(language, "redline_options", count=len(redline.options)))
    lines += [f"  {change.key}: {change.old} -> {change.new}" for change in redline.options]
    for kind in ("added", "removed", "changed"):
        changes = redline.of_kind(kind)
        lines += ["", say(language, f"redline_{kind}", count=len(changes))]
        lines += [f"  {_SIGNS[kind]} {_clause_line(change, language)}" for change in changes]
        lines += [] if changes else [f"  {say(language, 'redline_none')}"]
    if redline.elsewhere:
        lines += ["", say(language, "redline_elsewhere")]
        lines += [f"  {change.key}" for change in redline.elsewhere]
    return "\n".join(lines) + "\n"


def _clause_line(change: ClauseChange, language: str = "en") -> str:
    causes = ", ".join(say(language, "redline_numbering") if cause == "numbering" else cause for cause in change.causes)
    causes = causes or say(language, "redline_no_option")
    return f"{change.number} {change.title} ({change.clause_id}) <- {causes}"


# ---- HTML ----------------------------------------------------------------------------

_LABELS = {
    "da": {
        "title": "Ændringer i politikken",
        "options": "Valg, der er ændret",
        "question": "Spørgsmål",
        "before": "Før",
        "after": "Nu",
        "added": "Nye afsnit",
        "removed": "Udgåede afsnit",
        "changed": "Ændrede afsnit",
        "caused_by": "Skyldes",
        "library": "ændringer i skabelonen",
        "numbering": "nummeret på et afsnit, teksten henviser til (et andet valg har flyttet det)",
        "none": "Ingen.",
        "elsewhere": "Ændret uden for afsnittene (forside, sidehoved, sidefod)",
        "(does not apply)": "(gælder ikke)",
        "(empty)": "(tom)",
    },
    "en": {
        "title": "Changes to the policy",
        "options": "Choices that changed",
        "question": "Question",
        "before": "Before",
        "after": "Now",
        "added": "Clauses added",
        "removed": "Clauses removed",
        "changed": "Clauses changed",
        "caused_by": "Caused by",
        "library": "changes to the clause library",
        "numbering": "the number of a section it refers to (another choice moved it)",
        "none": "None.",
        "elsewhere": "Changed outside the clauses (cover, header, footer)",
    },
}

_STYLE = """
body { font-family: Carlito, Calibri, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.45; color: #1a1a1a; }
h1, h2 { color: #1f3a5f; } table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #8ea9c8; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #dce6f1; } ins { background: #d7f5dd; text-decoration: underline; }
del { background: #fbdcdc; text-decoration: line-through; } .causes { color: #595959; font-size: .9em; }
section.clause { border-left: 4px solid #8ea9c8; padding-left: .8rem; margin: 1rem 0; }
"""


def summary_html(redline: Redline) -> str:
    language = redline.new.document.meta.language
    label = _LABELS.get(language, _LABELS["en"])
    meta = redline.new.document.meta
    parts = [
        Markup('<!DOCTYPE html>\n<html lang="{}"><head><meta charset="utf-8">').format(meta.lang_tag),
        Markup("<title>{} – {}</title><style>{}</style></head><body>").format(label["title"], meta.school, _STYLE),
        Markup("<h1>{}</h1><p>{} → {}</p>").format(label["title"], redline.old.path, redline.new.path),
    ]
    parts += [Markup("<p><strong>!</strong> {}</p>").format(note.text(language)) for note in redline.notes]
    parts.append(Markup("<h2>{}</h2>").format(label["options"]))
    none = Markup("<p>{}</p>").format(label["none"])
    parts.append(_options_table(redline.options, label) if redline.options else none)
    for kind in ("added", "removed", "changed"):
        changes = redline.of_kind(kind)
        parts.append(Markup("<h2>{} ({})</h2>").format(label[kind], len(changes)))
        parts += [_clause_section(change, redline, label) for change in changes] or [none]
    if redline.elsewhere:
        parts.append(Markup("<h2>{}</h2>").format(label["elsewhere"]))
        parts.append(_options_table(redline.elsewhere, label))
    parts.append(Markup("</body></html>\n"))
    return str(Markup("\n").join(parts))


def _options_table(changes: tuple[OptionChange, ...], label: dict[str, str]) -> Markup:
    rows = Markup("").join(
        Markup("<tr><td>{}<br><code>{}</code></td><td><del>{}</del></td><td><ins>{}</ins></td></tr>").format(
            change.question, change.key, label.get(change.old, change.old), label.get(change.new, change.new)
        )
        for change in changes
    )
    head = Markup("<tr><th>{}</th><th>{}</th><th>{}</th></tr>").format(
        label["question"], label["before"], label["after"]
    )
    return Markup("<table>{}{}</table>").format(head, rows)


def _clause_section(change: ClauseChange, redline: Redline, label: dict[str, str]) -> Markup:
    questions = {option.key: option.question for option in redline.options}
    causes = ", ".join(
        label[cause] if cause in ("library", "numbering") else questions.get(cause, cause) for cause in change.causes
    )
    body = _text_diff(_clause_text(change.old), _clause_text(change.new))
    return Markup('<section class="clause" id="{}"><h3>{} {}</h3><p class="causes">{}: {}</p>{}</section>').format(
        change.clause_id, change.number, change.title, label["caused_by"], causes or "–", body
    )


def _clause_text(clause: Clause | None) -> str:
    return "" if clause is None else "\n".join(block_text(block) for block in clause.blocks)


def _text_diff(old: str, new: str) -> Markup:
    """Word-level <del>/<ins> over the clause's plain text; its lines kept as line breaks."""
    old_words, new_words = words(old), words(new)
    html: list[Markup] = []
    for tag, i1, i2, j1, j2 in opcodes(old_words, new_words):
        if tag == "equal":
            html.append(_lines("".join(new_words[j1:j2])))
            continue
        if i2 > i1:
            html.append(Markup("<del>{}</del>").format(_lines("".join(old_words[i1:i2]))))
        if j2 > j1:
            html.append(Markup("<ins>{}</ins>").format(_lines("".join(new_words[j1:j2]))))
    return Markup("<p>{}</p>").format(Markup("").join(html))


def _lines(text: str) -> Markup:
    return Markup("<br>\n").join(escape(line) for line in text.split("\n"))
