"""The questions as a local web page with a live preview: `policygen serve`.

A small Flask app on 127.0.0.1. The page is generated from the option schema
(school facts, then each section's decision points, with help, consequences and
the recommendation); beside it, the policy as `render_html` writes it, updated
as choices change. Posted values become the options file they stand for
(`render_options_file`), which `validate` checks exactly as it checks a file: an
error beside a field is the message `policygen validate` prints. That part, from
answers to a checked policy and its preview, is `answers.py`; this module is the
page, the Flask app and the server.

What a client sends is data only: every POST carries the page's per-process
token and a same-origin Origin, the Host must be this server, requests are
limited in size, and no path or address is taken from the client (the logo
comes only from the SCHOOL.yaml given on the command line).
"""

from __future__ import annotations

import hmac
import io
import tempfile
from pathlib import Path
from typing import Any

from flask import Blueprint, Flask, Response, abort, current_app, jsonify, render_template, request, send_file
from jinja2 import StrictUndefined

from generator.document import Document
from generator.errors import PolicyError
from generator.frontends.answers import (
    Result,
    Setup,
    answer,
    clauses_by_option,
    download_name,
    field_problems,
    fingerprints,
    form_values,
    load_setup,
    preview_html,
    refusals,
)
from generator.frontends.interview import FACT_SECTIONS, applies, questions, section_title
from generator.library.model import OptionDef
from generator.messages import MESSAGES, Said, os_reason, say
from generator.options.check_values import CONTACT_FIELDS
from generator.pipeline import writer_problems
from generator.writers.fetch import TEMPLATES_DIR

WEB_DIR = TEMPLATES_DIR / "web"
DEFAULT_PORT = 8765
MAX_REQUEST_BYTES = 64 * 1024
DOWNLOADS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "yaml": "application/yaml",
}


# ---- the page --------------------------------------------------------------------------------


def ui_words(language: str) -> dict[str, str]:
    """The page's own words in `language` (the catalogue's `web_*` messages, by the name after `web_`)."""
    return {name[4:]: wording[language] for name, wording in MESSAGES.items() if name.startswith("web_")}


def page_context(setup: Setup, language: str, result: Result, refused: str | None = None) -> dict[str, Any]:
    """What page.html shows; `refused` names the download that was refused (its reasons beside the buttons)."""
    library = setup.library
    errors, general = field_problems(library, result.checked.errors, language)
    warnings, _ = field_problems(library, result.checked.warnings, language)
    affected = clauses_by_option(library)
    groups: list[dict[str, Any]] = []
    for option in questions(library):
        if not groups or groups[-1]["id"] != option.section:
            groups.append({"id": option.section, "title": section_title(library, option.section, language),
                           "fact": option.section in FACT_SECTIONS, "fields": []})
        clauses = [] if option.section in FACT_SECTIONS else affected.get(option.key, [])
        groups[-1]["fields"].append(field_view(option, language, result.values, clauses))
    logo = setup.start.get("school.logo")
    ui = ui_words(language)
    refused_for = refusals(library, result, language)
    logo_note = ui["logo_from"].format(file=setup.source_name, logo=logo) if logo and setup.source_name \
        else ui["logo_none"]
    return {
        "ui": ui, "language": language, "token": setup.token, "groups": groups,
        "title": library.meta.title[language], "errors": errors, "warnings": warnings, "general": general,
        "preview": preview_html(result.document), "placeholder": result.placeholder,
        "fingerprints": fingerprints(result.document), "logo_note": logo_note,
        "refused": refused_for.get(refused or "", []),
        "refusals": refused_for,
        "js_ui": {key: ui[key] for key in ("updated", "changed", "removed", "more", "waiting", "placeholder",
                                           "failed")},
    }


def field_view(option: OptionDef, language: str, values: dict[str, Any], clauses: list[str]) -> dict[str, Any]:
    value = values.get(option.key)
    view: dict[str, Any] = {
        "key": option.key, "type": option.type, "label": option.label[language], "help": option.help[language],
        "hidden": not applies(option, values), "clauses": " ".join(clauses), "max_length": option.max_length,
        "required": option.required, "value": _shown(value), "choices": [],
    }
    for name, choice in (option.choices or {}).items():
        view["choices"].append({
            "value": _shown(name), "label": choice.label[language], "consequence": choice.consequence[language],
            "recommended": option.recommended is not None and name == option.recommended,
            "checked": name == value and type(name) is type(value),
        })
    if option.type == "contact":
        view["contact"] = {name: (value or {}).get(name, "") for name in CONTACT_FIELDS}
    return view


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None or isinstance(value, dict):
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


# ---- the app ---------------------------------------------------------------------------------


pages = Blueprint("policygen", __name__)


def create_app(school_file: Path | None = None, language: str | None = None, *, port: int = DEFAULT_PORT) -> Flask:
    """The Flask app for SCHOOL.yaml (or a new school), answering only as 127.0.0.1:PORT / localhost:PORT."""

    class App(Flask):
        jinja_options = {"autoescape": True, "undefined": StrictUndefined}

    app = App(__name__, template_folder=str(WEB_DIR), static_folder=str(WEB_DIR / "static"))
    app.config.update(MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES, MAX_FORM_MEMORY_SIZE=MAX_REQUEST_BYTES,
                      MAX_FORM_PARTS=500, POLICYGEN_SETUP=load_setup(school_file, language))
    set_port(app, port)
    app.register_blueprint(pages)
    return app


def set_port(app: Flask, port: int) -> None:
    """The Host names (and so the Origins) the app accepts: this port on the loopback address only."""
    hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
    app.config["POLICYGEN_HOSTS"] = hosts
    app.config["POLICYGEN_ORIGINS"] = {f"http://{host}" for host in hosts}


