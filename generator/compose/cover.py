"""The document's metadata: what the cover, running header and footer and file properties say."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from generator.document import Meta
from generator.library.model import Library
from generator.options.validate import Choices
from generator.phrases import LANG_TAGS, PHRASES, long_date, phrase

FALLBACK_CREATED = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


def document_meta(library: Library, choices: Choices, edition: str, terms: dict[str, str]) -> Meta:
    """The cover and file facts. A draft says it is one once (the UDKAST mark), names who is to
    approve it ("Godkendes af") and carries its own date; an adopted policy its adoption date.

    `terms` are the library's terms rendered for this school (`approval` words the approving body)."""
    language = choices.language
    values = choices.values
    status = values.get("policy.status", "draft")
    version = str(values.get("policy.version", ""))
    dated = values.get("policy.adopted") if status == "adopted" else values.get("policy.date")
    facts: list[tuple[str, str]] = []  # the municipality stands under the school's name already
    facts.append((phrase(language, "version"), version))
    approval = terms.get("approval") or _approval_label(library, values, language)
    if approval:
        facts.append((phrase(language, "approved_by" if status == "adopted" else "to_be_approved_by"), approval))
    if values.get("policy.next_review"):
        facts.append((phrase(language, "next_review"), long_date(values["policy.next_review"], language)))
    if dated is None:
        date_line = ""
    elif status == "adopted":
        date_line = phrase(language, "date_adopted", date=long_date(dated, language))
    else:
        date_line = long_date(dated, language)
    school = values.get("school.name", "")
    status_option = library.options.get("policy.status")
    status_label = status_option.choices[status].label[language] if status_option and status_option.choices else status
    return Meta(
        language=language,  # type: ignore[arg-type]
        lang_tag=LANG_TAGS[language],
        title=library.meta.title[language],
        school=school,
        municipality=values.get("school.municipality", ""),
        status=status,
        status_label=status_label,
        version=version,
        date_line=date_line,
        author=school,
        subject=phrase(language, "subject"),
        keywords=phrase(language, "keywords", platform=str(values.get("choices.platform", ""))).rstrip(", "),
        created=created_timestamp(dated),
        cover_facts=tuple(facts),
        labels={**PHRASES[language], "review_guide": _review_guide(library, language)},
        logo=values.get("school.logo"),
        theme=choices.theme,
        edition=edition,  # type: ignore[arg-type]
    )


def _approval_label(library: Library, values: dict[str, Any], language: str) -> str:
    option = library.options.get("policy.approval")
    value = values.get("policy.approval")
    if option is None or not option.choices or value not in option.choices:
        return ""
    return option.choices[value].label[language]


def created_timestamp(dated: dt.date | None) -> str:
    """SOURCE_DATE_EPOCH if set, else the policy's own date, else a fixed date: never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    elif dated is not None:
        moment = dt.datetime(dated.year, dated.month, dated.day, tzinfo=dt.UTC)
    else:
        moment = FALLBACK_CREATED
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _review_guide(library: Library, language: str) -> str:
    """The review edition's reading guide: what the boxes and marks mean, naming the library's guidance."""
    guidance = next((source for source in library.meta.sources.values() if source.kind == "guidance"), None)
    publisher = guidance.publisher if guidance else ""
    return phrase(language, "review_guide", guidance=phrase(language, "guidance_named", publisher=publisher))
