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
UPDATE.update({
    "migrated_key": {
        "en": "renamed {new} in library version {version}; the answer moved with it",
        "da": "hedder {new} fra skabelonens version {version}; svaret er flyttet med",
    },
    "migrated_value": {
        "en": "the choice {old} is called {new} from library version {version}",
        "da": "valget {old} hedder {new} fra skabelonens version {version}",
    },
    "migrated_removed": {
        "en": "removed in library version {version}: {reason}",
        "da": "fjernet i skabelonens version {version}: {reason}",
    },
    "record_newer_library": {
        "en": (
            "built with library {library} version {version}, newer than the library installed here ({installed}): "
            "update policygen before updating this policy"
        ),
        "da": (
            "bygget med skabelonen {library} i version {version}, som er nyere end den, der er installeret her "
            "({installed}): opdatér policygen, før politikken opdateres"
        ),
    },
    "record_version_unreadable": {
        "en": "{version} is not a library version (numbers and dots, as 2.0.0)",
        "da": "{version} er ikke en version af skabelonen (tal og punktummer, som 2.0.0)",
    },
})
UPDATE.update({
    "absorb_not_docx": {
        "en": "cannot be read as a Word file (DOCX): {detail}",
        "da": "kan ikke læses som en Word-fil (DOCX): {detail}",
    },
    "absorb_tracked_changes": {
        "en": "the file still holds tracked changes: accept or reject them in Word or LibreOffice, save, and try again",
        "da": (
            "filen har stadig registrerede ændringer: acceptér eller afvis dem i Word eller LibreOffice, gem, "
            "og prøv igen"
        ),
    },
})
UPDATE.update({
    "absorb_rebuilt": {
        "en": (
            "{file} does not carry the adopted policy (a record of an earlier policygen): the edits are compared "
            "with the policy as today's library writes it"
        ),
        "da": (
            "{file} rummer ikke den vedtagne politik (en fil fra en tidligere policygen): ændringerne er "
            "sammenlignet med politikken, som skabelonen skriver den i dag"
        ),
    },
    "absorb_folder_taken": {
        "en": "the folder holds an overlay already: choose another, or give --force to replace it",
        "da": "mappen rummer allerede et tillæg: vælg en anden, eller giv --force for at erstatte det",
    },
})
