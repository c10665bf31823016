"""Options files for the robustness tests: valid ones with random values, and broken ones.

`valid_files()` draws a value for every option of the real schema
(`default_library().options`): text from all of Unicode that validation accepts, from
the characters the PDF font can draw, and things that look like templates or markup;
then serializes it in one of several valid ways (flow or block style, CRLF, a BOM).
`broken_files()` starts from such data and breaks it: wrong types, missing and extra
keys, deep nesting, huge and empty strings, characters of every Unicode category (NUL,
controls, lone surrogates written with 'surrogatepass', RTL marks, combining marks),
anchors and aliases, tags, duplicate keys, bytes that are not UTF-8, BOMs, CRLF.

A drawn file is a `HostileFile`: the bytes of `school.yaml` and any other files
(a logo, a folder, a symlink) to put beside it.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from fontTools.ttLib import TTFont
from hypothesis import strategies as st
from PIL import Image

from generator.options.check_values import CONTACT_FIELDS, unprintable
from generator.pipeline import default_library

ROOT = Path(__file__).resolve().parent.parent
YAML_LINE_BREAKS = "\n\r\x85\u2028\u2029"
OPTIONS = default_library().options
FILE = "school.yaml"

# ---- characters and text ------------------------------------------------------------


def _drawable() -> list[str]:
    """The characters every face of the PDF's font has (and that validation accepts)."""
    faces = [frozenset(TTFont(path, lazy=True).getBestCmap()) for path in (ROOT / "templates" / "fonts").glob("*.ttf")]
    return sorted(ch for ch in map(chr, frozenset.intersection(*faces)) if not unprintable(ch))


DRAWABLE_CHARACTERS = _drawable()
DRAWABLE = st.sampled_from(DRAWABLE_CHARACTERS)
ACCEPTED = st.characters().filter(lambda ch: not unprintable(ch)) | st.sampled_from("\t\n")
ANY_CHARACTER = st.characters(codec=None, exclude_categories=())  # every category, surrogates too
SPECIAL_PIECES = (
    [
        "\u200f", "\u200e", "\u202e", "\u202d", "\u2066", "\u2069", "\u061c",  # bidi marks and overrides
        "e\u0301", "\u0301", "a\u0308\u0323", "\u0e31", "\u20dd",  # combining marks, alone and stacked
        "\u200d", "\u200b", "\u00ad", "\ufeff", "\u00a0", "\u2009", "\u3000",  # joiners, soft hyphen, spaces
        "\u2028", "\u2029",  # line and paragraph separators
        "\u0627\u0644", "\u05d0", "\ufdfa", "\U0001f469\u200d\U0001f467", "\U0001f600", "中文", "\u0958",
        "ß", "İ", "ﬀ", "Ⅻ", "æøå ÆØÅ", "\t", "\n", " ",
    ]
)  # fmt: skip
SPECIAL = st.sampled_from(SPECIAL_PIECES)
SPECIAL_DRAWABLE = st.sampled_from(
    [
        piece
        for piece in SPECIAL_PIECES
        if all(ch in DRAWABLE_CHARACTERS or ch in "\t\n" or unicodedata.category(ch) in ("Cf", "Zs") for ch in piece)
    ]
)
MARKUP = st.sampled_from(
    [
        "{{ 7*7 }}", "{{", "}}", "{% if %}", "{% endif %}", "{# c #}", "{{ school.name.__class__ }}",
        "<script>alert(1)</script>", "</p>", "<b>", "&amp;", "&#0;", "&lt;", "]]>", "<![CDATA[x]]>",
        "{ DATE }", "{ PAGE \\* MERGEFORMAT }", '<w:fldSimple w:instr="DATE"/>', "<w:t>x</w:t>",
        "**x**", "_x_", "*", "[a](javascript:x)", "![i](file:///etc/passwd)", "<http://127.0.0.1:1/>",
        "\\", "\\\\", "`x`", "# h", "- ", "1. ", "> ", "|a|b|", "---", "${HOME}", "%s%n", "{0.__class__}",
        "'", '"', "&", "#", ": ", " #", "- x", "? ", "!!python/object", "*alias", "&anchor", "@", "%",
    ]
)  # fmt: skip


