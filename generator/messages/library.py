"""What a clause library or an overlay can be told: for those who write clauses and options
(a union's consultant writing an overlay as much as the library's own authors)."""

from __future__ import annotations

LIBRARY: dict[str, dict[str, str]] = {
    "not_a_library": {
        "en": "not a clause library (it has no library.yaml)",
        "da": "ikke en skabelon (mappen har ingen library.yaml)",
    },
    "expected_options_mapping": {
        "en": "expected a mapping of option keys to definitions",
        "da": "her skal stå valgenes nøgler, hver med sin definition",
    },
    "expected_a_mapping": {"en": "expected a mapping", "da": "her skal stå nøgler med værdier"},
    # a field of a clause or option definition (pydantic's error types; its English for any other)
    "field_missing": {"en": "Field required", "da": "skal udfyldes"},
    "field_extra": {"en": "Extra inputs are not permitted", "da": "er ikke en kendt nøgle her"},
    "field_text": {"en": "Input should be a valid string", "da": "her skal stå tekst"},
    "field_mapping": {"en": "Input should be a valid dictionary", "da": "her skal stå nøgler med værdier"},
    "field_list": {"en": "Input should be a valid list", "da": "her skal stå en liste"},
    "field_literal": {"en": "{detail}", "da": "vælg en af {expected}"},
    "field_other": {"en": "{detail}", "da": "{detail}"},
    "unknown_section": {"en": "unknown section {name}", "da": "ukendt afsnit {name}"},
    "choice_needs_choices": {
        "en": "a choice or bool option needs `choices`",
        "da": "et valg af typen choice eller bool skal have `choices`",
    },
    "bool_choices": {
        "en": "a bool option's choices are `true` and `false`",
        "da": "svarene på et valg af typen bool er `true` og `false`",
    },
    "default_not_a_choice": {
        "en": "default {default} is not one of its choices",
        "da": "standardsvaret {default} er ikke et af valgets svar",
    },
    "clause_id_twice": {"en": "the clause id is also used in {file}", "da": "bestemmelsens id bruges også i {file}"},
    "unknown_source": {"en": "unknown source {name}", "da": "ukendt kilde {name}"},
    "quote_not_in_source": {
        "en": "is not found word for word in the text of the source {name}",
        "da": "står ikke ordret i kildens tekst ({name})",
    },
    "term_option": {
        "en": "names {name}, which is not an option with choices",
        "da": "nævner {name}, som ikke er et valg med svarmuligheder",
    },
    "clause_needs_text": {
        "en": "a clause needs `text`, `variants` or `table`",
        "da": "en bestemmelse skal have `text`, `variants` eller `table`",
    },
    "variants_unknown_option": {
        "en": "variants name an unknown option {name}",
        "da": "varianterne nævner et ukendt valg: {name}",
    },
    "variants_cover": {
        "en": "variants must cover exactly the choices {names}",
        "da": "varianterne skal dække præcis valgets svar: {names}",
    },
    "has_no_text": {"en": "has no {language} text", "da": "har ingen {language} tekst"},
    "when_not_evaluable": {"en": "cannot be evaluated: {detail}", "da": "kan ikke beregnes: {detail}"},
    # a clause template past one of its bounds (`sandbox`)
    "limit_time": {
        "en": "took more than {seconds} s to render (the limit for one clause)",
        "da": "tog mere end {seconds} s at udfylde (grænsen for én bestemmelse)",
    },
    "limit_text": {
        "en": "would make a text of more than {limit} characters (the limit for one clause)",
        "da": "ville give en tekst på mere end {limit} tegn (grænsen for én bestemmelse)",
    },
    "limit_number": {
        "en": "{number} is more than {limit}, the largest number a clause may give a function or filter",
        "da": "{number} er mere end {limit}, det største tal en bestemmelse må give en funktion eller et filter",
    },
    "limit_range": {
        "en": "range() of {count} numbers (the limit is {limit})",
        "da": "range() med {count} tal (grænsen er {limit})",
    },
    "limit_bits": {
        "en": "a number of more than {limit} bits (the limit for one clause)",
        "da": "et tal på mere end {limit} bit (grænsen for én bestemmelse)",
    },
    "template_error": {"en": "template error: {detail}", "da": "fejl i skabelonkoden: {detail}"},
    # ---- overlays ----
    "overlay_missing": {"en": "the overlay folder does not exist", "da": "tillægsmappen findes ikke"},
    "overlay_unreadable": {
        "en": "the overlay folder cannot be read ({reason})",
        "da": "tillægsmappen kan ikke læses ({reason})",
    },
    "not_an_overlay": {
        "en": "not an overlay: it has no overlay.yaml, options.yaml or clauses/",
        "da": "ikke et tillæg: mappen har hverken overlay.yaml, options.yaml eller clauses/",
    },
    "overlay_option_exists": {
        "en": "the library already defines this option; an overlay can only add options",
        "da": "skabelonen har allerede dette valg; et tillæg kan kun tilføje nye valg",
    },
    "overlay_not_read_suffix": {
        "en": "not read: clause files end in .yaml",
        "da": "læses ikke: filer med bestemmelser skal ende på .yaml",
    },
    "overlay_not_read_name": {"en": "not read: name it {name}", "da": "læses ikke: kald den {name}"},
    "overlay_not_read_place": {
        "en": (
            "not read: an overlay's clause files go in its clauses/ folder (beside it, only overlay.yaml and "
            "options.yaml are read)"
        ),
        "da": (
            "læses ikke: et tillægs filer med bestemmelser skal ligge i dets mappe clauses/ (ved siden af "
            "den læses kun overlay.yaml og options.yaml)"
        ),
    },
    "overlay_section_placed_first": {
        "en": (
            "{after} is a {after_part} section and a {part} section stays among the {part} sections, so "
            "{section} is placed first among them"
        ),
        "da": (
            "{after} er et afsnit i {after_part}, og et afsnit i {part} bliver blandt afsnittene i {part}, "
            "så {section} er sat først blandt dem"
        ),
    },
    "overlay_section_placed_last": {
        "en": (
            "{after} is a {after_part} section and a {part} section stays among the {part} sections, so "
            "{section} is placed last among them"
        ),
        "da": (
            "{after} er et afsnit i {after_part}, og et afsnit i {part} bliver blandt afsnittene i {part}, "
            "så {section} er sat sidst blandt dem"
        ),
    },
    "overlay_section_exists": {
        "en": "the library already has this section",
        "da": "skabelonen har allerede dette afsnit",
    },
    "no_such_clause": {
        "en": "there is no clause {name} in the library{hint}",
        "da": "skabelonen har ingen bestemmelse {name}{hint}",
    },
    "no_such_section": {
        "en": "there is no section {name} in the library{hint}",
        "da": "skabelonen har intet afsnit {name}{hint}",
    },
    # ---- `policygen explain` ----
    "no_such_item": {
        "en": "no clause or option {item}{hint} (`policygen options` lists the options)",
        "da": "der er ingen bestemmelse og intet valg, der hedder {item}{hint} (`policygen options` viser valgene)",
    },
}
