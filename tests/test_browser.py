"""`policygen serve` in a real browser: Debian's headless Chromium driven by Playwright, checked with axe-core.

Needs `apt-get install chromium`, `pip install playwright` (never `playwright install`: it drives
/usr/bin/chromium) and `npm install --prefix tests/web` (axe-core). Skipped, saying which, without them.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest

from generator.frontends.serve import create_app, make_server
from tests.conftest import DEFAULTS_EXAMPLE

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parent / "web" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium)")
sync_api = pytest.importorskip("playwright.sync_api", reason="no playwright (pip install playwright)")
expect = sync_api.expect

# (field, choice, what the preview then says, what it no longer says): as each consequence text describes
CHOICES = [
    ("choices.friendships.current_pupils", "advised-against",
     "fraråder medarbejderne at være venner med skolens nuværende elever",
     "må ikke være venner med skolens nuværende elever", "cl-friendships.current-pupils"),
    ("choices.scope", "teachers", "Politikken gælder for lærerne på Søndervang Skole",
     "Politikken gælder for alle medarbejdere på Søndervang Skole", "cl-purpose.scope"),
    ("choices.messaging.beyond_neutral", "true", "og til at aftale tidspunktet for en samtale",
     "Sms må kun bruges til helt neutrale beskeder", "cl-communication.messaging"),
]


@pytest.fixture(scope="module")
def address() -> Iterator[str]:
    """The app for the all-defaults example, on a free port of 127.0.0.1, in a thread."""
    server = make_server(create_app(DEFAULTS_EXAMPLE), 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, address: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on("console", lambda message: message.type == "error" and page.problems.append(message.text))
    page.goto(address)
    yield page
    context.close()


def preview_body(page: Any) -> Any:
    return page.frame_locator("#preview-frame").locator("body")


def test_choices_change_the_preview_and_the_docx_follows(page: Any) -> None:
    body = preview_body(page)
    expect(body).to_contain_text("Søndervang Skole")
    for key, value, present, absent, anchor in CHOICES:
        expect(body).to_contain_text(absent)
        page.check(f'input[name="{key}"][value="{value}"]')
        expect(body).to_contain_text(present)
        expect(body).not_to_contain_text(absent)
        expect(page.frame_locator("#preview-frame").locator(f'[id="{anchor}"].pg-changed')).to_be_visible()
        expect(page.locator("#preview-status")).to_contain_text("Ændret:")
    page.fill('input[name="choices.platform"]', "Skoleintra")
    expect(body).to_contain_text("skal foregå i Skoleintra")

    with page.expect_download() as info:
        page.click("#download-docx")
    download = info.value
    assert download.suggested_filename == "soendervang-skole.docx"
    document = docx.Document(io.BytesIO(Path(download.path()).read_bytes()))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    for _, _, present, absent, _ in CHOICES:
        assert present in text and absent not in text
    assert "Skoleintra" in text
    assert page.problems == []


def test_the_keyboard_reaches_and_changes_a_choice(page: Any) -> None:
    body = preview_body(page)
    page.focus('input[name="choices.availability.response_time"][value="two-working-days"]')
    page.keyboard.press("ArrowDown")
    expect(page.locator('input[name="choices.availability.response_time"][value="three-working-days"]')).to_be_checked()
    expect(body).to_contain_text("senest tre af medarbejderens arbejdsdage")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.name")
    assert focused and focused != "choices.availability.response_time"
    assert page.problems == []


def test_a_wrong_answer_is_explained_beside_its_field(page: Any) -> None:
    page.fill('input[name="policy.version"]', "x" * 20 + "{{")
    page.fill('input[name="school.name"]', "")
    expect(page.locator('[id="err-school.name"]')).to_have_text("Skal udfyldes: Skolens navn")
    expect(page.locator('[id="f-school.name"]')).to_have_attribute("aria-invalid", "true")
    page.fill('input[name="school.name"]', "Søndervang Skole")
    expect(page.locator('[id="err-school.name"]')).to_have_text("")


def test_a_download_with_a_wrong_answer_keeps_the_page_and_names_the_field(page: Any) -> None:
    """The message stays, beside the download buttons, naming the field; the preview and the scroll stay."""
    body = preview_body(page)
    expect(body).to_contain_text("Søndervang Skole")
    page.fill('input[name="school.name"]', "")
    expect(page.locator('[id="err-school.name"]')).to_have_text("Skal udfyldes: Skolens navn")
    expect(body).to_contain_text("[Skolens navn]")  # the preview with a placeholder
    page.locator('[data-key="choices.scope"]').scroll_into_view_if_needed()
    page.evaluate("window.stillThisPage = true")
    scrolled = page.evaluate("[window.scrollY, document.querySelector('.questions-pane').scrollTop]")
    page.click("#download-docx")
    refused = page.locator("#download-refused")
    expect(refused).to_be_visible()
    expect(refused.locator("p")).to_have_text("Ikke hentet. Ret først dette:")
    expect(refused.locator("li")).to_have_text(["Skolens navn skal udfyldes."])
    assert page.evaluate("window.stillThisPage === true")  # no reload
    assert page.evaluate("[window.scrollY, document.querySelector('.questions-pane').scrollTop]") == scrolled
    expect(body).to_contain_text("[Skolens navn]")
    expect(page.locator('[id="err-school.name"]')).to_have_text("Skal udfyldes: Skolens navn")
    page.click("#download-refused a")
    assert page.evaluate("document.activeElement.name") == "school.name"
    page.fill('input[name="school.name"]', "Søndervang Skole")
    expect(refused).to_be_hidden()
    with page.expect_download() as download:
        page.click("#download-docx")
    assert download.value.suggested_filename == "soendervang-skole.docx"
    assert page.problems == []


def test_without_javascript_a_refused_download_shows_why_beside_the_buttons(browser: Any, address: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(address)
        page.fill('input[name="school.name"]', "")
        page.click("#download-pdf")
        expect(page.locator("#download-refused li")).to_have_text(["Skolens navn skal udfyldes."])
        expect(page.locator('[id="err-school.name"]')).to_have_text("Skal udfyldes: Skolens navn")
        expect(preview_body(page)).to_contain_text("[Skolens navn]")
    finally:
        context.close()


def test_a_question_appears_when_it_applies(page: Any) -> None:
    title = page.locator('[data-key="choices.earlier_rules.title"]')
    expect(title).to_be_hidden()
    page.check('input[name="choices.earlier_rules.exists"][value="true"]')
    expect(title).to_be_visible()
    expect(page.locator('[id="err-choices.earlier_rules.title"]')).to_have_text(
        "Skal udfyldes: De tidligere reglers titel")


def test_english_switch(page: Any) -> None:
    page.fill('input[name="school.name"]', "Sønderskov School")
    page.click('button[name="switch_language"][value="en"]')
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator('input[name="school.name"]')).to_have_value("Sønderskov School")
    expect(preview_body(page)).to_contain_text("Policy on staff use of social media")


def test_without_javascript_the_page_still_works(browser: Any, address: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(address)
        page.check('input[name="choices.availability.response_time"][value="one-working-day"]')
        page.click("#update-button")
        expect(preview_body(page)).to_contain_text("senest én af medarbejderens arbejdsdage")
        expect(page.locator('input[name="choices.availability.response_time"][value="one-working-day"]')).to_be_checked()
    finally:
        context.close()


@pytest.mark.skipif(not AXE.exists(), reason="no axe-core (npm install --prefix tests/web)")
def test_no_serious_accessibility_violations(browser: Any, address: str) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(address)
        expect(preview_body(page)).to_contain_text("Søndervang Skole")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("async () => (await axe.run(document, {iframes: false})).violations")
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']][:5]}"
            for v in violations if v["impact"] in ("serious", "critical")
        ]
        assert serious == []
    finally:
        context.close()
