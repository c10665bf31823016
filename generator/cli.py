"""The command line: each command parses its flags and calls one library function.

User errors (`PolicyError`) become `Error: file:line: key: message` lines on
stderr and exit code 2, in exactly one place (`PolicyGroup.invoke`). Nothing a user typed
produces a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from . import __version__
from .formats import DEFAULT_FORMATS, EDITIONS, FORMATS, LANGUAGES, PDF_VARIANTS

options_argument = click.argument("options_file", type=click.Path(dir_okay=False, path_type=Path))
strict_option = click.option("--strict", is_flag=True, help="Treat warnings (unknown keys and the like) as errors.")
theme_option = click.option(
    "--theme", "theme_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A letterhead theme file (name, logo, colour, font) for the DOCX and the PDF.",
)
lang_option = click.option("--lang", type=click.Choice(LANGUAGES), help="Build in this language (default: the file's).")


class PolicyGroup(click.Group):
    """Turns every user error into a message and an exit code, in this one place."""

    def invoke(self, ctx: click.Context) -> Any:
        from .errors import MissingSystemLibrary, PolicyError

        try:
            return super().invoke(ctx)
        except PolicyError as exc:
            for problem in exc.problems:
                click.echo(f"Error: {problem}", err=True)
            ctx.exit(2)
        except MissingSystemLibrary as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(1)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:  # an internal failure: one line; the traceback only on request
            if os.environ.get("POLICYGEN_DEBUG"):
                raise
            click.echo(f"Internal error: {type(exc).__name__}: {exc} (set POLICYGEN_DEBUG=1 for details)", err=True)
            ctx.exit(1)


@click.group(cls=PolicyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="policygen")
def cli() -> None:
    """Draft a school's local policy on staff use of social media, from Kolding Lærerkreds'
    guidance, as DOCX and PDF.

    Start with `policygen init school.yaml`, edit the file, then `policygen build school.yaml`.
    """


@cli.command()
@options_argument
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Folder for the documents.")
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(FORMATS),
              help="Output format; repeat for several. Default: docx and pdf.")
@click.option("--edition", type=click.Choice(EDITIONS), default="adopted", show_default=True,
              help="`review` adds each decision's alternatives and commentary for the school board.")
@click.option("--pdf-variant", type=click.Choice(PDF_VARIANTS), default="pdf/ua-1", show_default=True,
              help="PDF standard: tagged and accessible (pdf/ua-1) or archival (pdf/a-3b).")
@click.option("--clauses", "overlays", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="An overlay folder of clauses and options laid over the library; repeatable.")
@theme_option
@lang_option
@strict_option
def build(options_file: Path, out_dir: Path, formats: tuple[str, ...], edition: str, pdf_variant: str,
          overlays: tuple[Path, ...], theme_file: Path | None, lang: str | None, strict: bool) -> None:
    """Build the policy described by OPTIONS_FILE."""
    from .build import PdfNotMade
    from .build import build as run_build

    try:
        result = run_build(options_file, out_dir, formats or DEFAULT_FORMATS, edition=edition, language=lang,
                           pdf_variant=pdf_variant, strict=strict, overlays=overlays, theme_file=theme_file)
    except PdfNotMade as exc:  # the other formats were written: say so before the errors
        _report_built(exc.result)
        raise
    _report_built(result)


def _report_built(result: Any) -> None:
    _warn(result.warnings)
    for path in result.outputs:
        click.echo(f"Wrote {path}")
    if result.record is not None:
        click.echo(f"Wrote {result.record} (the build record: library, clauses and choices, for `policygen diff`)")


@cli.command()
@options_argument
@click.option("--edition", type=click.Choice(EDITIONS), default="adopted", show_default=True,
              help="Check the edition `build` would make.")
@lang_option
@strict_option
def validate(options_file: Path, edition: str, lang: str | None, strict: bool) -> None:
    """Check OPTIONS_FILE and report every problem at once: everything `build` would refuse."""
    from .build import check

    choices = check(options_file, edition=edition, language=lang, strict=strict)
    _warn(choices.warnings)
    click.echo(f"{options_file}: OK")


@cli.command()
@click.argument("out_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(LANGUAGES), default="da", show_default=True,
              help="Language of the comments and of the policy.")
@click.option("--force", is_flag=True, help="Overwrite OUT_FILE if it exists.")
def init(out_file: Path | None, lang: str, force: bool) -> None:
    """Write a commented options file with the recommended choices (to stdout without OUT_FILE), and
    beside it the JSON Schema that editors check it against (policygen.schema.json, unless there is one)."""
    from .build import default_library
    from .options_file import render_options_file, write_starting_file

    if out_file is None:
        click.echo(render_options_file(default_library(), lang), nl=False)
        return
    if out_file.exists() and not force:
        raise click.UsageError(f"{out_file} exists; use --force to overwrite it")
    schema = write_starting_file(out_file, lang)
    if schema is not None:
        click.echo(f"Wrote {schema}: editors with YAML support (VS Code's YAML extension, JetBrains) check "
                   f"{out_file.name} against it as you type")
    click.echo(f"Wrote {out_file}: fill in the school's facts, then run `policygen build {out_file}`")


@cli.command()
@click.option("-o", "--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the schema to this file (default: print it).")
@click.option("--clauses", "overlays", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="An overlay folder whose options the schema includes too; repeatable.")
@click.option("--lang", type=click.Choice(LANGUAGES), default="da", show_default=True,
              help="Language of the questions and help an editor shows.")
def schema(out_file: Path | None, overlays: tuple[Path, ...], lang: str) -> None:
    """A JSON Schema of the options file, for editors that complete and check YAML as you type
    (`policygen init` names it in the file it writes)."""
    from .schema import library_schema

    text = library_schema(overlays, lang)
    if out_file is None:
        click.echo(text, nl=False)
        return
    from .atomic import write_bytes_atomic

    write_bytes_atomic(out_file, text.encode("utf-8"))
    click.echo(f"Wrote {out_file}")


@cli.command(name="options")
@click.option("--lang", type=click.Choice(LANGUAGES), default="da", show_default=True)
def list_options(lang: str) -> None:
    """List the decision points, their choices and the guidance's recommendation."""
    from .build import default_library
    from .describe import describe_options

    click.echo(describe_options(default_library(), lang), nl=False)


