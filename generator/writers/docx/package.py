"""The DOCX package on disk: the same Document gives the same bytes.

python-docx stamps every zip member with the current time and writes them in its own
order; `rezip` copies the package with the time `zip_time` derives from `meta.created`
and a fixed member order, straight into the file `write_docx` renames into place.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path


def zip_time(created: dt.datetime) -> tuple[int, int, int, int, int, int]:
    year = min(max(created.year, 1980), 2107)
    return (year, created.month, created.day, created.hour, created.minute, created.second // 2 * 2)


def rezip(data: bytes, target: Path, when: tuple[int, int, int, int, int, int]) -> None:
    """Copy the package with fixed timestamps and member order, so same input gives same bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels", n))
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for name in names:
                info = zipfile.ZipInfo(name, date_time=when)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 0
                info.external_attr = 0
                out.writestr(info, source.read(name))