def texts(alphabet: st.SearchStrategy[str], max_size: int) -> st.SearchStrategy[str]:
    """Text mixing `alphabet` with markup-like pieces and special characters, at most `max_size` long
    once in NFC (validation counts the normalized text). Drawable text gets drawable specials."""
    piece = st.one_of(
        st.text(alphabet, min_size=1, max_size=16), MARKUP, SPECIAL_DRAWABLE if alphabet is DRAWABLE else SPECIAL
    )
    return st.lists(piece, max_size=8).map("".join).map(lambda s: _fit(s, max_size))


def _fit(text: str, max_size: int) -> str:
    text = text[:max_size]
    while len(unicodedata.normalize("NFC", text)) > max_size:
        text = text[:-1]
    return text


# ---- what a drawn file is --------------------------------------------------------------


@dataclass
class HostileFile:
    content: bytes
    beside: dict[str, bytes | str] = field(default_factory=dict)  # name -> its bytes, "<folder>" or "-> target"
    note: list[str] = field(default_factory=list)  # what was done to it, for a failure report

    def write(self, folder: Path) -> Path:
        for name, what in self.beside.items():
            path = folder / name
            if what == "<folder>":
                path.mkdir()
            elif isinstance(what, str) and what.startswith("-> "):
                path.symlink_to(what[3:])
            else:
                assert isinstance(what, bytes)
                path.write_bytes(what)
        options = folder / FILE
        options.write_bytes(self.content)
        return options


# ---- valid files ------------------------------------------------------------------------


def _given(alphabet: st.SearchStrategy[str], max_length: int) -> st.SearchStrategy[str]:
    """Text for a required value: it starts with something other than spaces."""
    first = st.just("Skole ") | st.text(DRAWABLE, min_size=1, max_size=4).filter(str.strip)
    return first.flatmap(lambda start: texts(alphabet, max_length).map(lambda rest: _fit(start + rest, max_length)))


def _filled(text: str) -> str:
    """A valid file's text is never blank: an empty value that a clause prints is an error (validate)."""
    return text if text.strip() else "x"


