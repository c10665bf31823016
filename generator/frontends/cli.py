"""The command line: each command parses its flags and calls one library function.

User errors (`PolicyError`) become `Error: file:line: key: message` lines on
stderr and exit code 2, in exactly one place (`PolicyGroup.invoke`), with the warnings found
beside them in file and line order. Nothing a user typed produces a traceback.

Every line is worded by the message catalogue (`generator.messages`) in the language each
command chooses first (`language.cli_language`: `--lang`, the options file's, the locale's,
else English), with the `file:line: key:` shape and the exit codes the same in each.
"""

from __future__ import annotations

import heapq
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from generator import __version__
from generator.formats import DEFAULT_FORMATS, EDITIONS, FORMATS, LANGUAGES, PDF_VARIANTS

# Paths are checked by the library, not by click, so that a missing file or a folder is said in the
# command's language like every other problem with a file.
options_argument = click.argument("options_file", type=click.Path(path_type=Path))
strict_option = click.option("--strict", is_flag=True, help="Treat warnings (unknown keys and the like) as errors.")
theme_option = click.option(
    "--theme", "theme_file", type=click.Path(path_type=Path),
    help="A letterhead theme file (name, logo, colour, font) for the DOCX and the PDF.",
)


class PolicyGroup(click.Group):
    """Turns every user error into a message and an exit code, in this one place."""

    def invoke(self, ctx: click.Context) -> Any:
        from generator.errors import MissingSystemLibrary, PolicyError
        from generator.messages import say

        try:
            return super().invoke(ctx)
        except PolicyError as exc:
            _report(exc.problems, exc.warnings, _language(ctx))
            ctx.exit(2)
        except MissingSystemLibrary as exc:
            click.echo(say(_language(ctx), "cli_error", problem=exc.said), err=True)
            ctx.exit(1)
        except (KeyboardInterrupt, click.Abort):  # Ctrl+C, in the command's language (click's is English)
            click.echo("", err=True)
            click.echo(say(_language(ctx), "cli_aborted"), err=True)
            ctx.exit(1)
        except (click.ClickException, click.exceptions.Exit):
            raise
        except Exception as exc:  # an internal failure: one line; the traceback only on request
            if os.environ.get("POLICYGEN_DEBUG"):
                raise
            click.echo(say(_language(ctx), "cli_internal", kind=type(exc).__name__, detail=str(exc)), err=True)
            ctx.exit(1)


def _language(ctx: click.Context) -> str:
    """The language the running command chose (`_speak`), else the locale's, else English."""
    from generator.options.language import cli_language

    return ctx.meta.get(_LANGUAGE) or cli_language()


def _speak(explicit: str | None, options_file: Path | None = None) -> str:
    """Choose the command's language (`--lang`, the options file's, the locale's, English) and keep it."""
    from generator.options.language import cli_language

    language = cli_language(explicit, options_file)
    click.get_current_context().meta[_LANGUAGE] = language
    return language


_LANGUAGE = "policygen.language"


def _report(errors: list[Any], warnings: list[Any], language: str) -> None:
    """Errors and warnings on stderr, merged in file and line order (each list is in that order already)."""
    from generator.messages import say

    def order(item: tuple[Any, str]) -> tuple[str, int]:
        return item[0].file, item[0].line or 0

    marked = heapq.merge([(p, "cli_error") for p in errors], [(p, "cli_warning") for p in warnings], key=order)
    for problem, kind in marked:
        click.echo(say(language, kind, problem=problem.located(language)), err=True)


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
@click.option("--clauses", "overlays", multiple=True, type=click.Path(path_type=Path),
              help="An overlay folder of clauses and options laid over the library; repeatable.")
@theme_option
@click.option("--lang", type=click.Choice(LANGUAGES),
              help="Build the policy in this language, and give this command's messages in it (default: the "
              "file's language).")
@strict_option
def build(options_file: Path, out_dir: Path, formats: tuple[str, ...], edition: str, pdf_variant: str,
          overlays: tuple[Path, ...], theme_file: Path | None, lang: str | None, strict: bool) -> None:
    """Build the policy described by OPTIONS_FILE."""
    from generator.pipeline import PdfNotMade
    from generator.pipeline import build as run_build

    language = _speak(lang, options_file)
    try:
        result = run_build(options_file, out_dir, formats or DEFAULT_FORMATS, edition=edition, language=lang,
                           pdf_variant=pdf_variant, strict=strict, overlays=overlays, theme_file=theme_file)
    except PdfNotMade as exc:  # the other formats were written: say so before the errors
        _report_built(exc.result, language)
        raise
    _report_built(result, language)


