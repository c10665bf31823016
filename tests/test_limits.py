"""The limits on untrusted input, each with the exact message a user sees (exit code 2).

Options file size, alias expansion, nesting depth (also far past the point where
libyaml's recursive composer used to overflow the C stack), value lengths, characters
no document can carry, groups of options given as something else than a mapping, and
the logo: size, pixels, type, damage, place.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import ROOT
from tests.helpers import facts_yaml


def image(kind: str = "PNG", size: tuple[int, int] = (8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, kind)
    return buffer.getvalue()


def billion_laughs(levels: int = 8) -> str:
    rows = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefghij", "bcdefghijk"[: levels - 1], strict=False):
        rows.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    return "\n".join(rows) + "\n"


NAME = "school:\n  name: Søndervang Skole\n"
# The required facts (tests.helpers.FACTS) for a file whose last lines give choices.platform itself,
# and the union alone for one whose choices are no mapping: the limit under test is the only error.
UNION = "contacts:\n  union:\n    name: Kolding Lærerkreds\n"
OTHER_FACTS = "  incident_system: SafetyNet\n" + UNION
CASES: dict[str, tuple[str | bytes, dict[str, bytes], str]] = {
    "file over 256 KiB": (
        NAME + "# " + "x" * 300_000 + "\n",
        {},
        f"Error: {{f}}: the file is {len(NAME.encode()) + 300_003:,} bytes; the limit is 262,144 bytes\n",
    ),
    "alias expansion (billion laughs)": (
        billion_laughs(),
        {},
        "Error: {f}:5: e: the file expands to more than 20,000 values (too many aliases?)\n",
    ),
    "nesting depth": (
        NAME + "choices:\n  platform: " + "[" * 40 + "]" * 40 + "\n" + OTHER_FACTS,
        {},
        "Error: {f}:4: choices.platform" + "[0]" * 31 + ": values are nested more than 32 levels deep\n",
    ),
    "text over its limit": (
        facts_yaml("school:\n  name: " + "x" * 121 + "\n"),
        {},
        "Error: {f}:2: school.name: is 121 characters long; the limit is 120\n",
    ),
    "contact field over its limit": (
        facts_yaml(NAME + "contacts:\n  tr:\n    name: " + "æ" * 201 + "\n"),
        {},
        "Error: {f}:5: contacts.tr.name: is 201 characters long; the limit is 200\n",
    ),
    "U+FFFE": (
        facts_yaml('school:\n  name: "A\\uFFFEB"\n'),
        {},
        "Error: {f}:2: school.name: contains the non-character U+FFFE at position 2; "
        "remove it (it cannot be printed)\n",
    ),
    "U+FFFF": (
        facts_yaml('school:\n  name: "AB\\uFFFF"\n'),
        {},
        "Error: {f}:2: school.name: contains the non-character U+FFFF at position 3; "
        "remove it (it cannot be printed)\n",
    ),
    "U+FDD0": (
        NAME + 'choices:\n  platform: "\\uFDD0"\n' + OTHER_FACTS,
        {},
        "Error: {f}:4: choices.platform: contains the non-character U+FDD0 at position 1; "
        "remove it (it cannot be printed)\n",
    ),
    "U+1FFFE": (
        facts_yaml(NAME + 'contacts:\n  leader: {name: "A\\U0001FFFE"}\n'),
        {},
        "Error: {f}:4: contacts.leader.name: contains the non-character U+1FFFE at position 2; "
        "remove it (it cannot be printed)\n",
    ),
    "private use": (
        facts_yaml('school:\n  name: "A\\uE000"\n'),
        {},
        "Error: {f}:2: school.name: contains the private-use character U+E000 at position 2; "
        "remove it (it cannot be printed)\n",
    ),
    "C1 control (NEL)": (
        facts_yaml('school:\n  name: "A\\x85"\n'),
        {},
        "Error: {f}:2: school.name: contains the control character U+0085 at position 2; "
        "remove it (it cannot be printed)\n",
    ),
    "lone surrogate escape": (
        'school:\n  name: "A\\uD800"\n',
        {},
        "Error: {f}:2: YAML syntax error at column 13: found invalid Unicode character escape code\n",
    ),
    "lone surrogate bytes": (
        "school:\n  name: A\ud800\n".encode("utf-8", "surrogatepass"),
        {},
        "Error: {f}:2: the file is not UTF-8 text (byte 0xed at column 10); save it as UTF-8\n",
    ),
    "UTF-16": (
        NAME.encode("utf-16"),
        {},
        'Error: {f}:1: the file is UTF-16 text ("Unicode" in Notepad); save it as UTF-8\n',
    ),
    "a group given as a list": (
        NAME + "choices: [platform]\n" + UNION,
        {},
        "Error: {f}:3: choices: expected a mapping of keys to values but received a list\n",
    ),
    "a group given as text": (
        facts_yaml("school: Søndervang Skole\n"),
        {},
        "Error: {f}:1: school: expected a mapping of keys to values but received 'Søndervang Skole'\n",
    ),
    "a choice given as a list": (
        facts_yaml(NAME + "choices:\n  scope: [teachers]\n"),
        {},
        "Error: {f}:4: choices.scope: expected one of teachers, all-staff but received a list\n",
    ),
    "logo over 2 MiB": (
        facts_yaml(NAME + "  logo: big.png\n"),
        {"big.png": image() + b"\0" * (2 * 1024 * 1024)},
        f"Error: {{f}}:3: school.logo: the logo is {len(image()) + 2 * 1024 * 1024:,} bytes; "
        "the limit is 2,097,152 bytes\n",
    ),
    "logo over 5,000 pixels a side": (
        facts_yaml(NAME + "  logo: wide.png\n"),
        {"wide.png": image(size=(5001, 1))},
        "Error: {f}:3: school.logo: the logo is 5,001 × 1 pixels; the limit is 5,000 pixels a side\n",
    ),
    "logo not an image": (
        facts_yaml(NAME + "  logo: notes.png\n"),
        {"notes.png": b"a shopping list"},
        "Error: {f}:3: school.logo: 'notes.png' is not a PNG or JPEG image (a .png, .jpg or .jpeg file)\n",
    ),
    "logo a PNG named .jpg": (
        facts_yaml(NAME + "  logo: logo.jpg\n"),
        {"logo.jpg": image()},
        "Error: {f}:3: school.logo: 'logo.jpg' is not a PNG or JPEG image (a .png, .jpg or .jpeg file)\n",
    ),
    "logo damaged": (
        facts_yaml(NAME + "  logo: cut.png\n"),
        {"cut.png": image()[:50]},
        "Error: {f}:3: school.logo: 'cut.png' is not a PNG image that can be read (image file is truncated)\n",
    ),
    "logo only a PNG signature": (
        facts_yaml(NAME + "  logo: empty.png\n"),
        {"empty.png": b"\x89PNG\r\n\x1a\n"},
        "Error: {f}:3: school.logo: 'empty.png' is not a PNG image that can be read (cannot identify image file)\n",
    ),
    "logo elsewhere": (
        facts_yaml(NAME + "  logo: /etc/passwd\n"),
        {},
        "Error: {f}:3: school.logo: '/etc/passwd' is not a PNG or JPEG image (a .png, .jpg or .jpeg file)\n",
    ),
    "logo name too long": (
        facts_yaml(NAME + "  logo: " + "y" * 300 + ".png\n"),
        {},
        "Error: {f}:3: school.logo: 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy...' "
        "cannot be read (File name too long)\n",
    ),
    "logo name with NUL": (
        facts_yaml(NAME + '  logo: "a\\0.png"\n'),
        {},
        "Error: {f}:3: school.logo: expected the path of an image file but received 'a\\x00.png'\n",
    ),
    "a tag its value cannot be": (
        facts_yaml(NAME + "policy:\n  status: adopted\n  adopted: !!timestamp soon\n"),
        {},
        "Error: {f}:5: policy.adopted: expected a date as YYYY-MM-DD (e.g. 2026-12-01) but received 'soon'\n",
    ),
    "unprintable key": (
        facts_yaml(NAME + '  "\\e[2Jname\\n": x\n'),
        {},
        "Warning: {f}:3: school.\\x1b[2Jname\\n: unknown key '\\x1b[2Jname\\n'; did you mean 'name'?\n",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_limit_message(
    name: str, options_file: Callable[..., Path], run: Callable[..., object], tmp_path: Path
) -> None:
    text, beside, expected = CASES[name]
    for file_name, data in beside.items():
        (tmp_path / file_name).write_bytes(data)
    path = options_file(text)
    result = run("validate", path)
    assert result.stderr == expected.replace("{f}", str(path))
    assert result.exit_code == (0 if expected.startswith("Warning") else 2)


@pytest.mark.parametrize(
    "value",
    ["[" * 100_000 + "]" * 100_000, "{a: " * 40_000 + "1" + "}" * 40_000, "\n" + "  - " * 1 + "- " * 100_000 + "x"],
    ids=["flow lists", "flow mappings", "block lists"],
)
def test_nesting_far_too_deep_is_refused_not_a_crash(value: str, tmp_path: Path) -> None:
    """libyaml composes recursively in C: 40,000 `[` used to kill the process with SIGSEGV."""
    path = tmp_path / "deep.yaml"
    path.write_text(NAME + "deep: " + value + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "generator", "validate", str(path)], cwd=ROOT, capture_output=True, text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    expected = rf"Error: {re.escape(str(path))}:\d+: deep(\[0\]|\.a)+: values are nested more than 32 levels deep\n"
    assert re.fullmatch(expected, done.stderr), done.stderr


def test_aliases_within_the_limit_are_fine(options_file: Callable[..., Path], run: Callable[..., object]) -> None:
    path = options_file(facts_yaml(billion_laughs(levels=3) + NAME))
    result = run("validate", path)
    assert result.exit_code == 0, result.stderr
    assert "unknown key 'a'" in result.stderr


def test_a_damaged_logo_is_refused_even_where_pillow_was_told_to_accept_it(
    options_file: Callable[..., Path], run: Callable[..., object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Importing WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process (batch, serve)."""
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    text, beside, expected = CASES["logo damaged"]
    (tmp_path / "cut.png").write_bytes(beside["cut.png"])
    path = options_file(text)
    assert run("validate", path).stderr == expected.replace("{f}", str(path))
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
