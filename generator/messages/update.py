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
    "absorb_unpacks_too_big": {
        "en": "the Word file would unpack to more than {limit} MiB or {parts} parts: not a policy a school edited",
        "da": "Word-filen ville fylde mere end {limit} MiB eller {parts} dele, når den pakkes ud: det er ikke en "
              "politik, en skole har redigeret",
    },
    "absorb_no_bookmarks": {
        "en": "none of the policy's headings is found: policygen marks each with a bookmark, and this file has none "
              "of them (not a policy policygen built, or its headings were pasted in anew)",
        "da": "ingen af politikkens overskrifter findes: policygen markerer hver med et bogmærke, og filen har ingen "
              "af dem (ikke en politik, policygen har bygget, eller overskrifterne er sat ind på ny)",
    },
    "absorb_other_school": {
        "en": "the file is {found}'s policy, but the build record is {school}'s: give the record of the same school",
        "da": "filen er politikken for {found}, men byggeoplysningerne er for {school}: angiv samme skoles "
              "byggeoplysninger",
    },
    "absorb_fact_clause": {
        "en": "the edit of {number} {title} is not taken: that text is written from the policy's facts (status, "
              "dates, approval); change them in the options file",
        "da": "ændringen i {number} {title} er ikke overtaget: teksten skrives ud fra politikkens oplysninger "
              "(status, datoer, godkendelse); ret dem i options-filen",
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
# ---- the board's changelog, the redline's comments and the summary ----
UPDATE.update({
    "board_title": {"en": "Changes to the policy: {school}", "da": "Ændringer i politikken: {school}"},
    "board_intro": {
        "en": "The clause library the policy is built from is updated from version {old} to {new}. This is a new "
              "draft (version {version}) for the school to discuss and adopt.",
        "da": "Skabelonen, politikken bygger på, er opdateret fra version {old} til {new}. Dette er et nyt udkast "
              "(version {version}), som skolen skal drøfte og vedtage.",
    },
    "board_release": {"en": "Version {version} ({date}): {reason}", "da": "Version {version} ({date}): {reason}"},
    "board_intro_same": {
        "en": "The clause library the policy is built from is still version {new}. This is a new draft (version "
              "{version}) for the school to discuss and adopt.",
        "da": "Skabelonen, politikken bygger på, er stadig version {new}. Dette er et nyt udkast (version "
              "{version}), som skolen skal drøfte og vedtage.",
    },
    "board_intro_unknown": {
        "en": "The clause library the policy is built from is now version {new}; the version the school's options "
              "file was written for is not known. This is a new draft (version {version}) for the school to discuss "
              "and adopt.",
        "da": "Skabelonen, politikken bygger på, er nu version {new}; hvilken version skolens fil blev skrevet til, "
              "vides ikke. Dette er et nyt udkast (version {version}), som skolen skal drøfte og vedtage.",
    },
    "board_rebuilt": {
        "en": "The adopted policy is not on record: the comparison is with the policy as today's library writes it.",
        "da": "Den vedtagne politik er ikke gemt: sammenligningen er med politikken, som skabelonen skriver den i dag.",
    },
    "board_decide": {"en": "New decisions to make", "da": "Nye valg, der skal træffes"},
    "board_decide_line": {
        "en": "'{question}' Until the school decides: {value}. {reason}",
        "da": "»{question}« Indtil skolen har besluttet sig, gælder: {value}. {reason}",
    },
    "decide_recommended": {"en": "{label} (recommended)", "da": "{label} (anbefalet)"},
    "decide_default": {
        "en": "{label} (the default; there is no recommendation)",
        "da": "{label} (forvalgt; der er ingen anbefaling)",
    },
    "board_conflicts": {
        "en": "Conflicts: the school's own wording is kept, the library changed it too",
        "da": "Konflikter: skolens egen formulering er bevaret, men skabelonen har også ændret den",
    },
    "board_conflict_school": {"en": "The school's text", "da": "Skolens tekst"},
    "board_conflict_library": {"en": "The library's new text", "da": "Skabelonens nye tekst"},
    "board_conflict_deleted": {"en": "(deleted by the school)", "da": "(slettet af skolen)"},
    "board_conflict_removed": {"en": "(removed from the library)", "da": "(fjernet fra skabelonen)"},
    "board_changed": {"en": "Clauses changed", "da": "Ændrede afsnit"},
    "board_added": {"en": "Clauses added", "da": "Nye afsnit"},
    "board_removed": {"en": "Clauses removed", "da": "Udgåede afsnit"},
    "board_kept": {"en": "The school's own wording, kept", "da": "Skolens egne formuleringer, som er bevaret"},
    "board_migrated": {
        "en": "Choices carried over to the new library", "da": "Valg, der er overført til den nye skabelon",
    },
    "board_none": {"en": "None.", "da": "Ingen."},
    "board_deleted_by_school": {"en": "Deleted by the school.", "da": "Slettet af skolen."},
    "board_reason_unlisted": {
        "en": "Changed because the policy is now a draft, or because the school's own choices or facts changed; "
              "not a change in the library.",
        "da": "Ændret, fordi politikken nu er et udkast, eller fordi skolens egne valg eller oplysninger er ændret; "
              "ikke en ændring i skabelonen.",
    },
    "board_reason_school": {"en": "The school's own wording.", "da": "Skolens egen formulering."},
    "note_changed": {"en": "Library {version}: {reason}", "da": "Skabelonen {version}: {reason}"},
    "note_kept": {
        "en": "The school's own wording is kept (the library did not change this clause).",
        "da": "Skolens egen formulering er bevaret (skabelonen har ikke ændret afsnittet).",
    },
    "note_conflict": {
        "en": "CONFLICT: the school changed this clause and so did the library. The school's text is kept; decide.",
        "da": (
            "KONFLIKT: skolen har ændret afsnittet, og det har skabelonen også. Skolens tekst er bevaret; "
            "tag stilling."
        ),
    },
    "note_decide": {
        "en": "NEW DECISION: '{question}' Until the school decides: {value}.",
        "da": "NYT VALG: »{question}« Indtil skolen har besluttet sig, gælder: {value}.",
    },
    "update_head": {"en": "School", "da": "Skole"},
    "cli_note": {"en": "Note: {problem}", "da": "Bemærk: {problem}"},
    "update_status": {"en": "Status", "da": "Status"},
    "update_changed": {"en": "Changed", "da": "Ændret"},
    "update_own": {"en": "School's edits", "da": "Skolens egne"},
    "update_decide": {"en": "To decide", "da": "Skal besluttes"},
    "update_conflicts": {"en": "Conflicts", "da": "Konflikter"},
    "update_updated": {"en": "updated", "da": "opdateret"},
    "update_building": {"en": "Updating", "da": "Opdaterer"},
    "update_failed": {"en": "failed", "da": "fejlede"},
    "update_not_built": {"en": "not updated", "da": "ikke opdateret"},
    "update_count": {"en": "{updated} updated, {failed} failed", "da": "{updated} opdateret, {failed} fejlede"},
})
UPDATE.update({
    "update_out_is_input": {
        "en": "this folder holds the records or options files being updated, and the new drafts would replace the "
              "adopted policies and their records: write them to another folder",
        "da": "mappen rummer de byggeoplysninger eller options-filer, der opdateres, og de nye udkast ville erstatte "
              "de vedtagne politikker og deres byggeoplysninger: skriv dem til en anden mappe",
    },
    "update_overlay_one": {
        "en": (
            "--overlay is one school's edits: give one school, or put each school's as <stem>.overlay beside its "
            "record"
        ),
        "da": (
            "--overlay er én skoles ændringer: giv én skole, eller læg hver skoles som <navn>.overlay ved siden af "
            "dens fil med byggeoplysninger"
        ),
    },
})
UPDATE.update({
    "absorbed": {
        "en": "Wrote {folder}\n  changed: {changed}\n  added: {added}\n  deleted: {removed}",
        "da": "Skrev {folder}\n  ændret: {changed}\n  tilføjet: {added}\n  slettet: {removed}",
    },
})