def _report_built(result: Any, language: str) -> None:
    from generator.messages import say

    _report([], result.warnings, language)
    for path in result.outputs:
        click.echo(say(language, "wrote", file=path))
    if result.record is not None:
        click.echo(say(language, "wrote_record", file=result.record))


@cli.command()
@options_argument
@click.option("--edition", type=click.Choice(EDITIONS), default="adopted", show_default=True,
              help="Check the edition `build` would make.")
@click.option("--lang", type=click.Choice(LANGUAGES),
              help="Check the file as it would be built in this language, and give the messages in it "
              "(default: the file's language, else the locale's).")
@strict_option
def validate(options_file: Path, edition: str, lang: str | None, strict: bool) -> None:
    """Check OPTIONS_FILE and report every problem at once, warnings among the errors in line order."""
    from generator.messages import say
    from generator.pipeline import check

    language = _speak(lang, options_file)
    choices = check(options_file, edition=edition, language=lang, strict=strict)
    _report([], choices.warnings, language)
    click.echo(say(language, "valid", file=options_file))


@cli.command()
@click.argument("out_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(LANGUAGES), default="da", show_default=True,
              help="Language of the comments, of the policy and of this command's message.")
@click.option("--force", is_flag=True, help="Overwrite OUT_FILE if it exists.")
def init(out_file: Path | None, lang: str, force: bool) -> None:
    """Write a commented options file with the recommended choices (to stdout without OUT_FILE), and
    beside it the JSON Schema that editors check it against (policygen.schema.json, unless there is one)."""
    from generator.frontends.options_file import render_options_file, write_starting_file
    from generator.messages import say
    from generator.pipeline import default_library

    _speak(lang)
    if out_file is None:
        click.echo(render_options_file(default_library(), lang), nl=False)
        return
    if out_file.exists() and not force:
        from generator.errors import PolicyError
        from generator.messages import Said

        raise PolicyError.at(str(out_file), None, None, Said("init_exists"))
    schema = write_starting_file(out_file, lang)
    if schema is not None:
        click.echo(say(lang, "init_wrote_schema", file=schema, options=out_file.name))
    click.echo(say(lang, "init_wrote", file=out_file))


@cli.command()
@click.option("-o", "--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the schema to this file (default: print it).")
@click.option("--clauses", "overlays", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="An overlay folder whose options the schema includes too; repeatable.")
@click.option("--lang", type=click.Choice(LANGUAGES), default="da", show_default=True,
              help="Language of the questions and help an editor shows, and of this command's message.")
def schema(out_file: Path | None, overlays: tuple[Path, ...], lang: str) -> None:
    """A JSON Schema of the options file, for editors that complete and check YAML as you type
    (`policygen init` names it in the file it writes)."""
    from generator.frontends.schema import library_schema
    from generator.messages import say

    _speak(lang)
    text = library_schema(overlays, lang)
    if out_file is None:
        click.echo(text, nl=False)
        return
    from generator.atomic import write_bytes_atomic

    write_bytes_atomic(out_file, text.encode("utf-8"))
    click.echo(say(lang, "wrote", file=out_file))


@cli.command(name="options")
@click.option("--lang", type=click.Choice(LANGUAGES),
              help="Language of the list (default: the locale's, else English).")
def list_options(lang: str | None) -> None:
    """List the decision points, their choices and the guidance's recommendation."""
    from generator.options.describe import describe_options
    from generator.pipeline import default_library

    click.echo(describe_options(default_library(), _speak(lang)), nl=False)