def _value(option: Any, alphabet: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    if option.type == "text":
        return _given(alphabet, option.max_length) if option.required else texts(alphabet, option.max_length).map(
            _filled
        )
    if option.type in ("choice", "bool"):
        return st.sampled_from(list(option.choices))
    if option.type == "date":
        return st.dates() | st.dates().map(dt.date.isoformat)
    if option.type == "contact":
        fields = {name: texts(alphabet, 200).map(_filled) for name in CONTACT_FIELDS}
        name = fields.pop("name")  # a clause prints the name; a required contact (the union) is always named
        return st.fixed_dictionaries({"name": _given(alphabet, 200) if option.required else name}, optional=fields)
    return st.none()  # file: the logo is drawn with its bytes


def set_dotted(data: dict[str, Any], key: str, value: Any) -> None:
    node = data
    *parents, leaf = key.split(".")
    for part in parents:
        node = node.setdefault(part, {})
    node[leaf] = value


def _image(kind: str, mode: str, size: tuple[int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "red" if mode in ("RGB", "RGBA") else 1).save(buffer, kind)
    return buffer.getvalue()


IMAGE_MODES = {"PNG": ["RGB", "RGBA", "L", "LA", "P", "1", "I;16"], "JPEG": ["RGB", "L", "CMYK"]}


@st.composite
def logos(draw: st.DrawFn) -> tuple[str, bytes]:
    """A small, valid PNG or JPEG and its file name."""
    name, kind = draw(st.sampled_from([("logo.png", "PNG"), ("Logo Ø.PNG", "PNG"), ("logo.jpg", "JPEG"),
                                       ("logo.jpeg", "JPEG")]))  # fmt: skip
    mode = draw(st.sampled_from(IMAGE_MODES[kind]))
    return name, _image(kind, mode, (draw(st.integers(1, 40)), draw(st.integers(1, 40))))


@st.composite
def valid_data(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, bytes | str]]:
    """Random values for the options (each present or not), and a logo file or none."""
    alphabet = draw(st.sampled_from([DRAWABLE, DRAWABLE, DRAWABLE, ACCEPTED]))  # mostly text the PDF can show
    data: dict[str, Any] = {}
    if draw(st.booleans()):
        data["library"] = "social-media"
    if draw(st.booleans()):
        data["language"] = draw(st.sampled_from(["da", "en"]))
    for key, option in OPTIONS.items():
        if option.type != "file" and (option.required or draw(st.booleans())):
            set_dotted(data, key, draw(_value(option, alphabet)))
    if data.get("policy", {}).get("status") == "adopted" and "adopted" not in data["policy"]:
        data["policy"]["adopted"] = draw(st.dates())
    rules = data.get("choices", {}).get("earlier_rules", {})
    if rules.get("exists") is True and not str(rules.get("title", "")).strip():
        rules["title"] = "Retningslinjer"
    beside: dict[str, bytes | str] = {}
    if draw(st.integers(0, 9)) == 0:
        name, image = draw(logos())
        data["school"]["logo"] = name
        beside[name] = image
    return data, beside


@st.composite
def dumped(draw: st.DrawFn, data: Any) -> str:
    """`data` as YAML text, in one of the ways a person or a tool might write it."""
    text = yaml.safe_dump(
        data,
        allow_unicode=draw(st.booleans()),
        default_flow_style=draw(st.sampled_from([False, None, True])),
        indent=draw(st.integers(2, 6)),
        width=draw(st.sampled_from([40, 80, 1_000_000])),
        explicit_start=draw(st.booleans()),
        sort_keys=draw(st.booleans()),
    )
    if draw(st.booleans()):
        comment = "".join(" " if ch in YAML_LINE_BREAKS else ch for ch in draw(texts(DRAWABLE, 80)))
        text = f"# {comment}\n{text}"
    return text


@st.composite
def valid_files(draw: st.DrawFn) -> HostileFile:
    data, beside = draw(valid_data())
    text = draw(dumped(data))
    note = []
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
        note.append("CRLF")
    content = text.encode("utf-8")
    if draw(st.booleans()):
        content = b"\xef\xbb\xbf" + content
        note.append("BOM")
    return HostileFile(content, beside, note)


# ---- broken files: mutations of the data --------------------------------------------------

JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(ANY_CHARACTER, max_size=20)
    | st.dates() | st.datetimes(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)  # fmt: skip


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in nested mappings and lists."""
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, child in node.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found += _paths(child, (*prefix, index))
    return found


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return data


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _target(draw: st.DrawFn, data: Any) -> tuple[Any, ...]:
    """A path in the data, or the dotted path of an option (present or not)."""
    if not isinstance(data, dict):
        return ()
    schema = [tuple(key.split(".")) for key in OPTIONS]
    path = draw(st.sampled_from(_paths(data) + schema + [()]))
    if path and path not in _paths(data):
        for depth in range(1, len(path)):
            if not isinstance(_get_or_none(data, path[:depth]), dict):
                _set(data, path[:depth], {})
    return path


def _get_or_none(data: Any, path: tuple[Any, ...]) -> Any:
    try:
        return _get(data, path)
    except (KeyError, IndexError, TypeError):
        return None


def wrong_type(draw: st.DrawFn, data: Any) -> Any:
    return _set(data, _target(draw, data), draw(JUNK))


def missing_key(draw: st.DrawFn, data: Any) -> Any:
    paths = [path for path in _paths(data) if isinstance(_get(data, path[:-1]), dict)]
    if paths:
        path = draw(st.sampled_from(paths))
        del _get(data, path[:-1])[path[-1]]
    return data


def _near_miss(key: str) -> st.SearchStrategy[str]:
    return st.integers(0, max(len(key) - 1, 0)).map(lambda i: key[:i] + key[i + 1 :] or key + "x")


def extra_key(draw: st.DrawFn, data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    containers = [path for path in [(), *_paths(data)] if isinstance(_get_or_none(data, path), dict)]
    path = draw(st.sampled_from(containers))
    words = sorted({part for key in OPTIONS for part in key.split(".")})
    name = draw(st.text(ANY_CHARACTER, min_size=1, max_size=30) | st.sampled_from(words).flatmap(_near_miss))
    _get(data, path)[name] = draw(JUNK)
    return data


def deep_nesting(draw: st.DrawFn, data: Any) -> Any:
    path = _target(draw, data)
    value = draw(JUNK)
    for _ in range(draw(st.integers(1, 45))):
        value = [value] if draw(st.booleans()) else {"a": value}
    return _set(data, path, value)


def huge_or_empty_string(draw: st.DrawFn, data: Any) -> Any:
    size = draw(st.sampled_from([0, 1, 20, 21, 60, 61, 80, 81, 120, 121, 200, 201, 300, 301, 5_000, 100_000]))
    value = draw(st.sampled_from(["x", "æ", "\u0301", " ", "{{", "<", "😀", "\u202e"])) * size
    return _set(data, _target(draw, data), value)


def odd_character(draw: st.DrawFn, data: Any) -> Any:
    """A character of any category (NUL, controls, surrogates, non-characters...) in a value."""
    path = _target(draw, data)
    base = _get_or_none(data, path)
    base = base if isinstance(base, str) else "Skole"
    at = draw(st.integers(0, len(base)))
    return _set(data, path, base[:at] + draw(ANY_CHARACTER | SPECIAL) + base[at:])


# Folders and files an options file may name that the system cannot or must not open: too long,
# a NUL or a control character, a device, outside the folder, a folder. The NUL first: Hypothesis
# draws the first of a list most often.
ODD_PATHS = ["kreds\0", "k" * 5_000, "kreds\x1b[2J", "k" * 300, "kreds/" * 700, "/dev/zero", "/proc/self/mem",
             "/etc/passwd", "../../../../etc/passwd", "~", ".", "..", "/", " ", "\u202ekreds"]  # fmt: skip
PATH_PLACES = ["clauses", "clauses list", "theme", "theme logo", "school logo"]


def name_path(data: dict[str, Any], place: str, value: str) -> dict[str, Any]:
    """`data` naming `value` at one of PATH_PLACES: the overlay folder (alone or in a list),
    the theme file, the theme's logo or the school's logo."""
    if place == "school logo":
        data["school"] = {**(data.get("school") if isinstance(data.get("school"), dict) else {}), "logo": value}
    elif place == "theme logo":
        data["theme"] = {"name": "Kreds", "logo": value}
    else:
        data[place.split()[0]] = [value] if place.endswith("list") else value
    return data


def odd_path(draw: st.DrawFn, data: Any) -> Any:
    """One of ODD_PATHS, or random text, at one of PATH_PLACES."""
    if not isinstance(data, dict):
        return data
    value = draw(st.sampled_from(ODD_PATHS) | st.text(ANY_CHARACTER, min_size=1, max_size=20))
    return name_path(data, draw(st.sampled_from(PATH_PLACES)), value)


def not_a_mapping(draw: st.DrawFn, data: Any) -> Any:
    return draw(JUNK)


def bad_logo(draw: st.DrawFn, data: Any, beside: dict[str, bytes | str]) -> Any:
    """A logo that is not a readable PNG or JPEG inside the folder: damaged, forged, elsewhere, not a file."""
    png = _image("PNG", "RGB", (4, 4))
    name, what = draw(
        st.sampled_from(
            [
                ("logo.png", png[:30]),  # truncated
                ("logo.png", png[:-12]),  # no IEND
                ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40),
                ("empty.png", b""),
                ("logo.png", b"<svg/>"),
                ("logo.jpg", png),  # a PNG named .jpg
                ("logo.gif", b"GIF89a" + b"\x00" * 20),
                ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>'),
                ("logo.dat", png),
                ("logo.png", "<folder>"),
                ("logo.png", "-> /etc/passwd"),
                ("logo.png", "-> /dev/zero"),
                ("logo.png", "-> missing.png"),
                ("logo.png", _huge_png_header()),
                ("/etc/passwd", None),
                ("../../../../etc/passwd", None),
                ("/dev/zero", None),
                ("/proc/self/environ", None),
                ("logo\u202egnp.png", png),
                ("x" * 5000 + ".png", None),
                ("logo.png\x00.txt", None),
                ("missing.png", None),
                ("   ", None),
            ]
        )
    )
    if what is not None:
        beside[name] = what
    if isinstance(data, dict) and isinstance(data.get("school"), dict):
        data["school"]["logo"] = name
    return data


def _huge_png_header() -> bytes:
    """A small PNG that declares itself 100,000 pixels square."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(
        b"IEND", b""
    )


