"""The school board's changelog of an update: what changed in the policy, why, which decisions are
new, and where the school's own wording met a change of the library. Markdown, and the same as an
HTML page (markdown-it), in the policy's language."""

from __future__ import annotations

from typing import Any

from markupsafe import escape

from generator.messages import say

_KINDS = {"changed": "board_changed", "added": "board_added", "removed": "board_removed", "kept": "board_kept"}


def board_markdown(update: Any) -> str:
    """The changelog of `update` (a `run.SchoolUpdate`) as Markdown; every value from the school or the library
    escaped as text."""
    language = update.language
    lines = [f"# {_text(say(language, 'board_title', school=update.school))}", ""]
    lines += [_text(intro(update)), ""]
    lines += [f"- {_text(release)}" for release in update.releases]
    if update.rebuilt:
        lines += ["", f"*{_text(say(language, 'board_rebuilt'))}*"]
    lines += _part(language, "board_decide", [
        say(language, "board_decide_line", question=d.question, value=d.value, reason=d.reason).strip()
        for d in update.to_decide])
    lines += ["", f"## {_text(say(language, 'board_conflicts'))}", ""]
    if not update.conflicts:
        lines.append(_text(say(language, "board_none")))
    for conflict in update.conflicts:
        lines += [f"### {_text(conflict.title)}", ""]
        school = conflict.school or say(language, "board_conflict_deleted")
        library = conflict.library or say(language, "board_conflict_removed")
        for label, text in (("board_conflict_school", school), ("board_conflict_library", library)):
            lines += [f"**{_text(say(language, label))}:**", ""]
            quoted = [f"> {_text(line)}" for line in text.splitlines() if line.strip()]
            lines += [item for line in quoted for item in (line, ">")][:-1] + [""]
    for kind, heading in _KINDS.items():
        lines += _part(language, heading, [f"{c.number} {c.title}: {c.reason}".strip()
                                           for c in update.clauses if c.kind == kind])
    lines += _part(language, "board_migrated", update.migrated)
    return "\n".join(lines).rstrip() + "\n"


def board_html(update: Any) -> str:
    """The changelog as a page of its own (UTF-8, the policy's language)."""
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"html": False}).render(board_markdown(update))
    title = escape(say(update.language, "board_title", school=update.school))
    style = ("body{font-family:Carlito,Calibri,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;"
             "line-height:1.45}h1,h2{color:#1f3a5f}blockquote{border-left:4px solid #8ea9c8;margin-left:0;"
             "padding-left:.8rem;color:#333}")
    return (f'<!DOCTYPE html>\n<html lang="{update.language}"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{style}</style></head><body>\n{body}</body></html>\n")


def _part(language: str, heading: str, items: list[str]) -> list[str]:
    lines = ["", f"## {_text(say(language, heading))}", ""]
    return lines + ([f"- {_text(item)}" for item in items] or [_text(say(language, "board_none"))])


def _text(value: str) -> str:
    """A line of plain text as Markdown that shows it as typed (no emphasis, links or HTML from it)."""
    out = []
    for char in value.replace("\n", " "):
        out.append("\\" + char if char in "\\`*_[]<>#|!" else char)
    return "".join(out)


def intro(update: Any) -> str:
    """What the update is, from which library version to which; said differently when the version is the
    same or not known (an options file says no version)."""
    key = ("board_intro_unknown" if update.from_version is None
           else "board_intro_same" if update.from_version == update.to_version else "board_intro")
    return say(update.language, key, old=update.from_version or "", new=update.to_version, version=update.version)
