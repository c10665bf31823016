"""The words of `policygen options` and `policygen explain`: headings, kinds of answer, and a
condition (`when`) said as a sentence over the questions' labels and answers."""

from __future__ import annotations

DESCRIBE: dict[str, dict[str, str]] = {
    # what kind of answer a question takes
    "type_text": {"en": "free text", "da": "fri tekst"},
    "type_choice": {"en": "one of the answers below", "da": "et af svarene nedenfor"},
    "type_bool": {"en": "yes or no", "da": "ja eller nej"},
    "type_date": {"en": "a date", "da": "en dato"},
    "type_contact": {"en": "a contact person", "da": "en kontaktperson"},
    "type_file": {"en": "an image file", "da": "en billedfil"},
    "type_list": {"en": "a list", "da": "en liste"},
    "answer_kind": {"en": "answer: {kind}", "da": "svar: {kind}"},
    "mark_recommended": {"en": "recommended", "da": "anbefalet"},
    "mark_default": {"en": "default", "da": "standard"},
    "default_value": {"en": "Default: {value}", "da": "Standardsvar: {value}"},
    # a condition as a sentence: "Only when the answer to ‘Status’ is ‘Adopted’."
    "only_when": {"en": "Only when {condition}.", "da": "Kun når {condition}."},
    "when_is": {"en": "the answer to ‘{label}’ is {answer}", "da": "svaret på »{label}« er {answer}"},
    "when_is_not": {"en": "the answer to ‘{label}’ is not {answer}", "da": "svaret på »{label}« ikke er {answer}"},
    "when_filled": {"en": "‘{label}’ is filled in", "da": "»{label}« er udfyldt"},
    "when_not_filled": {"en": "‘{label}’ is not filled in", "da": "»{label}« ikke er udfyldt"},
    "when_answer": {"en": "‘{answer}’", "da": "»{answer}«"},
    "when_and": {"en": "{left} and {right}", "da": "{left} og {right}"},
    "when_or": {"en": "{left} or {right}", "da": "{left} eller {right}"},
    "when_other": {"en": "the condition {source} holds", "da": "betingelsen {source} er opfyldt"},
    # `policygen explain`
    "explain_clause": {"en": "clause", "da": "bestemmelse"},
    "explain_option": {"en": "decision point", "da": "beslutningspunkt"},
    "explain_section": {"en": "Section: {title}", "da": "Afsnit: {title}"},
    "explain_status": {"en": "Status: {status}", "da": "Status: {status}"},
    "explain_source": {"en": "Source: {source}", "da": "Kilde: {source}"},
    "explain_quote": {"en": "Quote: “{quote}”", "da": "Citat: »{quote}«"},
    "explain_legal": {"en": "Legal basis: {basis}", "da": "Lovgrundlag: {basis}"},
    "explain_depends": {"en": "Depends on: {options}", "da": "Afhænger af: {options}"},
    "explain_depends_none": {"en": "no decision point", "da": "intet beslutningspunkt"},
    "explain_text": {
        "en": "Text, filled in with the suggested answers ([…] stands for the school's own facts):",
        "da": "Tekst, udfyldt med de foreslåede svar ([…] står for skolens egne oplysninger):",
    },
    "explain_variants": {
        "en": "Variants by the answer to ‘{label}’ ({key}):",
        "da": "Varianter efter svaret på »{label}« ({key}):",
    },
    "explain_commentary": {"en": "Commentary for the school board:", "da": "Kommentar til skolebestyrelsen:"},
    "explain_commentary_of": {
        "en": "Commentary for the school board ({clause}):",
        "da": "Kommentar til skolebestyrelsen ({clause}):",
    },
    "explain_choices": {"en": "Alternatives:", "da": "Valgmuligheder:"},
    "explain_changes": {"en": "Changes the text of:", "da": "Ændrer teksten i:"},
    "explain_changes_none": {"en": "(no clause names it)", "da": "(ingen bestemmelse nævner det)"},
    "explain_contacts_table": {"en": "[the table of contacts]", "da": "[tabellen med kontaktpersoner]"},
    "explain_placeholder": {"en": "[{label}]", "da": "[{label}]"},
}
