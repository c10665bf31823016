"""`policygen serve`: the page, the live preview, the downloads and the request checks (Flask's test client)."""

from __future__ import annotations

import io
import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from generator.errors import PolicyError
from generator.frontends.cli import cli
from generator.frontends.options_file import render_options_file
from generator.frontends.serve import MAX_REQUEST_BYTES, create_app, make_server
from generator.pipeline import default_library, load_choices
from tests.conftest import DEFAULTS_EXAMPLE, ROOT
from tests.helpers import facts_yaml
from tests.web_client import HOST, local_client

LIBRARY = default_library()


class FormReader(HTMLParser):
    """What a browser would post: the form's inputs, checked radios, and every label's `for`."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self.inputs: list[dict[str, str]] = []
        self.labels: set[str] = set()
        self.recommended = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "label" and "for" in a:
            self.labels.add(a["for"])
        if tag == "span" and a.get("class") == "badge":
            self.recommended += 1
        if tag != "input":
            return
        self.inputs.append(a)
        if a.get("type") == "radio":
            if "checked" in a:
                self.fields[a["name"]] = a["value"]
        else:
            self.fields[a["name"]] = a.get("value", "")


def read_form(html: str) -> FormReader:
    reader = FormReader()
    reader.feed(html)
    return reader


@pytest.fixture
def client() -> FlaskClient:
    return local_client()


def page_form(client: FlaskClient, path: str = "/") -> dict[str, str]:
    response = client.get(path)
    assert response.status_code == 200
    return read_form(response.get_data(as_text=True)).fields


def preview(client: FlaskClient, **changes: str) -> dict[str, Any]:
    form = {**page_form(client), **{key.replace("__", "."): value for key, value in changes.items()}}
    response = client.post("/preview", data=form)
    assert response.status_code == 200
    return response.get_json()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# ---- the page -------------------------------------------------------------------------------


def test_the_page_asks_every_decision_point_each_input_labelled(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    reader = read_form(html)
    for key, option in LIBRARY.options.items():
        if option.type == "contact":
            assert all(f"{key}.{name}" in reader.fields for name in ("name", "title", "phone", "email")), key
        elif option.type != "file":
            assert key in reader.fields, key
        assert option.label["da"] in html, key
    for field in reader.inputs:
        if field.get("type") != "hidden":
            assert field["id"] in reader.labels, field["id"]
    with_recommendation = [o for o in LIBRARY.options.values() if o.choices and o.recommended is not None]
    assert reader.recommended == len(with_recommendation)
    assert '<html lang="da">' in html
    assert "Anbefalet" in html


def test_the_page_starts_from_the_school_file(client: FlaskClient) -> None:
    fields = page_form(client)
    assert fields["school.name"] == "Søndervang Skole"
    assert fields["contacts.leader.name"] == "Mette Østergaard"
    assert fields["policy.version"] == "0.9"  # the file's, not the suggested 1.0
    assert fields["policy.date"] == "2026-11-30"


def test_english_is_a_switch_away(client: FlaskClient) -> None:
    html = client.get("/?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in html and "Recommended" in html
    form = {**page_form(client), "school.name": "Sønderskov School", "switch_language": "en"}
    html = client.post("/", data=form).get_data(as_text=True)
    assert '<html lang="en">' in html
    assert read_form(html).fields["school.name"] == "Sønderskov School"  # the answers survive the switch
    assert "Policy on staff use of social media" in html


def test_every_asset_is_local(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    assert not re.search(r"""(src|href)="(https?:)?//""", html)
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
        assert client.get(asset).status_code == 200


# ---- the preview ----------------------------------------------------------------------------

CONSEQUENCES = [
    ("choices.friendships.current_pupils", "advised-against",
     "fraråder medarbejderne at være venner med skolens nuværende elever",
     "må ikke være venner med skolens nuværende elever"),
    ("choices.availability.response_time", "three-working-days", "senest tre af medarbejderens arbejdsdage",
     "senest to af medarbejderens arbejdsdage"),
    ("choices.scope", "teachers", "Politikken gælder for lærerne på Søndervang Skole",
     "Politikken gælder for alle medarbejdere på Søndervang Skole"),
    ("choices.official_accounts.who_posts", "leadership", "Kun ledelsen må skrive på skolens officielle kanaler",
     "Ledelsen og de medarbejdere, ledelsen har udpeget, må skrive"),
    ("choices.photos.enabled", "false", None, "Billeder af elever"),
]