DATA_MUTATIONS: list[Callable[..., Any]] = [
    wrong_type, missing_key, extra_key, deep_nesting, huge_or_empty_string, odd_character, odd_path, not_a_mapping,
]  # fmt: skip

# ---- broken files: mutations of the text --------------------------------------------------


def _lines(text: str) -> list[str]:
    return text.split("\n")


def billion_laughs(draw: st.DrawFn, text: str) -> str:
    levels, fanout = draw(st.integers(2, 9)), draw(st.integers(2, 10))
    rows = ["l0: &l0 [" + ", ".join(["lol"] * fanout) + "]"]
    for level in range(1, levels):
        rows.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * fanout) + "]")
    return "\n".join(rows) + "\n" + text


def anchors_and_aliases(draw: st.DrawFn, text: str) -> str:
    extra = draw(
        st.sampled_from(
            [
                "copy: &c {name: X}\nalias: *c\n",
                "school: &s\n  name: A\nagain: *s\n",
                "x: *undefined\n",
                "r: &r [*r]\n",
                "m: &m {a: 1}\nschool:\n  <<: *m\n",
                "choices: &ch\n  platform: *ch\n",
                "a: &a x\nb: &a y\nc: *a\n",
            ]
        )
    )
    return draw(st.sampled_from([extra + text, text + extra]))


