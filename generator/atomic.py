"""Atomic file output: a file appears under its name complete, or not at all.

On Linux the bytes go to an anonymous file in the target's folder (`O_TMPFILE`): a
build killed while writing (SIGKILL included) leaves nothing behind, not even a
temporary file. A finished new file is linked in under its name in one system call;
one that replaces an existing file is linked in as `.<name>.<random>.part` and renamed
over the target in the next system call. Where `O_TMPFILE` is missing (macOS,
Windows, a file system without it) the temporary file has that name from the start,
so a kill can leave one behind; the next write of the same target removes it.

On any exception the target keeps its previous content or stays absent.

`atomic_group()` makes several files one change: inside it, each finished file waits
(nameless) until the group ends, then all are put in place one after another; an
exception anywhere in the group, or a kill before it ends, leaves every target as it
was; a failure while they are put in place (a full disk) takes the new ones away again.
(A kill in the microseconds of putting them in place can leave some new and some old,
each complete.)
"""

from __future__ import annotations

import errno
import glob
import os
import secrets
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

_PROC_FD = Path("/proc/self/fd")
# The finishing steps of the files written inside `atomic_group()`, run when it ends.
_GROUP: ContextVar[list[_Deferred] | None] = ContextVar("_GROUP", default=None)


@contextmanager
def atomic_group() -> Iterator[None]:
    """Put every file written inside the block in place together, when the block ends without error.

    Before any is put in place, every target is checked: one that is a folder (IsADirectoryError)
    leaves all of them as they were.
    """
    pending: list[_Deferred] = []
    token = _GROUP.set(pending)
    try:
        yield
        for finish in pending:
            if finish.target.is_dir() and not finish.target.is_symlink():
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(finish.target))
    except BaseException:
        _GROUP.reset(token)
        for finish in pending:
            finish.discard()
        raise
    _GROUP.reset(token)
    existed = {finish.target: finish.target.exists() for finish in pending}
    placed = 0
    try:
        for finish in pending:
            finish()
            placed += 1
    except BaseException:  # e.g. a full disk while a file is put in place: the new ones go again
        for finish in pending[:placed]:
            if not existed[finish.target]:
                finish.target.unlink(missing_ok=True)
        for finish in pending[placed + 1 :]:
            finish.discard()
        raise


def staged(target: Path) -> Path | None:
    """Inside `atomic_group()`: a path to read the finished content waiting to become `target`."""
    pending = _GROUP.get() or []
    return next((finish.source for finish in reversed(pending) if finish.target == Path(target)), None)


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a path to write the new content to; it replaces `target` when the block ends without error.

    The path may be a `/proc/self/fd/N` name of an anonymous file: open it by name
    (`write_bytes`, `zipfile.ZipFile`), do not rename or delete it.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target)
    group = _GROUP.get()
    fd = _anonymous_file(target.parent)
    if fd is None:
        with _named_temporary(target, deferred=group) as tmp:
            yield tmp
        return
    try:
        yield _PROC_FD / str(fd)
        _refuse_empty(os.fstat(fd).st_size, target)
        if group is not None:  # kept open (nameless) until the group ends
            kept = fd
            group.append(_Deferred(target, _PROC_FD / str(kept), lambda: _link_into_place(kept, target), lambda: None,
                                   kept))  # fmt: skip
            fd = -1
            return
        _link_into_place(fd, target)
    finally:
        if fd >= 0:
            os.close(fd)


def is_temporary_name(path: Path) -> bool:
    """Whether `path` names a file while it is written (an anonymous file's `/proc/self/fd/N`)."""
    return Path(path).parent == _PROC_FD


