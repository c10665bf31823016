"""The output folder's faults (full, read-only, not a folder, a folder where a file goes) as the
user's conditions they are: a message naming the folder or file and the cause, exit code 2.

`OutputFault` is a `PolicyError` (so `build` and the CLI report it as bad input), and says
whether it is the folder's (`folder_wide`: no other school can be written there either, so a
batch stops) or one file's (a PDF target that is a folder: that school alone fails).
"""

from __future__ import annotations

import errno
from pathlib import Path

from generator.errors import PolicyError, Problem
from generator.messages import Said

# Conditions of the folder or its file system: every later write there fails the same way.
FOLDER_WIDE = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOTDIR, errno.ENOENT,
               errno.ELOOP, errno.ENAMETOOLONG, errno.EEXIST, errno.EIO}  # fmt: skip
CAUSES = {  # the catalogue's message for each
    errno.ENOSPC: "fault_no_space",
    errno.EDQUOT: "fault_quota",
    errno.EROFS: "fault_read_only",
    errno.EACCES: "fault_denied",
    errno.EPERM: "fault_denied",
    errno.EISDIR: "is_a_folder",
    errno.EIO: "fault_io",
}


class OutputFault(PolicyError):
    """Writing into the output folder failed for a reason of the folder (or one file in it)."""

    def __init__(self, problem: Problem, *, folder_wide: bool) -> None:
        super().__init__(problem)
        self.folder_wide = folder_wide


def output_fault(exc: OSError, folder: Path, target: Path | None = None) -> OutputFault:
    """`exc`, raised while writing `target` (or making or locking `folder`), as the user's message."""
    code = exc.errno or 0
    if code == errno.EISDIR and target is not None:
        return OutputFault(Problem(str(target), None, None, Said(CAUSES[code])), folder_wide=False)
    where, cause = _folder_cause(folder, code)
    said = cause or (Said(CAUSES[code]) if code in CAUSES else Said("fault_other", detail=_lowered(exc)))
    return OutputFault(Problem(str(where), None, None, said), folder_wide=code in FOLDER_WIDE or target is None)


def _folder_cause(folder: Path, code: int) -> tuple[Path, Said | None]:
    """The folder (or the ancestor that is the real cause) and what is wrong with it, where the
    error number alone does not say it (a file where a folder should be, a dangling link)."""
    if code in (errno.ENOTDIR, errno.EEXIST, errno.ENOENT):
        for path in [folder, *folder.parents]:
            if path.is_symlink() and not path.exists():
                return path, Said("fault_dangling_link")
            if path.exists() and not path.is_dir():
                return path, Said("fault_file_not_folder")
    return folder, None


def _lowered(exc: OSError) -> str:
    text = exc.strerror or str(exc)
    return text[:1].lower() + text[1:]