@pytest.mark.parametrize(("key", "value", "present", "absent"), CONSEQUENCES, ids=[c[0] for c in CONSEQUENCES])
def test_the_preview_changes_as_the_consequence_says(
    client: FlaskClient, key: str, value: str, present: str | None, absent: str
) -> None:
    before = text_of(preview(client)["html"])
    assert absent in before
    result = preview(client, **{key: value})
    assert result["ok"] and result["errors"] == {}
    after = text_of(result["html"])
    if present:
        assert present in after and present not in before
    assert absent not in after


def test_the_preview_names_the_clauses_a_choice_changed(client: FlaskClient) -> None:
    before = preview(client)["clauses"]
    after = preview(client, choices__friendships__current_pupils="own-judgement")["clauses"]
    changed = {anchor for anchor in after if before.get(anchor) != after[anchor]}
    assert changed == {"cl-friendships.current-pupils"}
    html = preview(client)["html"]
    assert 'id="cl-friendships.current-pupils"' in html


def test_a_question_that_does_not_apply_is_hidden(client: FlaskClient) -> None:
    assert "choices.earlier_rules.title" in preview(client)["hidden"]
    result = preview(client, choices__earlier_rules__exists="true")
    assert "choices.earlier_rules.title" not in result["hidden"]
    assert result["errors"] == {"choices.earlier_rules.title": "Skal udfyldes: De tidligere reglers titel"}


