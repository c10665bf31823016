"""The words of the `policygen serve` page (its headings, buttons and notes); what it says about
the answers themselves are the messages in `answers` and `files`."""

from __future__ import annotations

WEB: dict[str, dict[str, str]] = {
    # beside the download buttons, when a download is refused (also before it is sent, by the script)
    "web_refused": {"en": "Not downloaded. Correct this first:", "da": "Ikke hentet. Ret først dette:"},
    "web_refused_field": {"en": "{label}: {message}", "da": "{label}: {message}"},
    "web_refused_required": {"en": "{label} is required.", "da": "{label} skal udfyldes."},
    "web_app": {"en": "Policy generator", "da": "Politikgenerator"},
    "web_skip": {"en": "Skip to the preview", "da": "Spring til forhåndsvisningen"},
    "web_language": {"en": "Language", "da": "Sprog"},
    "web_intro": {
        "en": (
            "Answer the questions; the preview on the right shows the policy as it will be. The guidance's "
            "recommendations are marked and preselected."
        ),
        "da": (
            "Besvar spørgsmålene; forhåndsvisningen til højre viser politikken, som den bliver. "
            "Anbefalingerne fra vejledningen er markeret og valgt på forhånd."
        ),
    },
    "web_questions": {"en": "Questions", "da": "Spørgsmål"},
    "web_preview": {"en": "Preview", "da": "Forhåndsvisning"},
    "web_frame": {"en": "Preview of the policy", "da": "Forhåndsvisning af politikken"},
    "web_recommended": {"en": "Recommended", "da": "Anbefalet"},
    "web_download": {"en": "Download", "da": "Hent"},
    "web_docx": {"en": "Word (DOCX)", "da": "Word (DOCX)"},
    "web_pdf": {"en": "PDF", "da": "PDF"},
    "web_yaml": {"en": "Options file (YAML)", "da": "Valgfil (YAML)"},
    "web_update": {"en": "Update the preview", "da": "Opdatér forhåndsvisningen"},
    "web_name": {"en": "Name", "da": "Navn"},
    "web_title": {"en": "Title", "da": "Titel"},
    "web_phone": {"en": "Telephone", "da": "Telefon"},
    "web_email": {"en": "E-mail", "da": "E-mail"},
    "web_logo_from": {"en": "The logo is taken from {file}: {logo}", "da": "Logoet hentes fra {file}: {logo}"},
    "web_logo_none": {
        "en": (
            "No logo. A logo can only be given in the options file (school.logo) the page is started with: "
            "policygen serve school.yaml"
        ),
        "da": (
            "Intet logo. Et logo kan kun angives i valgfilen (school.logo), som siden startes med: policygen "
            "serve skole.yaml"
        ),
    },
    "web_updated": {"en": "The preview is up to date.", "da": "Forhåndsvisningen er opdateret."},
    "web_changed": {"en": "Changed:", "da": "Ændret:"},
    "web_removed": {"en": "Removed:", "da": "Fjernet:"},
    "web_more": {"en": "and {n} more", "da": "og {n} flere"},
    "web_waiting": {
        "en": "The preview shows the last valid draft: correct the field marked.",
        "da": "Forhåndsvisningen viser det seneste gyldige udkast: ret fejlen ved feltet.",
    },
    "web_placeholder": {
        "en": "The preview uses a placeholder for fields that are missing or wrong.",
        "da": "Forhåndsvisningen bruger en pladsholder for felter, der mangler eller har fejl.",
    },
    "web_failed": {
        "en": "The preview could not be updated; please try again.",
        "da": "Forhåndsvisningen kunne ikke opdateres; prøv igen.",
    },
    "web_errors": {"en": "Correct these before downloading:", "da": "Ret disse fejl før hentning:"},
}
