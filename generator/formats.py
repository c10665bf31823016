"""What a build accepts: output formats, editions, PDF variants and languages.

Kept apart with no imports, so the command line can offer them as choices without
loading the pipeline or a writer (`--help` stays fast).
"""

from __future__ import annotations

FORMATS = ("docx", "pdf", "html", "md")
DEFAULT_FORMATS = ("docx", "pdf")
EDITIONS = ("adopted", "review")
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b", "pdf/a-2b", "none")
LANGUAGES = ("da", "en")