@cli.command()
@click.argument("out_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(LANGUAGES), help="Language of the questions and the policy (default: the "
              "file's, else da).")
def interview(out_file: Path | None, lang: str | None) -> None:
    """Ask the decision points in the terminal and write OUT_FILE (default skole.yaml); re-running starts from it."""
    from .interview import run_interview

    run_interview(out_file, lang)


@cli.command()
@click.argument("school_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port on 127.0.0.1.")
@click.option("--lang", type=click.Choice(LANGUAGES), help="Language of the page and the policy (default: the "
              "file's, else da).")
def serve(school_file: Path | None, port: int, lang: str | None) -> None:
    """The questions as a local web page with a live preview, on 127.0.0.1 only (starting from SCHOOL_FILE)."""
    from .serve import serve as run_server

    run_server(school_file, port=port, language=lang)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for every school's documents (and the hashes that make re-runs fast).")
@click.option("-j", "--jobs", "workers", type=click.IntRange(1, 64), help="Worker processes (default: the cores).")
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(FORMATS),
              help="Output format; repeat for several. Default: docx and pdf.")
@click.option("--edition", type=click.Choice(EDITIONS), default="adopted", show_default=True)
@click.option("--pdf-variant", type=click.Choice(PDF_VARIANTS), default="pdf/ua-1", show_default=True)
@click.option("--clauses", "overlays", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="An overlay folder of clauses and options laid over the library; repeatable.")
@click.option("--force", is_flag=True, help="Rebuild every school, changed or not.")
@theme_option
@lang_option
def batch(inputs: tuple[Path, ...], out_dir: Path, workers: int | None, formats: tuple[str, ...], edition: str,
          pdf_variant: str, overlays: tuple[Path, ...], force: bool, theme_file: Path | None,
          lang: str | None) -> None:
    """Build many schools: INPUTS are options files, folders of them, or CSV files (one school a row;
    the header names options by dotted key, e.g. school.name,choices.platform)."""
    from .batch import Settings, plan, run_batch
    from .summary import summary_table

    settings = Settings(out_dir, tuple(formats or DEFAULT_FORMATS), edition, lang, pdf_variant, overlays, theme_file)
    jobs = plan(inputs, settings)
    with _progress(len(jobs)) as progress:
        run = run_batch(inputs, settings, workers=workers, force=force, progress=progress, jobs=jobs,
                        notice=lambda message: click.echo(message, err=True))
    click.echo(summary_table(run.results))
    if run.fault is not None:
        click.echo(f"Error: {run.fault}", err=True)
        raise click.exceptions.Exit(2)
    if run.stopped is not None:
        left = sum(result.status == "not built" for result in run.results)
        click.echo(f"Stopped by {run.stopped}: {left} not built; run the batch again to build them", err=True)
        raise click.exceptions.Exit(128 + run.stopped.signum)
    if any(result.status == "failed" for result in run.results):
        raise click.exceptions.Exit(1)


@contextmanager
def _progress(total: int) -> Iterator[Callable[[Any], None]]:
    """A progress bar on a terminal; elsewhere (a log, a pipe) one line per school as it is done."""
    from .summary import plain

    stream = sys.stderr
    if stream.isatty():
        with click.progressbar(length=total, label="Building", file=stream) as bar:
            yield lambda _: bar.update(1)
        return
    done = 0

    def line(result: Any) -> None:
        nonlocal done
        done += 1
        click.echo(f"{done}/{total} {result.status}: {plain(result.school or result.label)}", err=True)

    yield line


@cli.command()
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the redline here: a DOCX with tracked changes, or the summary page (.html).")
@click.option("-f", "--format", "fmt", type=click.Choice(("docx", "html")),
              help="docx: tracked changes; html: the summary page. Default: from --out's suffix.")
def diff(old: Path, new: Path, out: Path | None, fmt: str | None) -> None:
    """Compare two versions of a policy (options files or *.record.json) and say what changed and why."""
    from .redline import diff as run_diff

    redline = run_diff(old, new, out, fmt)
    click.echo(redline.summary(), nl=False)
    if redline.written is not None:
        click.echo(f"Wrote {redline.written}")


@cli.command()
@click.argument("item", metavar="CLAUSE_OR_OPTION_ID")
@click.option("--lang", type=click.Choice(LANGUAGES), default="da", show_default=True)
def explain(item: str, lang: str) -> None:
    """Show a clause or decision point: text, source, status, alternatives and commentary."""
    from .explain import explain as describe

    click.echo(describe(item, lang), nl=False)


def _warn(problems: list[Any]) -> None:
    for problem in problems:
        click.echo(f"Warning: {problem}", err=True)


def main() -> None:
    """The console script."""
    cli(prog_name="policygen")
