"""What `policygen update` and `policygen absorb` say: the library's changelog, migrating a school's
choices, finding the clauses of an edited Word file, and the report of an update."""

UPDATE: dict[str, dict[str, str]] = {
    "record_document_unreadable": {
        "en": "the policy the record carries cannot be read: {detail}",
        "da": "politikken, som filen rummer, kan ikke læses: {detail}",
    },
}