def cli_messages(tmp_path: Path, values: dict[str, Any], language: str = "da") -> dict[str, str]:
    """What `policygen validate` prints for the options file these answers make, by key."""
    path = tmp_path / "skole.yaml"
    path.write_text(render_options_file(LIBRARY, language, values), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2
    found = {}
    for line in result.stderr.splitlines():
        _, _, key, message = line.split(": ", 3)
        found[key] = message
    return found


WRONG = {"policy.version": "x" * 25, "policy.status": "adopted", "policy.adopted": "2026-02-30",
         "contacts.tr.email": "a" * 201, "school.name": ""}  # fmt: skip


def test_errors_beside_fields_are_the_cli_messages_in_english(tmp_path: Path) -> None:
    client = local_client(language="en")
    form = {**page_form(client), **WRONG}
    assert form["language"] == "en"
    response = client.post("/preview", data=form)
    result = response.get_json()
    assert not result["ok"]
    _, choices = load_choices(DEFAULTS_EXAMPLE)
    values = {**choices.values, "policy.version": "x" * 25, "policy.status": "adopted",
              "policy.adopted": "2026-02-30", "school.name": "",
              "contacts.tr": {**choices.values["contacts.tr"], "email": "a" * 201}}
    printed = cli_messages(tmp_path, values, "en")
    assert result["errors"] == {key: message[0].upper() + message[1:] for key, message in printed.items()}
    assert result["errors"]["school.name"] == "Is required: Name of the school"
    assert set(result["errors"]) == {"policy.version", "policy.adopted", "contacts.tr.email", "school.name"}
    assert result["placeholder"]


def test_errors_beside_fields_are_in_danish_on_the_danish_page(client: FlaskClient) -> None:
    result = preview(client, **{key.replace(".", "__"): value for key, value in WRONG.items()})
    assert result["errors"] == {
        "policy.version": "Teksten er på 25 tegn; der må højst være 20",
        "policy.adopted": "Datoen 2026-02-30 findes ikke i kalenderen",
        "contacts.tr.email": "Teksten er på 201 tegn; der må højst være 200",
        "school.name": "Skal udfyldes: Skolens navn",
    }


def test_a_departure_from_a_recommendation_is_named_in_the_pages_language(client: FlaskClient) -> None:
    """The warning names the recommended answer by its label, as the review edition does, and whose
    recommendation it is: the guidance's (work relations) or the library's (photos)."""
    changes = {"choices__friendships__work_relations": "not-allowed", "choices__photos__enabled": "false"}
    danish = preview(client, **changes)["warnings"]
    assert danish["choices.friendships.work_relations"] == "Fraviger vejledningens anbefaling (anbefalet: Frarådes)"
    assert danish["choices.photos.enabled"] == "Fraviger skabelonens anbefaling (anbefalet: Ja)"
    english = preview(local_client(language="en"), **changes)["warnings"]
    assert english["choices.friendships.work_relations"] == (
        "Differs from the guidance's recommendation (recommended: advised-against; chosen: not-allowed)"
    )
    assert english["choices.photos.enabled"] == (
        "Differs from the library's recommendation (recommended: true; chosen: false)"
    )


def test_a_missing_name_previews_with_a_placeholder(client: FlaskClient) -> None:
    result = preview(client, school__name="")
    assert not result["ok"] and result["placeholder"]
    assert "[Skolens navn]" in result["html"]


def test_a_character_no_yaml_file_may_hold_is_an_error_beside_its_field(client: FlaskClient) -> None:
    """DEL and C1 controls pasted into a field are written escaped, so the field's own message names them."""
    result = preview(client, school__name="Sønder\x7fvang", school__municipality="Kolding\x96")
    assert result["errors"] == {
        "school.name": "Tegn nr. 7 (U+007F) er et styretegn, som ikke kan skrives ud; fjern det",
        "school.municipality": "Tegn nr. 8 (U+0096) er et styretegn, som ikke kan skrives ud; fjern det",
    }


def test_a_pdf_the_font_cannot_draw_is_refused_beside_the_field(client: FlaskClient) -> None:
    form = {**page_form(client), "school.name": "学校 Skole"}
    response = client.post("/download/pdf", data=form)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert re.search(
        r'id="err-school.name"[^>]*>PDF-filens skrifttyper kan ikke vise tegnet »学« '
        r"\(U\+5B66 CJK UNIFIED IDEOGRAPH-5B66\) \(i skolens navn\), så PDF-filen kan ikke laves "
        r"\(DOCX, HTML og Markdown kan\); erstat eller fjern tegnet</p>",
        html,
    )
    assert client.post("/download/docx", data=form).status_code == 200  # Word finds a font for it
    warning = preview(client, school__name="学校 Skole")["warnings"]["school.name"]  # said before the download
    assert warning.startswith("PDF-filens skrifttyper kan ikke vise tegnet »学«")


def test_without_script_the_errors_stand_beside_the_fields(client: FlaskClient) -> None:
    form = {**page_form(client), "policy.version": "x" * 25}
    html = client.post("/", data=form).get_data(as_text=True)
    assert re.search(r'id="err-policy.version"[^>]*>Teksten er på 25 tegn; der må højst være 20</p>', html)
    assert re.search(r'id="f-policy.version"[^>]*aria-invalid="true"', html)


# ---- untrusted input ------------------------------------------------------------------------


def test_values_are_printed_as_typed(tmp_path: Path) -> None:
    school = tmp_path / "skole.yaml"
    school.write_text(facts_yaml(textwrap.dedent("""\
        library: social-media
        school:
          name: "<script>alert(1)</script> {{ 7*7 }}"
        policy:
          date: 2026-11-30
    """)), encoding="utf-8")
    client = local_client(school)
    page = client.get("/").get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}"' in page
    result = preview(client, school__municipality='"><img src=x onerror=alert(2)>')
    assert "<script>alert(1)" not in result["html"] and "<img src=x" not in result["html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in result["html"]
    assert "49" not in text_of(result["html"]).split("Politik for")[0]


def post(client: FlaskClient, path: str = "/preview", **headers: str) -> int:
    form = page_form(client)
    token = form.pop("csrf_token")
    data = {**form, "csrf_token": headers.pop("token", token)}
    return client.post(path, data=data, headers=headers).status_code


def test_posts_need_the_page_token(client: FlaskClient) -> None:
    assert post(client) == 200
    assert post(client, token="") == 403
    assert post(client, token="forged") == 403
    assert post(client, "/download/yaml", token="forged") == 403
    assert post(client, "/", token="") == 403


def test_cross_site_posts_are_refused(client: FlaskClient) -> None:
    assert post(client, Origin=f"http://{HOST}") == 200
    assert post(client, Origin="http://evil.example") == 403
    assert post(client, Origin="null") == 403
    assert post(client, **{"Sec-Fetch-Site": "cross-site"}) == 403


def test_other_host_names_are_refused(client: FlaskClient) -> None:
    """A page at another name that resolves to 127.0.0.1 (DNS rebinding) gets nothing, not even the token."""
    response = client.get("/", base_url="http://attacker.example:8765")
    assert response.status_code == 400
    assert b"csrf" not in response.data.lower()
    assert client.get("/", base_url="http://localhost:8765").status_code == 200


def test_requests_are_limited_in_size(client: FlaskClient) -> None:
    form = {**page_form(client), "school.name": "x" * (MAX_REQUEST_BYTES + 1)}
    assert client.post("/preview", data=form).status_code == 413


def test_no_path_is_taken_from_the_client(client: FlaskClient) -> None:
    form = {**page_form(client), "school.logo": "/etc/passwd"}
    response = client.post("/download/yaml", data=form)
    assert response.status_code == 200
    assert "/etc/passwd" not in response.get_data(as_text=True)
    assert post(client, "/download/..%2f..%2fetc%2fpasswd") == 404


def test_the_logo_comes_from_the_school_file() -> None:
    client = local_client(ROOT / "examples" / "fjordbakke-skole.yaml")
    page = client.get("/").get_data(as_text=True)
    assert "fjordbakke-logo.png" in page
    assert "data:image/png;base64," in preview(client)["html"]


def test_security_headers(client: FlaskClient) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


# ---- downloads ------------------------------------------------------------------------------


def test_download_docx(client: FlaskClient) -> None:
    form = {**page_form(client), "choices.friendships.current_pupils": "own-judgement"}
    response = client.post("/download/docx", data=form)
    assert response.status_code == 200
    assert 'filename=soendervang-skole.docx' in response.headers["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.data))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Søndervang Skole" in text
    assert "Medarbejderne afgør selv, om de vil være venner med skolens nuværende elever" in text


def test_download_options_file(client: FlaskClient, tmp_path: Path) -> None:
    form = {**page_form(client), "choices.availability.response_time": "one-working-day"}
    response = client.post("/download/yaml", data=form)
    assert response.status_code == 200
    assert response.mimetype == "application/yaml"
    path = tmp_path / "skole.yaml"
    path.write_bytes(response.data)
    _, choices = load_choices(path)
    _, original = load_choices(DEFAULTS_EXAMPLE)
    assert choices.values["choices.availability.response_time"] == "one-working-day"
    assert choices.values["contacts.leader"] == original.values["contacts.leader"]
    assert response.get_data(as_text=True).startswith("# Valg for skolens politik")


def test_download_pdf(client: FlaskClient) -> None:
    response = client.post("/download/pdf", data=page_form(client))
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF")


def test_no_download_while_a_field_is_wrong(client: FlaskClient) -> None:
    form = {**page_form(client), "school.name": ""}
    response = client.post("/download/docx", data=form)
    assert response.status_code == 422
    assert re.search(r'id="err-school.name"[^>]*>Skal udfyldes: Skolens navn</p>', response.get_data(as_text=True))


# ---- the server -----------------------------------------------------------------------------


def test_a_busy_port_is_one_sentence() -> None:
    app = create_app(DEFAULTS_EXAMPLE)
    first = make_server(app, 0)
    try:
        with pytest.raises(PolicyError) as caught:
            make_server(create_app(DEFAULTS_EXAMPLE), first.server_address[1])
        assert "choose another port with --port" in str(caught.value)
    finally:
        first.server_close()


def test_the_server_listens_on_the_loopback_address_only() -> None:
    server = make_server(create_app(), 0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_a_departure_is_named_while_another_answer_is_wrong(client: FlaskClient) -> None:
    """A school starting without a file has no name yet; its departures are still said as it chooses."""
    result = preview(client, school__name="", choices__friendships__current_pupils="advised-against")
    assert result["errors"] == {"school.name": "Skal udfyldes: Skolens navn"}
    assert result["warnings"] == {
        "choices.friendships.current_pupils": "Fraviger skabelonens anbefaling (anbefalet: Ikke tilladt)"}


def test_a_choice_is_described_by_its_warning_too(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    fieldset = re.search(r'<fieldset[^>]*data-key="choices.friendships.current_pupils"[^>]*>', html)
    assert fieldset is not None
    assert 'aria-describedby="h-choices.friendships.current_pupils err-choices.friendships.current_pupils ' \
           'warn-choices.friendships.current_pupils"' in fieldset.group(0)
