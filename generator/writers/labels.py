"""The labels a writer prints besides the clause texts (contents, page x of y, the review edition's
headings): the document's own, completed with fallbacks, for the HTML, PDF and Markdown writers and
the glyph check alike."""

from __future__ import annotations

from generator.document import Meta

# Phrases of the review edition that `LABEL_KEYS` does not (yet) list. A `review_*` key
# in `meta.labels` wins; then the resolver's phrase named in REVIEW_LABEL_ALIASES; then these.
FALLBACK_LABELS = {
    "da": {
        "review_note": "Til drøftelse",
        "review_decision": "Beslutningspunkt",
        "review_chosen": "Valgt",
        "review_recommended": "Anbefalet",
        "review_source": "Kilde",
        "review_answer": "Skolens svar",
        "review_warning": "Bemærk",
    },
    "en": {
        "review_note": "For discussion",
        "review_decision": "Decision",
        "review_chosen": "Chosen",
        "review_recommended": "Recommended",
        "review_source": "Source",
        "review_answer": "The school's answer",
        "review_warning": "Note",
    },
}


REVIEW_LABEL_ALIASES = {
    "review_chosen": "chosen_value",
    "review_recommended": "recommended",
    "review_source": "guidance_source",
    "review_answer": "chosen_value",
    "review_warning": "warning",
}


def document_labels(meta: Meta) -> dict[str, str]:
    """`meta.labels`, completed with the review edition's phrases."""
    labels = dict(FALLBACK_LABELS.get(meta.language, FALLBACK_LABELS["en"]))
    for key, alias in REVIEW_LABEL_ALIASES.items():
        if meta.labels.get(alias):
            labels[key] = meta.labels[alias][:1].upper() + meta.labels[alias][1:]
    return {**labels, **meta.labels}