TAGS = [
    "!!python/object/apply:os.system ['true']", "!!python/name:os.system", "!!python/object:object {}",
    "!!binary aGVsbG8=", "!!set {a, b}", "!!omap [a: 1]", "!custom x", "!<tag:yaml.org,2002:str> x", "!!str",
    "!!int", "!!float", "!!timestamp", "!!null", "!!bool", "!!merge", "!<%0A%1B> x", "!<!> x", "!!map {}",
    "!!seq []", "!e!x y",
]  # fmt: skip


def tag(draw: st.DrawFn, text: str) -> str:
    lines = _lines(text)
    candidates = [i for i, line in enumerate(lines) if ": " in line]
    tagged = draw(st.sampled_from(TAGS))
    if not candidates:
        return f"x: {tagged}\n" + text
    i = draw(st.sampled_from(candidates))
    head, _, tail = lines[i].partition(": ")
    lines[i] = f"{head}: {tagged} {tail}" if draw(st.booleans()) else f"{head}: {tagged}"
    return "\n".join(lines)


def duplicate_key(draw: st.DrawFn, text: str) -> str:
    lines = _lines(text)
    candidates = [i for i, line in enumerate(lines) if ":" in line]
    if not candidates:
        return text + "\nschool: 1\nschool: 2\n"
    i = draw(st.sampled_from(candidates))
    return "\n".join(lines[: i + 1] + [lines[i]] + lines[i + 1 :])


def insert_character(draw: st.DrawFn, text: str) -> str:
    at = draw(st.integers(0, len(text)))
    return text[:at] + draw(ANY_CHARACTER | SPECIAL | st.sampled_from(list("[]{}:,&*!|>'\"%@`#-?\t\r"))) + text[at:]


def deep_text(draw: st.DrawFn, text: str) -> str:
    depth = draw(st.sampled_from([31, 32, 33, 100, 1_000, 30_000, 100_000]))
    shape = draw(st.sampled_from(["flow-list", "flow-map", "block-list", "block-map"]))
    if shape == "flow-list":
        value = "[" * depth + "]" * depth
    elif shape == "flow-map":
        value = "{a: " * depth + "1" + "}" * depth
    elif shape == "block-list":
        value = "- " * min(depth, 40_000) + "x"
    else:
        value = "\n" + "".join("  " * i + "a:\n" for i in range(1, min(depth, 300)))
    return text + f"\ndeep: {value}\n" if shape != "block-list" else text + f"\ndeep:\n  {value}\n"


def line_endings(draw: st.DrawFn, text: str) -> str:
    return text.replace("\n", draw(st.sampled_from(["\r\n", "\r", "\n\r", "\u2028", "\u0085"])))


def tabs(draw: st.DrawFn, text: str) -> str:
    return text.replace("  ", "\t")


def truncate(draw: st.DrawFn, text: str) -> str:
    return text[: draw(st.integers(0, len(text)))]


