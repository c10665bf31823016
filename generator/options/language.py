"""Which language the command line speaks.

`--lang` if given; else the options file's own `language:` (read from its text, so that even
a file whose YAML is broken is answered in its language); else the locale's (`LC_ALL`, then
`LC_MESSAGES`, then `LANG`, the first one set deciding, as POSIX has it: `da_DK.UTF-8` is
Danish); else English.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from generator.formats import LANGUAGES

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
_LANGUAGE_LINE = re.compile(r"""^language:[ \t]*(["']?)(da|en)\1[ \t]*(?:#.*)?$""", re.MULTILINE)


def cli_language(
    explicit: str | None = None, options_file: Path | None = None, environ: Mapping[str, str] | None = None
) -> str:
    """The language of the command line's messages: `explicit`, the file's, the locale's, or English."""
    if explicit in LANGUAGES:
        return explicit
    return file_language(options_file) or locale_language(environ) or "en"


def file_language(path: Path | None) -> str | None:
    """The `language:` an options file gives at its top level (None if it gives none or cannot be read)."""
    from generator.errors import PolicyError
    from generator.load import MAX_FILE_BYTES, read_bounded

    if path is None:
        return None
    try:  # never blocks: a named pipe or a device is refused, as the options file itself is
        text = read_bounded(Path(path), MAX_FILE_BYTES).decode("utf-8", errors="replace")
    except PolicyError:
        return None
    found = _LANGUAGE_LINE.search(text)
    return found.group(2) if found else None


def locale_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The language of the locale (`da_DK.UTF-8` -> `da`), if it is one policygen speaks."""
    environ = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return code if code in LANGUAGES else None
    return None
