"""What `policygen update` and `policygen absorb` say: the library's changelog, migrating a school's
choices, finding the clauses of an edited Word file, and the report of an update."""

UPDATE: dict[str, dict[str, str]] = {
    "record_document_unreadable": {
        "en": "the policy the record carries cannot be read: {detail}",
        "da": "politikken, som filen rummer, kan ikke læses: {detail}",
    },
}
UPDATE.update({
    "changelog_not_mapping": {
        "en": "expected the library's versions, newest first, each with its date, reason and changes",
        "da": "her skal stå skabelonens versioner, nyeste først, hver med dato, begrundelse og ændringer",
    },
    "changelog_version": {
        "en": "{shown} is not a version: write it in quotes, as numbers and dots (\"2.0.0\")",
        "da": "{shown} er ikke en version: skriv den i anførselstegn, som tal og punktummer (\"2.0.0\")",
    },
    "changelog_unexpected_key": {
        "en": "unexpected key {name} (a text with a comma or a colon in a {{da: ..., en: ...}} mapping must be quoted)",
        "da": (
            "uventet nøgle {name} (en tekst med komma eller kolon i en {{da: ..., en: ...}}-mapning skal stå i "
            "anførselstegn)"
        ),
    },
    "changelog_order": {
        "en": "the versions must come newest first",
        "da": "versionerne skal stå med den nyeste først",
    },
    "changelog_migrated_twice": {
        "en": "this key is migrated twice in the same version: say it in one entry",
        "da": "denne nøgle flyttes to gange i samme version: sig det i én post",
    },
    "changelog_not_newest": {
        "en": "the library is version {version}, but the newest version in CHANGELOG.yaml is {newest}",
        "da": "skabelonen er version {version}, men den nyeste version i CHANGELOG.yaml er {newest}",
    },
})
