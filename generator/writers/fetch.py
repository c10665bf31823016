"""What the PDF renderer may read: the templates folder and the school's own logo.

WeasyPrint asks a URL fetcher for every stylesheet, font and image it meets. The
`LocalFetcher` here answers only for files inside `templates/` and for the one logo
file the Document names; every other address (another file, `file:///etc/passwd`,
`../` out of the folder, a symlink out of it, http, https, data, ftp, any host) is
refused with `FetchRefused` before anything is opened. A PNG or JPEG logo is served as
`logo.prepared` made it, the bytes the DOCX holds too. It knows nothing of WeasyPrint:
`write_pdf` wraps it in WeasyPrint's fetcher class, and tests call it directly.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from generator.resources import TEMPLATES_DIR

# What a logo may be, by file name and by its first bytes.
LOGO_TYPES = {
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    ".svg": ("image/svg+xml", (b"<?xml", b"<svg", b"\xef\xbb\xbf<")),
}
LOGO_MAX_BYTES = 5 * 1024 * 1024
PREPARED_SCHEME = "policygen-prepared:"  # the address a prepared logo is served under (`LocalFetcher`)


class FetchRefused(ValueError):
    """The renderer asked for something outside the templates folder and the logo."""


@dataclass(frozen=True)
class Fetched:
    url: str
    data: bytes
    mime_type: str


def check_logo(logo: str | Path) -> Path:
    """The logo's real path, if it is an existing PNG, JPEG, GIF or SVG file; else refuse."""
    path = Path(logo)
    if not path.is_absolute():
        raise FetchRefused(f"logo {str(logo)!r}: expected an absolute path")
    try:
        real = path.resolve(strict=True)
    except OSError as error:
        raise FetchRefused(f"logo {str(logo)!r}: no such file") from error
    kind = LOGO_TYPES.get(real.suffix.lower())
    if kind is None:
        names = ", ".join(sorted(LOGO_TYPES))
        raise FetchRefused(f"logo {str(logo)!r}: expected an image file ({names})")
    if not real.is_file():
        raise FetchRefused(f"logo {str(logo)!r}: not a regular file")
    if real.stat().st_size > LOGO_MAX_BYTES:
        raise FetchRefused(f"logo {str(logo)!r}: larger than {LOGO_MAX_BYTES // 1024 // 1024} MB")
    with real.open("rb") as file:
        head = file.read(64).lstrip() if kind[0] == "image/svg+xml" else file.read(8)
    if not head.startswith(kind[1]):
        raise FetchRefused(f"logo {str(logo)!r}: the file is not a {real.suffix.lower()[1:].upper()} image")
    return real


class LocalFetcher:
    """Serve files inside `templates_dir`, and the logos given (the school's, the letterhead's); refuse the rest."""

    def __init__(
        self, templates_dir: Path = TEMPLATES_DIR, logo: str | Path | None = None, letterhead: str | Path | None = None
    ) -> None:
        self.templates_dir = Path(templates_dir).resolve(strict=True)
        self.logos = frozenset(check_logo(path) for path in (logo, letterhead) if path is not None)

    def allowed_path(self, url: str) -> Path:
        """The local file `url` names, if it may be read; `FetchRefused` otherwise."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file":
            raise FetchRefused(f"refused to fetch {_short(url)}: only the templates folder and the logo")
        if parts.netloc not in ("", "localhost") or parts.query:
            raise FetchRefused(f"refused to fetch {_short(url)}: not a plain local file address")
        try:
            real = Path(url2pathname(unquote(parts.path))).resolve(strict=True)
        except (OSError, ValueError) as error:
            raise FetchRefused(f"refused to fetch {_short(url)}: no such file") from error
        if real in self.logos or (real.is_relative_to(self.templates_dir) and real.is_file()):
            return real
        raise FetchRefused(f"refused to fetch {_short(url)}: outside the templates folder")

    def __call__(self, url: str) -> Fetched:
        path = self.allowed_path(url)
        if path in self.logos and path.suffix.lower() in (".png", ".jpg", ".jpeg"):
            from generator.options.logo import prepared  # the logo as every writer gets it: upright, sRGB

            try:
                image = prepared(path)
            except Exception as error:  # validation refuses such a file: only a caller that skipped it gets here
                raise FetchRefused(f"logo {str(path)!r}: not an image that can be read ({error})") from None
            # Not a file: URL: WeasyPrint would read the file itself again for the PDF's stream.
            return Fetched(url=f"{PREPARED_SCHEME}{url}", data=image.data, mime_type=image.mime_type)
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix.lower() == ".css":
            mime_type = "text/css"
        return Fetched(url=url, data=path.read_bytes(), mime_type=mime_type)


def _short(url: str) -> str:
    return repr(url if len(url) <= 80 else url[:77] + "...")
