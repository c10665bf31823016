"""The batch's worker processes: each school built by `build()` in a worker, and nothing left behind.

Workers are forked after the writers and the library are loaded (`preload`), so each starts
warm. They end with the batch however it ends: when the batch stops early (a signal, a full
disk) it cancels what has not started and terminates what has (their files are written
atomically, so an unfinished school leaves its previous files or none); and when the batch's
own process is killed outright (SIGKILL, a closing terminal), each worker is killed by the
kernel on Linux (`PR_SET_PDEATHSIG`), or, elsewhere, ends itself within half a second of
seeing its parent gone.

SIGINT, SIGTERM and SIGHUP to the batch's process stop it cleanly (`stopping_on_signals`):
the caller gets `Stopped` and says what was done.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from generator.errors import MissingSystemLibrary, PolicyError
from generator.frontends.batch_jobs import JobResult
from generator.messages import say
from generator.output_faults import OutputFault
from generator.pipeline import build, library_for

if TYPE_CHECKING:
    from generator.frontends.batch_jobs import Job, Settings

STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


class Stopped(Exception):
    """A signal asked the batch to stop."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextmanager
def stopping_on_signals() -> Iterator[None]:
    """Within the block, SIGINT, SIGTERM and SIGHUP raise `Stopped` in the main thread (elsewhere: no change)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise Stopped(signum)

    previous = {signum: signal.signal(signum, stop) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def execute(
    jobs: Sequence[Job], settings: Settings, workers: int | None, work: Callable[[Any, Any], Any] | None = None
) -> Iterator[JobResult]:
    """Build `jobs` (or do `work(job, settings)` for each: `policygen update`'s), yielding each result as it is
    done; closing the iterator early stops the workers. `work` never raises: errors go into its result."""
    work = work or build_job
    if not jobs:
        return
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    preload(settings, jobs)
    if workers == 1:
        for job in jobs:
            yield work(job, settings)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),))
    futures: list[Future[JobResult]] = []
    finished = False
    try:
        futures = [pool.submit(work, job, settings) for job in jobs]
        for future in as_completed(futures):
            yield future.result()
        finished = True
    finally:
        if finished:
            pool.shutdown()
        else:
            _stop(pool)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started, terminate the workers, and wait for them to be gone."""
    pool.shutdown(wait=False, cancel_futures=True)
    processes = list((getattr(pool, "_processes", None) or {}).values())  # no public way before Python 3.14
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join()


def _start_worker(parent: int) -> None:
    """In each worker: leave Ctrl+C to the batch, take the default for SIGTERM, and die with the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in STOP_SIGNALS[1:]:
        signal.signal(signum, signal.SIG_DFL)
    if not _die_with_parent():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the above took hold
        os._exit(1)


def _die_with_parent() -> bool:
    """Ask Linux to SIGKILL this process when its parent ends; False where it cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def preload(settings: Settings, jobs: Sequence[Job]) -> None:
    """Import the writers and load the library once, before the workers are forked."""
    if "docx" in settings.formats:
        import generator.writers.docx.writer
    if "pdf" in settings.formats or "html" in settings.formats:
        import generator.writers.html  # noqa: F401
        from generator.writers.pdf import writer as write_pdf

        if "pdf" in settings.formats:
            try:  # WeasyPrint, its fonts and the parsed stylesheet, shared by every forked worker
                write_pdf.stylesheet()
            except MissingSystemLibrary:
                pass  # reported per school
    for job in jobs[:1]:
        loaded = job.loaded or job.parsed
        if loaded is not None:
            try:
                library_for(loaded, settings.overlays)
            except PolicyError:
                pass


def build_job(job: Job, settings: Settings) -> JobResult:
    """Build one school; never raises: its errors go into the result (`fault`: the folder's, not the school's)."""
    start = time.perf_counter()
    result = JobResult(job.key, job.label, job.name, "failed", digest=job.digest, stem=job.stem)
    language = settings.report_language
    if job.errors:
        result.errors = [problem.located(language) for problem in job.errors]
        return result
    try:
        built = build(
            job.loaded if job.loaded is not None else job.parsed if job.parsed is not None else job.path,
            settings.out_dir, settings.formats, edition=settings.edition, language=settings.language,
            pdf_variant=settings.pdf_variant, overlays=settings.overlays, base_dir=job.base_dir, stem=job.stem,
            theme_file=settings.theme_file,
        )  # fmt: skip
    except OutputFault as exc:
        result.errors = [problem.located(language) for problem in exc.problems]
        result.fault = exc.folder_wide
    except PolicyError as exc:
        result.errors = [problem.located(language) for problem in exc.problems]
    except Exception as exc:
        result.errors = [say(language, "batch_internal", label=job.label, kind=type(exc).__name__, detail=str(exc))]
    else:
        result.status = "built"
        result.school = built.document.meta.school
        result.outputs = [path.name for path in built.outputs] + ([built.record.name] if built.record else [])
    result.seconds = time.perf_counter() - start
    return result
