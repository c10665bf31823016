"""What a batch remembers in its output folder, and the lock that gives one batch the folder at a time.

The state is a small SQLite database, `OUTDIR/.policygen-batch.db` (the standard library's
`sqlite3`): one row per school (its input's identity, the hash of everything its outputs
depend on, its output names), each written in a transaction of its own as the school
finishes, so an interrupted batch resumes where it stopped and a 20,000-school batch
writes 20,000 small rows, not 20,000 copies of the whole file. WAL journal, and the
exclusive locking mode: no shared-memory file, so it works on network file systems too
(the folder lock below keeps every other process out anyway).

A state that cannot be read (not a database, another shape, a newer version) is put
aside: every school is rebuilt, and the caller says so once.

The folder lock is `fcntl.flock` on `OUTDIR/.policygen-batch.lock`, held for the whole
run. A second batch into the same folder waits for the first to finish (and says so
once): two scheduled runs into one folder then both complete, one after the other, and
the second rebuilds only what changed. The lock is the kernel's, so it ends with the
process that held it, however that process ends.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from generator.messages import Said

try:
    import fcntl
except ImportError:  # Windows: no advisory locks here; one batch at a time is then the user's care
    fcntl = None  # type: ignore[assignment]

STATE_FILE = ".policygen-batch.db"
LOCK_FILE = ".policygen-batch.lock"
OLD_STATE_FILE = ".policygen-batch.json"  # the state as policygen 0.1 kept it: rebuilt once, then removed
SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS schools (
    key TEXT PRIMARY KEY,      -- the input: an options file's path, or a CSV file's path and the school's slug
    stem TEXT NOT NULL,        -- the output files' name without suffix
    digest TEXT NOT NULL,      -- hash of everything the outputs depend on
    school TEXT NOT NULL,      -- the school's name, for the summary
    outputs TEXT NOT NULL      -- JSON list of the file names written
)
"""


@dataclass(frozen=True)
class Remembered:
    """One school as the state remembers it."""

    stem: str
    digest: str
    school: str
    outputs: tuple[str, ...]


class BatchState:
    """The state of one output folder; use `BatchState.open(out)` as a context manager."""

    def __init__(self, connection: sqlite3.Connection, path: Path, problem: Said | None = None) -> None:
        self.connection, self.path = connection, path
        self.problem = problem  # why an earlier state could not be read (then every school is rebuilt)

    @classmethod
    @contextmanager
    def open(cls, out: Path) -> Iterator[BatchState]:
        """Open (or create) the state in `out`; OSError for a folder it cannot be written in."""
        path = out / STATE_FILE
        problem = _unreadable(path)
        if problem is not None:
            _remove(path)
        with suppress(FileNotFoundError):
            (out / OLD_STATE_FILE).unlink()
        connection = _connect(path)
        try:
            yield cls(connection, path, problem)
        finally:
            connection.close()

    def get(self, key: str) -> Remembered | None:
        """The school last built from `key`, if the state has a well-formed row for it."""
        query = "SELECT stem, digest, school, outputs FROM schools WHERE key = ?"
        try:
            row = self.connection.execute(query, (key,)).fetchone()
        except sqlite3.Error:  # damaged since it was opened
            return None
        if row is None:
            return None
        try:
            outputs = json.loads(row[3])
        except ValueError:
            return None
        if not (isinstance(outputs, list) and all(isinstance(name, str) for name in outputs)):
            return None
        return Remembered(str(row[0]), str(row[1]), str(row[2]), tuple(outputs))

    def remember(self, key: str, school: Remembered) -> None:
        """Record a school just built (one transaction); rows of other inputs that named the same
        files are dropped, since those files now hold this school."""
        outputs = json.dumps(list(school.outputs), ensure_ascii=False)
        self._write(
            ("DELETE FROM schools WHERE stem = ? AND key != ?", (school.stem, key)),
            ("INSERT OR REPLACE INTO schools VALUES (?, ?, ?, ?, ?)", (key, school.stem, school.digest, school.school,
                                                                       outputs)),
        )  # fmt: skip

    def forget(self, key: str) -> None:
        """A school that failed: built again next time, whatever its hash."""
        self._write(("DELETE FROM schools WHERE key = ?", (key,)))

    def _write(self, *statements: tuple[str, tuple[str, ...]]) -> None:
        """One transaction; OSError (no space left, read-only) if it cannot be written."""
        try:
            with self.connection:
                for sql, values in statements:
                    self.connection.execute(sql, values)
        except sqlite3.Error as exc:
            raise _as_os_error(exc, self.path) from None


def _connect(path: Path) -> sqlite3.Connection:
    try:
        connection = sqlite3.connect(path, isolation_level="DEFERRED")
        connection.execute("PRAGMA locking_mode = EXCLUSIVE")  # before WAL: no -shm file is ever made
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        with connection:
            connection.execute(_SCHEMA)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except sqlite3.Error as exc:
        raise _as_os_error(exc, path) from None
    return connection


def _unreadable(path: Path) -> Said | None:
    """Why the state at `path` cannot be used (None: it can, or there is none yet)."""
    try:
        status = path.lstat()
    except FileNotFoundError:
        return None
    if not path.is_file() or path.is_symlink():
        return Said("not_a_regular_file")
    if status.st_size == 0:
        return None
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            columns = {row[1] for row in connection.execute("PRAGMA table_info(schools)")}
        finally:
            connection.close()
    except sqlite3.Error as exc:
        return Said("sqlite_said", detail=str(exc))
    if version != SCHEMA_VERSION or columns != {"key", "stem", "digest", "school", "outputs"}:
        return Said("batch_state_other_version")
    return None


def _remove(path: Path) -> None:
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm", f"{path.name}-journal"):
        with suppress(FileNotFoundError):
            (path.parent / name).unlink()


def _as_os_error(exc: sqlite3.Error, path: Path) -> OSError:
    """SQLite's "database or disk is full" and the like as the OSError they are, for one message."""
    text = str(exc).lower()
    code = errno.ENOSPC if "full" in text else errno.EROFS if "readonly" in text else errno.EIO
    if "unable to open" in text:
        code = errno.EACCES
    return OSError(code, os.strerror(code), str(path))


@contextmanager
def folder_lock(out: Path, waiting: Callable[[str], None] | None = None, language: str = "en") -> Iterator[None]:
    """Hold the batch lock on `out` for the block; wait for a batch that holds it (calling
    `waiting` once with a sentence in `language` saying so). OSError if the lock file cannot be made."""
    fd = os.open(out / LOCK_FILE, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0),
                 0o666)  # fmt: skip
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if waiting is not None:
                    waiting(_holder(fd, out, language))
                fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)  # releases the lock


def _holder(fd: int, out: Path, language: str) -> str:
    pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    said = Said("batch_waiting_for", pid=pid) if pid.isdigit() else Said("batch_waiting")
    return f"{out}: {said.text(language)}"

