"""What a value, or a clause text, cannot reach: Python objects through Jinja2, files and the
network through WeasyPrint.

Clause texts are templates rendered in Jinja2's immutable sandbox; an overlay folder
(named by `--clauses` or by the options file's `clauses:`) brings its own. Whatever a
clause does with a value (print it, pass it to a filter, use it as a format string),
it cannot reach `__class__`, `__globals__` or the like, nor change the values other
clauses see: the sandbox's SecurityError (a jinja2 TemplateError) becomes a PolicyError
naming the clause, exit 2. The PDF renderer reads only the templates folder and the logo:
a file or network address anywhere in the HTML stops the render, and nothing is read
or connected to.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from jinja2 import TemplateError
from jinja2.sandbox import SecurityError

from generator.library.templating import render
from generator.writers.fetch import FetchRefused, LocalFetcher
from generator.writers.pdf import writer as wp
from tests.helpers import with_facts
from tests.sample_document import sample_document

# Values that are format strings or look like attribute paths, so a clause that misuses them is caught.
VALUES = {"school": {"name": "{0.__class__.__mro__}"}, "choices": {"platform": "{0.__init__.__globals__}"}}


def overlay_with(folder: Path, text: str, when: str | None = None) -> Path:
    clause = {
        "id": "evil",
        "section": "purpose",
        "title": {"da": "Ond", "en": "Evil"},
        "status": "local",
        "source": {"ref": "practice", "passage": {"da": "x", "en": "x"}},
        "text": {"da": text, "en": text},
        "commentary": {"da": "c", "en": "c"},
        **({"when": when} if when else {}),
    }
    (folder / "overlay" / "clauses").mkdir(parents=True)
    (folder / "overlay" / "clauses" / "evil.yaml").write_text(yaml.safe_dump(clause), encoding="utf-8")
    options = folder / "school.yaml"
    options.write_text(yaml.safe_dump(with_facts({"clauses": "overlay", **VALUES})), encoding="utf-8")
    return options


ESCAPES = {
    "attribute of a value": "{{ school.name.__class__.__mro__ }}",
    "attr filter on a value": "{{ choices.platform|attr('__class__') }}",
    "attr filter, then subclasses": "{{ (choices.platform|attr('__class__')).__mro__[1].__subclasses__() }}",
    "string filter, then attr": "{{ school.name|string|attr('__class__') }}",
    "globals through a method": "{{ school.name.format.__globals__ }}",
    "the value as a format string": "{{ choices.platform.format(school) }}",
    "a format string on the value": "{{ '{0.__class__.__mro__}'.format(school.name) }}",
    "format_map": "{{ '{name.__class__}'.format_map(school) }}",
    "a loop over subclasses": "{% for c in school.name.__class__.__subclasses__() %}{{ c }}{% endfor %}",
    "cycler globals": "{{ cycler.__init__.__globals__ }}",
    "lipsum globals": "{{ lipsum.__globals__ }}",
    "namespace globals": "{{ namespace.__init__.__globals__ }}",
    "self": "{{ self.__init__.__globals__ }}",
    "bound method's self": "{{ school.name.split.__self__ }}",
    "changing a value for later clauses": "{{ school.update(name='Overtaget') }}",
    "setitem": "{{ school.__setitem__('name', 'x') }}",
    "appending to a list": "{{ [].append(1) }}",
}


@pytest.mark.parametrize("text", list(ESCAPES.values()), ids=list(ESCAPES))
def test_a_clause_cannot_reach_python_objects_through_a_value(
    text: str, tmp_path: Path, run_catching: Callable[..., object]
) -> None:
    options = overlay_with(tmp_path, text)
    result = run_catching("build", options, "-o", tmp_path / "out", "-f", "md")
    clause_file = tmp_path / "overlay" / "clauses" / "evil.yaml"
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"Error: {clause_file}: evil.text: template error: ")
    assert "unsafe" in result.stderr
    assert "Internal error" not in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_the_exact_message(tmp_path: Path, run_catching: Callable[..., object]) -> None:
    options = overlay_with(tmp_path, "{{ choices.platform|attr('__class__') }}")
    result = run_catching("build", options, "-o", tmp_path / "out", "-f", "docx")
    clause_file = tmp_path / "overlay" / "clauses" / "evil.yaml"
    assert result.stderr == (
        f"Error: {clause_file}: evil.text: template error: access to attribute '__class__' of 'str' object is unsafe.\n"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{{ school.name + 1 }}", 'TypeError: can only concatenate str (not "int") to str'),
        ("{{ choices.platform|format(school) }}", "TypeError: not all arguments converted during string formatting"),
        ("{{ range(10**9)|list }}", "1,000,000,000 is more than 100,000, the largest number a clause may give"),
        ("{{ range(10**5)|list }}", "range() of 100,000 numbers (the limit is 10,000)"),
        ("{{ 1 / 0 }}", "ZeroDivisionError: division by zero"),
        ("{{ nothing }}", "'nothing' is undefined"),
        ("{% if %}", "Expected an expression, got 'end of statement block'"),
    ],
)
def test_any_failure_of_a_clause_template_names_the_clause(
    text: str, message: str, tmp_path: Path, run_catching: Callable[..., object]
) -> None:
    options = overlay_with(tmp_path, text)
    result = run_catching("build", options, "-o", tmp_path / "out", "-f", "md")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"Error: {tmp_path / 'overlay' / 'clauses' / 'evil.yaml'}: evil.text: ")
    assert message in result.stderr


def test_a_clause_condition_is_sandboxed_too(tmp_path: Path, run_catching: Callable[..., object]) -> None:
    options = overlay_with(tmp_path, "x", when="school.name.__class__")
    result = run_catching("build", options, "-o", tmp_path / "out", "-f", "md")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {tmp_path / 'overlay' / 'clauses' / 'evil.yaml'}: evil.when: ")
    assert "unsafe" in result.stderr


def test_safe_uses_of_a_value_print_it_as_typed(tmp_path: Path, run_catching: Callable[..., object]) -> None:
    text = "[{{ choices.platform }}] [{{ choices.platform|upper }}] [{{ choices.platform|length }}] [{{ school.name }}]"
    options = overlay_with(tmp_path, text)
    result = run_catching("build", options, "-o", tmp_path / "out", "-f", "md")
    assert result.exit_code == 0, result.stderr
    (markdown,) = (tmp_path / "out").glob("*.md")
    line = next(line for line in markdown.read_text(encoding="utf-8").splitlines() if line.startswith("\\["))
    assert line == (
        r"\[{0.\_\_init\_\_.\_\_globals\_\_}\] \[{0.\_\_INIT\_\_.\_\_GLOBALS\_\_}\] \[24\] "
        r"\[{0.\_\_class\_\_.\_\_mro\_\_}\]"
    )


def test_security_error_is_a_template_error() -> None:
    assert issubclass(SecurityError, TemplateError)
    with pytest.raises(SecurityError):
        render("{{ value.__class__ }}", {"value": "x"})
    with pytest.raises(SecurityError):
        render("{{ values.update(a=1) }}", {"values": {}})


@pytest.fixture
def run_catching() -> Callable[..., object]:
    from click.testing import CliRunner

    from generator.frontends.cli import cli

    def invoke(*args: str | Path) -> object:
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=True)

    return invoke


# ---- the PDF renderer's fetcher: a full render --------------------------------------------


@pytest.fixture
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A TCP server on 127.0.0.1 that records every connection made to it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    connections: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                client, _ = server.accept()
            except TimeoutError:
                continue
            with client:
                client.settimeout(1)
                connections.append(client.recv(4096))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], connections
    stop.set()
    thread.join()
    server.close()


REFERENCES = {
    "img file": '<img src="file:///etc/passwd">',
    "img http": '<img src="http://127.0.0.1:{port}/logo.png">',
    "stylesheet http": '<link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">',
    "stylesheet file": '<link rel="stylesheet" href="file:///etc/passwd">',
    "css import": '<style>@import url("http://127.0.0.1:{port}/i.css");</style>',
    "css background": '<p style="background: url(http://127.0.0.1:{port}/bg.png)">x</p>',
    "font-face": '<style>@font-face {{ font-family: X; src: url(http://127.0.0.1:{port}/f.ttf) }}'
    " p {{ font-family: X }}</style><p>x</p>",
    "svg image": '<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd" width="9"/></svg>',
    "object": '<object data="http://127.0.0.1:{port}/o.svg" type="image/svg+xml"></object>',
    "relative escape": '<img src="../../../../../../etc/passwd">',
    "canary file": '<img src="{canary}">',
}


@pytest.mark.parametrize("html", list(REFERENCES.values()), ids=list(REFERENCES))
def test_the_pdf_renderer_reads_no_other_file_and_no_network(
    html: str, listener: tuple[int, list[bytes]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The address is asked for and refused; the render stops (inside an inline SVG WeasyPrint
    swallows the refusal and leaves the image out); nothing is read, nothing is connected to."""
    port, connections = listener
    canary = tmp_path / "canary.png"
    canary.write_bytes(b"\x89PNG\r\n\x1a\n secret")
    body = html.format(port=port, canary=canary.as_uri())
    page = f"<!DOCTYPE html><html lang='da'><head><title>x</title></head><body><p>tekst</p>{body}</body></html>"
    monkeypatch.setattr(wp, "render_html", lambda *args, **kwargs: page)
    refused: list[str] = []
    original_call = LocalFetcher.__call__

    def spy_fetch(self: LocalFetcher, url: str) -> object:
        try:
            return original_call(self, url)
        except FetchRefused:
            refused.append(url)
            raise

    opened: list[str] = []
    original_read = Path.read_bytes

    def spy_read(self: Path) -> bytes:
        opened.append(str(self))
        return original_read(self)

    monkeypatch.setattr(LocalFetcher, "__call__", spy_fetch)
    monkeypatch.setattr(Path, "read_bytes", spy_read)
    try:
        wp.render_pdf(sample_document())
        assert "<svg" in html, "only a refusal inside an inline SVG lets the render go on"
    except FetchRefused as error:
        assert "refused to fetch" in str(error)
    assert refused, "the address was never asked for: the test shows nothing"
    assert connections == []
    assert not [name for name in opened if "passwd" in name or "canary" in name], opened
