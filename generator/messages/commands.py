"""The command line's own lines, the terminal interview's and the local server's."""

from __future__ import annotations

COMMANDS: dict[str, dict[str, str]] = {
    # ---- the command line ----
    "cli_error": {"en": "Error: {problem}", "da": "Fejl: {problem}"},
    "cli_warning": {"en": "Warning: {problem}", "da": "Advarsel: {problem}"},
    "cli_internal": {
        "en": "Internal error: {kind}: {detail} (set POLICYGEN_DEBUG=1 for details)",
        "da": "Intern fejl: {kind}: {detail} (sæt POLICYGEN_DEBUG=1 for at se detaljerne)",
    },
    "cli_aborted": {"en": "Aborted!", "da": "Afbrudt."},
    "wrote": {"en": "Wrote {file}", "da": "Skrev {file}"},
    "valid": {"en": "{file}: OK", "da": "{file}: i orden"},
    "init_wrote": {
        "en": "Wrote {file}: fill in the school's facts, then run `policygen build {file}`",
        "da": "Skrev {file}: udfyld oplysningerne om skolen, og kør derefter `policygen build {file}`",
    },
    "wrote_record": {
        "en": "Wrote {file} (the build record: library, clauses and choices, for `policygen diff`)",
        "da": "Skrev {file} (byggeoplysningerne: skabelon, bestemmelser og valg, til `policygen diff`)",
    },
    "init_wrote_schema": {
        "en": (
            "Wrote {file}: editors with YAML support (VS Code's YAML extension, JetBrains) check {options} "
            "against it as you type"
        ),
        "da": (
            "Skrev {file}: editorer med YAML-understøttelse (VS Codes YAML-udvidelse, JetBrains) "
            "kontrollerer {options} efter den, mens du skriver"
        ),
    },
    "init_exists": {
        "en": "exists; use --force to overwrite it",
        "da": "findes allerede; brug --force for at overskrive den",
    },
    "pdf_needs_pango": {
        "en": (
            "PDF output needs Pango and HarfBuzz: install them with `apt-get install libpango-1.0-0 "
            "libpangoft2-1.0-0 libharfbuzz-subset0` (other systems: see WeasyPrint's installation guide); "
            "the system said: {detail}"
        ),
        "da": (
            "PDF-filer kræver Pango og HarfBuzz: installér dem med `apt-get install libpango-1.0-0 "
            "libpangoft2-1.0-0 libharfbuzz-subset0` (andre systemer: se WeasyPrints "
            "installationsvejledning); systemet svarede: {detail}"
        ),
    },
    "pdf_needs_weasyprint": {
        "en": "PDF output needs the Python package WeasyPrint: install it with `pip install weasyprint` ({detail})",
        "da": "PDF-filer kræver Python-pakken WeasyPrint: installér den med `pip install weasyprint` ({detail})",
    },
    # ---- `policygen batch` ----
    "batch_building": {"en": "Building", "da": "Bygger"},
    "batch_school": {"en": "School", "da": "Skole"},
    "batch_status": {"en": "Status", "da": "Status"},
    "batch_outputs": {"en": "Outputs", "da": "Filer"},
    "batch_time": {"en": "Time", "da": "Tid"},
    "batch_seconds": {"en": "{seconds} s", "da": "{seconds} s"},
    "batch_built": {"en": "built", "da": "bygget"},
    "batch_unchanged": {"en": "unchanged", "da": "uændret"},
    "batch_failed": {"en": "failed", "da": "fejlet"},
    "batch_count": {"en": "{count} {status}", "da": "{count} {status}"},
    "batch_not built": {"en": "not built", "da": "ikke bygget"},
    "batch_same_names": {
        "en": "{name} gives the same file names ({stem}.*) as {others}; give each school a name of its own",
        "da": "{name} giver de samme filnavne ({stem}.*) som {others}; giv hver skole sit eget navn",
    },
    "batch_state_unreadable": {
        "en": "cannot be read ({reason}); every school is rebuilt",
        "da": "kan ikke læses ({reason}); alle skoler bygges igen",
    },
    "batch_state_other_version": {
        "en": "written by another version of policygen",
        "da": "skrevet af en anden version af policygen",
    },
    "sqlite_said": {"en": "{detail}", "da": "SQLite: {detail}"},
    "not_a_regular_file": {"en": "not a regular file", "da": "ikke en almindelig fil"},
    "batch_waiting": {
        "en": "another batch is writing into this folder; waiting for it to finish",
        "da": "en anden kørsel skriver i denne mappe; venter, til den er færdig",
    },
    "batch_waiting_for": {
        "en": "another batch (process {pid}) is writing into this folder; waiting for it to finish",
        "da": "en anden kørsel (proces {pid}) skriver i denne mappe; venter, til den er færdig",
    },
    "batch_stopped": {
        "en": "Stopped by {signal}: {left} not built; run the batch again to build them",
        "da": "Stoppet af {signal}: {left} ikke bygget; kør batch igen for at bygge dem",
    },
    "batch_progress": {"en": "{done}/{total} {status}: {school}", "da": "{done}/{total} {status}: {school}"},
    # the output folder's faults (`output_faults`)
    "fault_no_space": {"en": "no space left on device", "da": "der er ikke mere plads på disken"},
    "fault_quota": {"en": "disk quota exceeded", "da": "diskkvoten er opbrugt"},
    "fault_read_only": {"en": "read-only file system", "da": "filsystemet er skrivebeskyttet"},
    "fault_denied": {"en": "permission denied", "da": "adgang nægtet"},
    "fault_io": {"en": "input/output error", "da": "fejl ved læsning eller skrivning på disken"},
    "fault_dangling_link": {
        "en": "is a link to a folder that does not exist",
        "da": "er et link til en mappe, der ikke findes",
    },
    "fault_file_not_folder": {"en": "is a file, not a folder", "da": "er en fil, ikke en mappe"},
    "fault_other": {"en": "{detail}", "da": "{detail}"},
    "batch_internal": {
        "en": "{label}: internal error: {kind}: {detail}",
        "da": "{label}: intern fejl: {kind}: {detail}",
    },
    # ---- `policygen diff`: the summary ----
    "redline_cannot_write": {
        "en": (
            "cannot write the redline as {shown}; name it .docx (tracked changes for Word) or .html (the "
            "summary page)"
        ),
        "da": (
            "ændringerne kan ikke skrives som {shown}; kald filen .docx (registrerede ændringer til Word) "
            "eller .html (oversigten som webside)"
        ),
    },
    "redline_as_suffix": {"en": "a {suffix} file", "da": "en {suffix}-fil"},
    "redline_as_no_suffix": {"en": "a file without a suffix", "da": "en fil uden filtype"},
    "redline_format_suffix": {
        "en": "-f {fmt} writes a .{fmt} file, not {suffix}",
        "da": "-f {fmt} skriver en .{fmt}-fil, ikke {suffix}",
    },
    "redline_head": {"en": "Redline: {old} -> {new}", "da": "Ændringer: {old} -> {new}"},
    "redline_note": {"en": "Note: {note}", "da": "Bemærk: {note}"},
    "redline_rebuilt": {
        "en": (
            "{file}: built with library {library} {version} (sha256 {digest}), rebuilt with the current "
            "library {current} (sha256 {current_digest}): some differences may come from the library, not "
            "the choices"
        ),
        "da": (
            "{file}: bygget med skabelonen {library} {version} (sha256 {digest}), bygget igen med den "
            "nuværende skabelon {current} (sha256 {current_digest}): nogle forskelle kan skyldes skabelonen, "
            "ikke valgene"
        ),
    },
    "redline_same": {
        "en": "No differences: the two policies have the same text.",
        "da": "Ingen forskelle: de to politikker har samme tekst.",
    },
    "redline_options": {"en": "Options that differ ({count}):", "da": "Valg, der er forskellige ({count}):"},
    "redline_added": {"en": "Clauses added ({count}):", "da": "Nye bestemmelser ({count}):"},
    "redline_removed": {"en": "Clauses removed ({count}):", "da": "Udgåede bestemmelser ({count}):"},
    "redline_changed": {"en": "Clauses changed ({count}):", "da": "Ændrede bestemmelser ({count}):"},
    "redline_none": {"en": "(none)", "da": "(ingen)"},
    "redline_elsewhere": {
        "en": "Changed outside the clauses (cover, header, footer):",
        "da": "Ændret uden for bestemmelserne (forside, sidehoved, sidefod):",
    },
    "redline_no_option": {"en": "no option: the clause text itself", "da": "intet valg: selve bestemmelsens tekst"},
    "redline_numbering": {
        "en": "the number of a section it refers to (another choice moved it)",
        "da": "nummeret på et afsnit, teksten henviser til (et andet valg har flyttet det)",
    },
    # ---- the terminal interview ----
    "not_a_terminal": {
        "en": (
            "standard input is not a terminal, so no questions can be asked; run `policygen init skole.yaml` "
            "and edit the file instead"
        ),
        "da": (
            "standardinput er ikke en terminal, så der kan ikke stilles spørgsmål; kør i stedet `policygen "
            "init skole.yaml`, og ret filen"
        ),
    },
    "interview_intro": {
        "en": (
            "The questions for the school's policy on staff use of social media. Enter keeps the suggested "
            "answer; Ctrl+C stops without saving."
        ),
        "da": (
            "Spørgsmålene til skolens politik om medarbejderes brug af sociale medier. Enter beholder det "
            "foreslåede svar; Ctrl+C afbryder uden at gemme."
        ),
    },
    "interview_recommended": {"en": "recommended", "da": "anbefalet"},
    "interview_select": {"en": "(arrow keys, Enter chooses)", "da": "(piletaster, Enter vælger)"},
    "interview_keep": {"en": "(Enter keeps it)", "da": "(Enter beholder)"},
    "interview_date": {"en": "(YYYY-MM-DD; empty: no date)", "da": "(ÅÅÅÅ-MM-DD; tom: ingen dato)"},
    "interview_logo": {
        "en": "(path to a PNG/JPEG, relative to the file; empty: no logo)",
        "da": "(sti til PNG/JPEG, regnet fra filen; tom: intet logo)",
    },
    "interview_build": {
        "en": "Build the policy now (DOCX and PDF in {out}/)?",
        "da": "Byg politikken nu (DOCX og PDF i {out}/)?",
    },
    "interview_later": {
        "en": "Build it later with: policygen build {file}",
        "da": "Byg den senere med: policygen build {file}",
    },
    "interview_departs": {"en": "Note: this answer {message}", "da": "Bemærk: Svaret {message}"},
    "contact_name": {"en": "name", "da": "navn"},
    "contact_title": {"en": "title", "da": "titel"},
    "contact_phone": {"en": "telephone", "da": "telefon"},
    "contact_email": {"en": "e-mail", "da": "e-mail"},
    "yes": {"en": "Yes", "da": "Ja"},
    "no": {"en": "No", "da": "Nej"},
    "fact_school": {"en": "The school", "da": "Skolen"},
    "fact_policy": {"en": "The policy", "da": "Politikken"},
    "fact_contacts": {"en": "Contacts", "da": "Kontakter"},
    # ---- the local server ----
    "serve_at": {
        "en": "policygen: the questions are at {address} (Ctrl+C stops)",
        "da": "policygen: spørgsmålene er på {address} (Ctrl+C stopper)",
    },
    "serve_cannot_listen": {
        "en": "cannot listen there ({reason}); choose another port with --port",
        "da": "kan ikke lytte der ({reason}); vælg en anden port med --port",
    },
    "serve_host": {
        "en": "This server answers only as 127.0.0.1 or localhost.",
        "da": "Denne server svarer kun som 127.0.0.1 eller localhost.",
    },
    "serve_origin": {
        "en": "Cross-site request refused ({header}).",
        "da": "En forespørgsel fra et andet websted er afvist ({header}).",
    },
    "serve_token": {
        "en": "The page's token is missing or wrong; reload the page.",
        "da": "Sidens sikkerhedskode mangler eller er forkert; genindlæs siden.",
    },
    "serve_too_large": {
        "en": "The request is larger than {limit} KiB.",
        "da": "Forespørgslen er større end {limit} KiB.",
    },
}
