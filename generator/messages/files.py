"""What reading a file can be told: the options file (its bytes, its YAML, its keys and values),
a letterhead theme, a logo, a CSV file of schools, a build record."""

from __future__ import annotations

FILES: dict[str, dict[str, str]] = {
    # ---- any file ----
    "no_such_file": {"en": "no such file", "da": "filen findes ikke"},
    "is_a_folder": {"en": "is a folder, not a file", "da": "er en mappe, ikke en fil"},
    "cannot_be_read": {"en": "cannot be read: {reason}", "da": "kan ikke læses: {reason}"},
    "is_a_pipe": {"en": "is a named pipe, not a regular file", "da": "er en navngiven pipe, ikke en almindelig fil"},
    "is_a_device": {"en": "is a device, not a regular file", "da": "er en enhed, ikke en almindelig fil"},
    "is_not_a_regular_file": {"en": "is not a regular file", "da": "er ikke en almindelig fil"},
    "not_a_folder": {"en": "not a folder", "da": "ikke en mappe"},
    "a_folder_not_a_file": {"en": "a folder, not a file", "da": "en mappe, ikke en fil"},
    "file_grew": {
        "en": "the file is more than {limit} bytes; the limit is {limit} bytes",
        "da": "filen fylder mere end {limit} byte; der må højst være {limit} byte",
    },
    "file_too_big": {
        "en": "the file is {size} bytes; the limit is {limit} bytes",
        "da": "filen fylder {size} byte; der må højst være {limit} byte",
    },
    "utf16": {
        "en": 'the file is UTF-16 text ("Unicode" in Notepad); save it as {save_as}',
        "da": "filen er gemt som UTF-16-tekst (»Unicode« i Notesblok); gem den som {save_as}",
    },
    "not_utf8": {
        "en": "the file is not UTF-8 text (byte 0x{byte} at column {column}); save it as {save_as}",
        "da": "filen er ikke UTF-8-tekst (byten 0x{byte} i kolonne {column}); gem den som {save_as}",
    },
    "save_as_utf8": {"en": "UTF-8", "da": "UTF-8"},
    "save_as_csv": {
        "en": 'UTF-8 (in Excel: "CSV UTF-8", in LibreOffice: character set Unicode (UTF-8))',
        "da": "UTF-8 (i Excel: »CSV UTF-8«, i LibreOffice: tegnsættet Unicode (UTF-8))",
    },
    # why the system could not read a file (errno), where it says so in English
    "os_denied": {"en": "Permission denied", "da": "adgang nægtet"},
    "os_too_long": {"en": "File name too long", "da": "navnet er for langt"},
    "os_loop": {"en": "Too many levels of symbolic links", "da": "for mange symbolske link efter hinanden"},
    "os_not_folder": {"en": "Not a directory", "da": "en del af stien er ikke en mappe"},
    "os_io": {"en": "Input/output error", "da": "fejl ved læsning fra disken"},
    "os_nul": {"en": "embedded null byte", "da": "navnet indeholder et nul-tegn"},
    # ---- YAML ----
    "yaml_character": {
        "en": "the character U+{code} is not allowed in a YAML file",
        "da": "tegnet U+{code} må ikke stå i en YAML-fil",
    },
    "yaml_syntax": {"en": "YAML syntax error: {detail}", "da": "fejl i YAML-syntaksen: {detail}"},
    "yaml_syntax_at": {
        "en": "YAML syntax error at column {column}: {detail}",
        "da": "fejl i YAML-syntaksen i kolonne {column}: {detail}",
    },
    # PyYAML's most frequent complaints, in Danish (its own English in English, and for any other)
    "yaml_colon_here": {"en": "{detail}", "da": "et kolon med en værdi kan ikke stå her"},
    "yaml_no_colon": {"en": "{detail}", "da": "der mangler et kolon (:)"},
    "yaml_tab": {"en": "{detail}", "da": "et tabulatortegn kan ikke stå her; ryk ind med mellemrum"},
    "yaml_indent": {"en": "{detail}", "da": "indrykningen passer ikke ({detail})"},
    "yaml_expected_key": {
        "en": "{detail}",
        "da": "her skulle stå en nøgle (passer indrykningen, og er anførselstegnene lukket?)",
    },
    "yaml_open_list": {"en": "{detail}", "da": "en liste i [ ] er ikke lukket med ]"},
    "yaml_open_mapping": {"en": "{detail}", "da": "en gruppe i {{ }} er ikke lukket med }}"},
    "yaml_expected_dash": {"en": "{detail}", "da": "her skulle et punkt i listen begynde med -"},
    "yaml_bad_start": {
        "en": "{detail}",
        "da": "en værdi kan ikke begynde med dette tegn (et tabulatortegn, @ eller `?); sæt værdien i anførselstegn",
    },
    "yaml_alias": {"en": "{detail}", "da": "aliasset (*navn) er ikke defineret med &navn"},
    "yaml_quote": {"en": "{detail}", "da": "filen slutter, før et anførselstegn er lukket"},
    "too_deep": {
        "en": "values are nested more than {limit} levels deep",
        "da": "værdierne ligger inden i hinanden i mere end {limit} niveauer",
    },
    "too_many_values": {
        "en": "the file expands to more than {limit} values (too many aliases?)",
        "da": "filen rummer mere end {limit} værdier, når aliasserne er foldet ud (for mange aliasser?)",
    },
    "tag_not_allowed": {"en": "the tag {tag} is not allowed", "da": "YAML-mærket {tag} er ikke tilladt"},
    "key_not_word_collection": {
        "en": "a key must be a plain word, not a list or mapping",
        "da": "en nøgle skal være et almindeligt ord, ikke en liste eller en gruppe af nøgler",
    },
    "key_not_word": {"en": "a key must be a plain word", "da": "en nøgle skal være et almindeligt ord"},
    "key_twice": {
        "en": "the key is given twice (first on line {first})",
        "da": "nøglen står to gange (første gang i linje {first})",
    },
    # ---- the options file ----
    "file_empty": {
        "en": "the file is empty; run `policygen init` to get a starting point",
        "da": "filen er tom; kør `policygen init` for at få en fil at begynde med",
    },
    "expected_mapping_of": {
        "en": "expected a mapping of keys to values but received {shown}",
        "da": "her skal stå nøgler med værdier, ikke {shown}",
    },
    "expected_one_of": {
        "en": "expected one of {names} but received {shown}{hint}",
        "da": "skriv en af værdierne {names}, ikke {shown}{hint}",
    },
    "did_you_mean": {"en": "; did you mean {name}?", "da": "; mente du {name}?"},
    "unknown_key": {"en": "unknown key {shown}{hint}", "da": "ukendt nøgle {shown}{hint}"},
    "no_texts_in_language": {
        "en": "the library {library} has no {language} texts",
        "da": "skabelonen {library} har ingen {language} tekster",
    },
    "expected_library_name": {
        "en": "expected the name of a clause library but received {kind}",
        "da": "her skal stå navnet på en skabelon, ikke {kind}",
    },
    "unknown_library": {
        "en": "unknown clause library {name}; known: {known}",
        "da": "ukendt skabelon {name}; de kendte er: {known}",
    },
    "ignored_answer": {
        "en": "is ignored: the question does not apply to your other answers",
        "da": "bruges ikke: spørgsmålet gælder ikke med de øvrige svar",
    },
    "expected_text": {"en": "expected text but received {shown}", "da": "her skal stå tekst, ikke {shown}"},
    "number_not_text": {
        "en": 'expected text but received the number {typed}; put it in quotes: "{typed}"',
        "da": 'her skal stå tekst, ikke tallet {typed}; sæt det i anførselstegn: "{typed}"',
    },
    "expected_contact": {
        "en": "expected a mapping with name, title, phone and email but received {shown}",
        "da": "her skal stå name, title, phone og email (navn, titel, telefon og e-mail), ikke {shown}",
    },
    "expected_image_path": {
        "en": "expected the path of an image file but received {shown}",
        "da": "her skal stå stien til en billedfil, ikke {shown}",
    },
    "expected_overlays": {
        "en": "expected a folder or a list of folders of clauses",
        "da": "her skal stå en mappe eller en liste af mapper med bestemmelser",
    },
    "no_such_folder": {"en": "no such folder: {folder}", "da": "mappen findes ikke: {folder}"},
    "value_unreadable": {"en": "{shown} cannot be read ({reason})", "da": "{shown} kan ikke læses ({reason})"},
    "value_not_overlay": {
        "en": "{shown} is not an overlay: it has no overlay.yaml, options.yaml or clauses/",
        "da": "{shown} er ikke et tillæg: mappen har hverken overlay.yaml, options.yaml eller clauses/",
    },
    "pdf_may_not_read": {
        "en": "the PDF writer may not read this file: {detail}",
        "da": "PDF-generatoren må ikke læse denne fil: {detail}",
    },
    "docx_logo": {
        "en": "cannot put this logo in a Word file (use PNG or JPEG): {detail}",
        "da": "logoet kan ikke sættes ind i en Word-fil (brug PNG eller JPEG): {detail}",
    },
    # ---- a logo ----
    "logo_no_such_file": {"en": "no such file: {shown}", "da": "filen findes ikke: {shown}"},
    "logo_is_folder": {"en": "{shown} is a folder, not an image file", "da": "{shown} er en mappe, ikke en billedfil"},
    "logo_too_big": {
        "en": "the logo is {size} bytes; the limit is {limit} bytes",
        "da": "logoet fylder {size} byte; der må højst være {limit} byte",
    },
    "logo_not_image": {
        "en": "{shown} is not a PNG or JPEG image (a .png, .jpg or .jpeg file)",
        "da": "{shown} er ikke et PNG- eller JPEG-billede (en fil, der ender på .png, .jpg eller .jpeg)",
    },
    "logo_too_many_pixels": {
        "en": "{shown} has too many pixels; the limit is {limit} pixels a side",
        "da": "{shown} har for mange pixel; der må højst være {limit} pixel på hver led",
    },
    "logo_damaged": {
        "en": "{shown} is not a {kind} image that can be read ({detail})",
        "da": "{shown} er ikke et {kind}-billede, der kan læses ({detail})",
    },
    "logo_not_srgb": {
        "en": "{shown} cannot be converted to sRGB ({detail})",
        "da": "{shown} kan ikke omsættes til sRGB-farver ({detail})",
    },
    "logo_too_large": {
        "en": "the logo is {width} × {height} pixels; the limit is {limit} pixels a side",
        "da": "logoet er {width} × {height} pixel; der må højst være {limit} pixel på hver led",
    },
    # ---- a letterhead theme ----
    "no_such_theme": {"en": "no such theme file: {value}", "da": "brevpapirfilen findes ikke: {value}"},
    "expected_theme": {
        "en": "expected a mapping with name, logo, colour and font",
        "da": "her skal stå name, logo, colour og font (navn, logo, farve og skrifttype)",
    },
    "unknown_theme_key": {
        "en": "unknown key {name}; a theme has {keys}",
        "da": "ukendt nøgle {name}; et brevpapir har nøglerne {keys}",
    },
    "theme_name": {
        "en": "expected printable text of at most 120 characters",
        "da": "her skal stå tekst, der kan skrives ud, på højst 120 tegn",
    },
    "theme_colour": {
        "en": 'expected a colour as #RRGGBB (e.g. "#1d4f73") but received {shown}',
        "da": 'skriv farven som #RRGGBB (fx "#1d4f73"), ikke {shown}',
    },
    "theme_font": {
        "en": "expected one of {names} but received {shown}",
        "da": "vælg en af skrifttyperne {names}, ikke {shown}",
    },
    # ---- a CSV file of schools ----
    "csv_empty": {
        "en": "the CSV file is empty; its first line names the options",
        "da": "CSV-filen er tom; dens første linje skal angive valgenes nøgler",
    },
    "csv_row_cells": {
        "en": (
            "the row has {cells} cells but the header names {columns} columns: a cell that holds the "
            "delimiter ({delimiter}) must be in double quotes"
        ),
        "da": (
            "rækken har {cells} celler, men første linje angiver {columns} kolonner: en celle, der "
            "indeholder skilletegnet ({delimiter}), skal stå i dobbelte anførselstegn"
        ),
    },
    "csv_column_twice": {
        "en": "the column {column} is named twice (columns {first} and {second}): keep one",
        "da": "kolonnen {column} står to gange (kolonne {first} og {second}): behold den ene",
    },
    # ---- a build record (`policygen diff`) ----
    "not_a_record_file": {
        "en": "cannot be read as a build record: {detail}",
        "da": "kan ikke læses som en fil med byggeoplysninger: {detail}",
    },
    "not_a_record": {
        "en": "not a build record (it needs `library.id` and `options`)",
        "da": "ikke en fil med byggeoplysninger (den skal have `library.id` og `options`)",
    },
    "record_too_many": {
        "en": "the record holds more than {limit} values",
        "da": "filen rummer mere end {limit} værdier",
    },
    "expected_overlay_path": {
        "en": "expected the path of an overlay folder",
        "da": "her skal stå stien til en tillægsmappe",
    },
    "overlay_gone": {"en": "the overlay folder {folder} is gone", "da": "tillægsmappen {folder} findes ikke længere"},
}