@cli.command()
@click.argument("out_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(LANGUAGES), help="Language of the questions and the policy (default: the "
              "file's, else da).")
def interview(out_file: Path | None, lang: str | None) -> None:
    """Ask the decision points in the terminal and write OUT_FILE (default skole.yaml); re-running starts from it."""
    from generator.frontends.interview import interview_language, run_interview

    run_interview(out_file, _speak(interview_language(out_file, lang)))


@cli.command()
@click.argument("school_file", required=False, type=click.Path(path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port on 127.0.0.1.")
@click.option("--lang", type=click.Choice(LANGUAGES), help="Language of the page and the policy (default: the "
              "file's, else da).")
def serve(school_file: Path | None, port: int, lang: str | None) -> None:
    """The questions as a local web page with a live preview, on 127.0.0.1 only (starting from SCHOOL_FILE)."""
    from generator.frontends.serve import serve as run_server
    from generator.options.language import file_language

    _speak(lang or file_language(school_file) or "da")
    run_server(school_file, port=port, language=lang)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for every school's documents (and the hashes that make re-runs fast).")
@click.option("-j", "--jobs", "workers", type=click.IntRange(1, 64), help="Worker processes (default: the cores).")
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(FORMATS),
              help="Output format; repeat for several. Default: docx and pdf.")
@click.option("--edition", type=click.Choice(EDITIONS), default="adopted", show_default=True,
              help="`review` adds each decision's alternatives and commentary for the school board.")
@click.option("--pdf-variant", type=click.Choice(PDF_VARIANTS), default="pdf/ua-1", show_default=True,
              help="PDF standard: tagged and accessible (pdf/ua-1) or archival (pdf/a-3b).")
@click.option("--clauses", "overlays", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="An overlay folder of clauses and options laid over the library; repeatable.")
@click.option("--force", is_flag=True, help="Rebuild every school, changed or not.")
@theme_option
@click.option("--lang", type=click.Choice(LANGUAGES),
              help="Build every school in this language (default: each file's own) and report in it (default: "
              "the locale's, else English).")
def batch(inputs: tuple[Path, ...], out_dir: Path, workers: int | None, formats: tuple[str, ...], edition: str,
          pdf_variant: str, overlays: tuple[Path, ...], force: bool, theme_file: Path | None,
          lang: str | None) -> None:
    """Build many schools: INPUTS are options files, folders of them, or CSV files (one school a row;
    the header names options by dotted key, e.g. school.name,choices.platform)."""
    from generator.frontends.batch import Settings, plan, run_batch
    from generator.frontends.summary import summary_table
    from generator.messages import say

    language = _speak(lang)
    settings = Settings(out_dir, tuple(formats or DEFAULT_FORMATS), edition, lang, pdf_variant, overlays, theme_file,
                        report_language=language)
    jobs = plan(inputs, settings)
    with _progress(len(jobs), language) as progress:
        run = run_batch(inputs, settings, workers=workers, force=force, progress=progress, jobs=jobs,
                        notice=lambda message: click.echo(message, err=True))
    click.echo(summary_table(run.results, language))
    if run.fault is not None:
        click.echo(say(language, "cli_error", problem=run.fault), err=True)
        raise click.exceptions.Exit(2)
    if run.stopped is not None:
        left = sum(result.status == "not built" for result in run.results)
        click.echo(say(language, "batch_stopped", signal=str(run.stopped), left=left), err=True)
        raise click.exceptions.Exit(128 + run.stopped.signum)
    if any(result.status == "failed" for result in run.results):
        raise click.exceptions.Exit(1)


@contextmanager
def _progress(total: int, language: str, label: str = "batch_building",
              statuses: dict[str, str] | None = None) -> Iterator[Callable[[Any], None]]:
    """A progress bar on a terminal; elsewhere (a log, a pipe) one line per school as it is done.
    `label` and `statuses` (a result's status -> its message) are the command's own words."""
    from generator.frontends.summary import plain
    from generator.messages import say

    stream = sys.stderr
    if stream.isatty():
        with click.progressbar(length=total, label=say(language, label), file=stream) as bar:
            yield lambda _: bar.update(1)
        return
    done = 0

    def line(result: Any) -> None:
        nonlocal done
        done += 1
        status = say(language, (statuses or {}).get(result.status) or f"batch_{result.status}")
        click.echo(say(language, "batch_progress", done=str(done), total=str(total), status=status,
                       school=plain(result.school or result.label)), err=True)

    yield line


@cli.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the redline here: a DOCX with tracked changes, or the summary page (.html).")
@click.option("-f", "--format", "fmt", type=click.Choice(("docx", "html")),
              help="docx: tracked changes; html: the summary page. Default: from --out's suffix.")
@click.option("--lang", type=click.Choice(LANGUAGES),
              help="Language of the summary (default: NEW's language, else the locale's, else English).")
def diff(old: Path, new: Path, out: Path | None, fmt: str | None, lang: str | None) -> None:
    """Compare two versions of a policy (options files or *.record.json) and say what changed and why."""
    from generator.redline.compare import diff as run_diff
    from generator.redline.report import summary_text

    language = _speak(lang, new)
    redline = run_diff(old, new, out, fmt)
    click.echo(summary_text(redline, language), nl=False)
    if redline.written is not None:
        from generator.messages import say

        click.echo(say(_language(click.get_current_context()), "wrote", file=redline.written))


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for each school's new draft, redline (.redline.docx) and changelog (.changes.md/.html).")
@click.option("--overlay", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The school's own edits (from `policygen absorb`), for one school. Default: <stem>.overlay/ "
              "beside each record.")
@click.option("-j", "--jobs", "workers", type=click.IntRange(1, 64), help="Worker processes (default: the cores).")
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(FORMATS),
              help="Format of the new draft; repeat for several. Default: docx.")
@click.option("--clauses", "overlays", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="An overlay folder of clauses and options laid over the library (the union's); repeatable.")
@click.option("--lang", type=click.Choice(LANGUAGES),
              help="Language of the report (default: the locale's, else English).")
def update(inputs: tuple[Path, ...], out_dir: Path, overlay: Path | None, workers: int | None,
           formats: tuple[str, ...], overlays: tuple[Path, ...], lang: str | None) -> None:
    """Bring adopted policies (*.record.json, or options files; folders of them) to today's clause library:
    a new draft, a redline against what was adopted, and a changelog for the board, per school."""
    from generator.frontends.batch_workers import Stopped, execute, stopping_on_signals
    from generator.messages import say
    from generator.update.many import STATUS_WORDS, exit_status, plan_update, run_update, update_summary
    from generator.update.run import UpdateSettings

    language = _speak(lang)
    settings = UpdateSettings(out_dir, tuple(formats or ("docx",)), overlays=overlays, report_language=language,
                              overlay=overlay)
    jobs = plan_update(inputs)
    try:
        with _progress(len(jobs), language, "update_building", STATUS_WORDS) as progress, stopping_on_signals():
            results = run_update(inputs, settings, workers=workers, progress=progress, jobs=jobs, execute=execute)
    except Stopped as stopped:
        click.echo(say(language, "batch_stopped", signal=str(stopped), left=len(jobs)), err=True)
        raise click.exceptions.Exit(128 + stopped.signum) from None
    click.echo(update_summary(results, language))
    if status := exit_status(results):
        raise click.exceptions.Exit(status)


@cli.command()
@click.argument("edited", type=click.Path(path_type=Path))
@click.argument("record", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The overlay folder to write (overlay.yaml and clauses/).")
@click.option("--force", is_flag=True, help="Replace the overlay OUT holds already.")
@click.option("--lang", type=click.Choice(LANGUAGES),
              help="Language of the report (default: the locale's, else English).")
def absorb(edited: Path, record: Path, out_dir: Path, force: bool, lang: str | None) -> None:
    """Keep a school's own Word edits: read EDITED (a DOCX policygen built from RECORD, then edited in Word or
    LibreOffice) and write each clause it changed, added or deleted as an overlay folder for build and update."""
    from generator.messages import say
    from generator.update.absorb import absorb as run_absorb

    language = _speak(lang)
    absorbed = run_absorb(edited, record, out_dir, force=force)
    for note in absorbed.notes:
        click.echo(say(language, "cli_warning", problem=note.text(language)), err=True)
    click.echo(say(language, "absorbed", folder=str(out_dir), changed=", ".join(absorbed.changed) or "-",
                   added=", ".join(absorbed.added) or "-", removed=", ".join(absorbed.removed) or "-"))


@cli.command()
@click.argument("item", metavar="CLAUSE_OR_OPTION_ID")
@click.option("--lang", type=click.Choice(LANGUAGES),
              help="Language of the description (default: the locale's, else English).")
def explain(item: str, lang: str | None) -> None:
    """Show a clause or decision point: text, source, status, alternatives and commentary."""
    from generator.frontends.explain import explain as describe

    click.echo(describe(item, _speak(lang)), nl=False)


def main() -> None:
    """The console script."""
    cli(prog_name="policygen")