def _setup() -> Setup:
    return current_app.config["POLICYGEN_SETUP"]


def current_language(app: Flask) -> str:
    """The page's language, as the command line gave it or the school's file has it."""
    return app.config["POLICYGEN_SETUP"].language


def _language(value: str | None) -> str:
    return value if value in ("da", "en") else _setup().language


@pages.before_app_request
def guard() -> None:
    """The Host must be this server (against DNS rebinding); a POST must come from this page."""
    language = _setup().language
    if request.host not in current_app.config["POLICYGEN_HOSTS"]:
        abort(400, say(language, "serve_host"))
    if request.method != "POST":
        return
    origin = request.headers.get("Origin")
    if origin is not None and origin not in current_app.config["POLICYGEN_ORIGINS"]:
        abort(403, say(language, "serve_origin", header="Origin"))
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        abort(403, say(language, "serve_origin", header="Sec-Fetch-Site"))
    sent = request.headers.get("X-CSRF-Token") or request.form.get("csrf_token") or ""
    if not hmac.compare_digest(sent.encode(), _setup().token.encode()):
        abort(403, say(language, "serve_token"))


@pages.after_app_request
def security_headers(response: Response) -> Response:
    response.headers.update(SECURITY_HEADERS)
    return response


@pages.app_errorhandler(413)
def too_large(_: Exception) -> tuple[str, int]:
    return say(_setup().language, "serve_too_large", limit=MAX_REQUEST_BYTES // 1024), 413


@pages.get("/")
def page() -> str:
    setup = _setup()
    language = _language(request.args.get("lang"))
    return render_template("page.html", **page_context(setup, language, answer(setup, language, setup.start)))


@pages.post("/")
def page_again() -> str:
    """The page for the posted answers: the language switch, and the preview without JavaScript."""
    setup = _setup()
    language = _language(request.form.get("switch_language") or request.form.get("language"))
    result = answer(setup, language, form_values(setup, request.form))
    return render_template("page.html", **page_context(setup, language, result))


@pages.post("/preview")
def preview() -> Response:
    setup = _setup()
    values = form_values(setup, request.form)
    language = _language(request.form.get("language"))
    result = answer(setup, language, values)
    errors, general = field_problems(setup.library, result.checked.errors, language)
    warnings, _ = field_problems(setup.library, result.checked.warnings, language)
    return jsonify(
        ok=result.checked.choices is not None, html=preview_html(result.document), errors=errors,
        warnings=warnings, general=general, placeholder=result.placeholder,
        refusals=refusals(setup.library, result, language),
        hidden=[key for key, option in setup.library.options.items() if not applies(option, values)],
        clauses=fingerprints(result.document),
    )


@pages.post("/download/<kind>")
def download(kind: str) -> Any:
    """The DOCX, PDF or options file of the posted answers; if they are wrong, the page with its errors,
    its preview, and beside the download buttons what stops this download, naming each field."""
    if kind not in DOWNLOADS:
        abort(404)
    setup = _setup()
    language = _language(request.form.get("language"))
    values = form_values(setup, request.form)
    result = answer(setup, language, values)
    if kind == "pdf":  # a character the PDF's font lacks: a warning in the preview, an error for the PDF
        glyphs = [problem for problem in result.checked.warnings if problem.said.id == "missing_glyph"]
        result.checked.errors += glyphs
        result.checked.warnings = [problem for problem in result.checked.warnings if problem not in glyphs]
    if result.checked.choices is None or result.checked.errors:
        return render_template("page.html", **page_context(setup, language, result, kind)), 422
    try:
        data = result.checked.text.encode("utf-8") if kind == "yaml" else build_bytes(result.document, kind)
    except ValueError as exc:  # the PDF writer's refusal (a character its font lacks): beside the field
        result.checked.errors = writer_problems(exc, setup.library, result.checked.choices)
        return render_template("page.html", **page_context(setup, language, result, kind)), 422
    return send_file(io.BytesIO(data), mimetype=DOWNLOADS[kind], as_attachment=True,
                     download_name=download_name(values, kind))


SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",  # "no-referrer" would make a form post's Origin "null"
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def build_bytes(document: Document | None, kind: str) -> bytes:
    """A DOCX or PDF of the document, through the same writers as `policygen build`."""
    from generator.pipeline import write

    assert document is not None
    with tempfile.TemporaryDirectory(prefix="policygen-") as folder:
        target = Path(folder) / f"policy.{kind}"
        write(document, target, kind)
        return target.read_bytes()


# ---- the server ------------------------------------------------------------------------------


def make_server(app: Flask, port: int = DEFAULT_PORT) -> Any:
    """A threaded WSGI server on 127.0.0.1:PORT (0: a free port); the app accepts that port only."""
    import socket

    from werkzeug.serving import make_server as werkzeug_server

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind(("127.0.0.1", port))
        listener.listen(64)
    except OSError as exc:
        listener.close()
        said = Said("serve_cannot_listen", reason=os_reason(exc))
        raise PolicyError.at(f"127.0.0.1:{port}", None, None, said) from None
    with listener:  # the server keeps its own duplicate of the socket
        server = werkzeug_server("127.0.0.1", listener.getsockname()[1], app, threaded=True, fd=listener.fileno())
    set_port(app, server.server_address[1])
    return server


def serve(school_file: Path | None = None, *, port: int = DEFAULT_PORT, language: str | None = None) -> None:
    """Serve the page until Ctrl+C, printing its address."""
    import logging

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = create_app(school_file, language, port=port)
    server = make_server(app, port)
    address = f"http://127.0.0.1:{server.server_address[1]}/"
    print(say(current_language(app), "serve_at", address=address), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