def more_documents(draw: st.DrawFn, text: str) -> str:
    return draw(st.sampled_from([text + "\n---\n" + text, "%YAML 1.1\n---\n" + text, "%TAG ! tag:x,2000:\n---\n"
                                 + text, "%YAML 2.0\n---\n" + text, text + "\n...\n", "---\n...\n"]))


def huge_file(draw: st.DrawFn, text: str) -> str:
    return text + "\n# " + "x" * draw(st.sampled_from([262_144 - len(text.encode()) - 4, 262_144, 1_000_000])) + "\n"


def punctuation(draw: st.DrawFn, text: str) -> str:
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(list("[]{}:,&*!|>'\"%@`#-?\\"))) + text[at:]
    return text


TEXT_MUTATIONS: list[Callable[[st.DrawFn, str], str]] = [
    billion_laughs, anchors_and_aliases, tag, duplicate_key, insert_character, deep_text, line_endings, tabs,
    truncate, more_documents, huge_file, punctuation,
]  # fmt: skip

# ---- broken files: mutations of the bytes ------------------------------------------------


def boms(draw: st.DrawFn, raw: bytes) -> bytes:
    text = raw.decode("utf-8", "surrogatepass")
    choice = draw(st.sampled_from(["utf-8", "utf-8 twice", "utf-16", "utf-16-be", "utf-32", "middle"]))
    if choice == "utf-8":
        return b"\xef\xbb\xbf" + raw
    if choice == "utf-8 twice":
        return b"\xef\xbb\xbf\xef\xbb\xbf" + raw
    if choice == "middle":
        at = draw(st.integers(0, len(raw)))
        return raw[:at] + b"\xef\xbb\xbf" + raw[at:]
    bom = {"utf-16": b"", "utf-16-be": b"\xfe\xff", "utf-32": b""}[choice]
    return bom + text.encode(choice, "surrogatepass")


def insert_bytes(draw: st.DrawFn, raw: bytes) -> bytes:
    at = draw(st.integers(0, len(raw)))
    inserted = draw(
        st.binary(min_size=1, max_size=4)
        | st.sampled_from([b"\x00", b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xf4\x90\x80\x80",
                           b"\xe2\x80", b"\xf8\x88\x80\x80\x80", b"\x1b[2J", b"\r"])
    )  # fmt: skip
    return raw[:at] + inserted + raw[at:]


def lone_surrogate(draw: st.DrawFn, raw: bytes) -> bytes:
    """A surrogate code point in a value, written as UTF-8 would write it ('surrogatepass')."""
    at = raw.rfind(b": ")
    surrogate = chr(draw(st.integers(0xD800, 0xDFFF))).encode("utf-8", "surrogatepass")
    return raw + b"\nx: a" + surrogate + b"b\n" if at < 0 else raw[: at + 2] + surrogate + raw[at + 2 :]


def flip_byte(draw: st.DrawFn, raw: bytes) -> bytes:
    if not raw:
        return raw
    at = draw(st.integers(0, len(raw) - 1))
    return raw[:at] + bytes([raw[at] ^ draw(st.integers(1, 255))]) + raw[at + 1 :]


BYTE_MUTATIONS: list[Callable[[st.DrawFn, bytes], bytes]] = [boms, insert_bytes, lone_surrogate, flip_byte]


@st.composite
def broken_files(draw: st.DrawFn) -> HostileFile:
    """Valid data broken by one to three mutations of the data, the text or the bytes."""
    data, beside = draw(valid_data())
    note: list[str] = []
    for _ in range(draw(st.integers(0, 2))):
        mutation = draw(st.sampled_from([*DATA_MUTATIONS, bad_logo]))
        note.append(mutation.__name__)
        data = mutation(draw, data, beside) if mutation is bad_logo else mutation(draw, data)
    text = draw(dumped(data))
    for _ in range(draw(st.integers(0 if note else 1, 2))):
        mutation = draw(st.sampled_from(TEXT_MUTATIONS))
        note.append(mutation.__name__)
        text = mutation(draw, text)
    raw = text.encode("utf-8", "surrogatepass")
    for _ in range(draw(st.integers(0, 1))):
        mutation = draw(st.sampled_from(BYTE_MUTATIONS))
        note.append(mutation.__name__)
        raw = mutation(draw, raw)
    return HostileFile(raw, beside, note)