def write_bytes_atomic(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def remove_leftovers(target: Path) -> None:
    """Remove `.<name>.*.part` files that a killed write of `target` left (only where O_TMPFILE is
    missing); one that another process is still writing (it holds its lock) is left alone."""
    pattern = glob.escape(f".{target.name}.") + "*.part"
    for leftover in target.parent.glob(pattern):
        remove_if_abandoned(leftover)


def remove_if_abandoned(part: Path) -> None:
    """Remove a `.part` file unless a live writer holds its lock."""
    try:
        fd = os.open(part, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:  # gone already, or a link: a link is removed (never followed)
        part.unlink(missing_ok=True)
        return
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return  # being written
        part.unlink(missing_ok=True)
    finally:
        os.close(fd)


def _anonymous_file(folder: Path) -> int | None:
    """A write descriptor of a nameless file in `folder`, or None where the system has no O_TMPFILE."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not _PROC_FD.is_dir():
        return None
    try:
        fd = os.open(folder, flag | os.O_WRONLY, 0o666)  # the kernel applies the umask
    except OSError:  # EOPNOTSUPP, EISDIR (old kernels): the file system cannot
        return None
    if fcntl is not None:  # held while its name is `.part` (see _link_into_place), as a named one's is
        fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def _link_into_place(fd: int, target: Path) -> None:
    """Give the finished anonymous file its name.

    A new target is linked in under its own name: one system call, so no kill can leave
    anything else behind. linkat() cannot replace an existing file, so an existing
    target gets a temporary name first and is renamed over; a kill between those two
    calls leaves the complete new file as `.<name>.<random>.part`, removed by the next
    write of the target.
    """
    source, name = _PROC_FD / str(fd), f".{target.name}.{secrets.token_hex(6)}.part"
    folder = os.open(target.parent, os.O_RDONLY)
    try:
        try:  # linkat(..., AT_SYMLINK_FOLLOW): dst_dir_fd makes os.link call linkat
            os.link(source, target.name, dst_dir_fd=folder, follow_symlinks=True)
            return  # a new file, in place in one step
        except FileExistsError:
            pass  # linkat() cannot replace it: a temporary name, then a rename
        except OSError:  # e.g. /proc mounted without the magic links: copy through a named file
            _write_named(target, source.read_bytes())
            return
        os.link(source, name, dst_dir_fd=folder, follow_symlinks=True)
        try:
            os.replace(name, target.name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException:
            os.unlink(name, dir_fd=folder)
            raise
    finally:
        os.close(folder)


def _write_named(target: Path, data: bytes) -> None:
    """`write_bytes_atomic` through a named temporary file (the fallback where O_TMPFILE is missing)."""
    with _named_temporary(target) as tmp:
        tmp.write_bytes(data)


class _Deferred:
    """A finished file waiting for its group: `finish()` puts it in place, `discard()` drops it.
    `source` reads its content meanwhile."""

    def __init__(
        self, target: Path, source: Path, place: Callable[[], None], drop: Callable[[], None], fd: int = -1
    ) -> None:
        self.target, self.source = target, source
        self.place, self.drop, self.fd = place, drop, fd

    def __call__(self) -> None:
        try:
            self.place()
        finally:
            self._close()

    def discard(self) -> None:
        try:
            self.drop()
        finally:
            self._close()

    def _close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


@contextmanager
def _named_temporary(target: Path, deferred: list[_Deferred] | None = None) -> Iterator[Path]:
    """A `.<name>.<random>.part` file, locked (flock) while it is written or waits for its group,
    so that `remove_leftovers` in another process leaves it alone."""
    lock, tmp = _locked_temporary(target)
    try:
        yield tmp
        _refuse_empty(tmp.stat().st_size, target)
        os.chmod(tmp, 0o666 & ~_UMASK)
        if deferred is not None:
            staged = tmp
            deferred.append(_Deferred(target, staged, lambda: os.replace(staged, target),
                                      lambda: staged.unlink(missing_ok=True), lock))  # fmt: skip
            lock = -1
            tmp = None  # type: ignore[assignment]
            return
        os.replace(tmp, target)
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        if lock >= 0:
            os.close(lock)


def _locked_temporary(target: Path) -> tuple[int, Path]:
    """A new `.part` file and a descriptor holding its lock (-1 where there is no flock)."""
    while True:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        if fcntl is None:
            os.close(fd)
            return -1, Path(name)
        fcntl.flock(fd, fcntl.LOCK_EX)
        if os.fstat(fd).st_nlink > 0:  # not removed as a leftover in the moment before it was locked
            return fd, Path(name)
        os.close(fd)


def _refuse_empty(size: int, target: Path) -> None:
    if size == 0:
        raise RuntimeError(f"refusing to write an empty file to {target}")


def _read_umask() -> int:
    """The process's umask, read once at import: os.umask() sets it while reading it, which would
    briefly give files created by other threads (`policygen serve`) a umask of 0."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()
