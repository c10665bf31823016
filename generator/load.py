"""Read YAML safely, keeping the line of every key so later errors can name it.

Only plain data comes out (mappings, lists, strings, numbers, booleans, dates), every
string and key in Unicode's composed form (NFC: "å" as one character even where a macOS
editor saved it as "a" and U+030A), so that no later step meets decomposed text:
the SafeLoader's constructors are used scalar by scalar, unknown tags are
refused, duplicate keys are errors, alias expansion is bounded so that a
"billion laughs" file cannot exhaust memory, and nesting is bounded before the
parser builds its node tree (libyaml builds it recursively in C: a file of some
30,000 `[` overflows the C stack and kills the process).
"""

from __future__ import annotations

import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import PolicyError, Problem
from generator.messages import Said, os_reason

# libyaml's parser when PyYAML was built with it (10x faster); the pure-Python one otherwise
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_FILE_BYTES = 256 * 1024
MAX_NODES = 20_000
MAX_DEPTH = 32
MAX_KEY_SHOWN = 200  # characters of a key printed in a message


@dataclass
class Loaded:
    """A YAML document's data and the line (1-based) of every dotted key in it."""

    file: str
    data: Any
    lines: dict[str, int] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)  # the typed text of values that are not strings

    def line(self, key: str) -> int | None:
        """The line of `key`, or of its nearest parent that has one."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0]
        return self.lines.get("", 1)

    def problem(self, key: str | None, message: str | Said) -> Problem:
        return Problem.of(self.file, self.line(key or ""), shown_key(key), message)


def shown_key(key: str | None) -> str | None:
    """A key as it can be printed on one terminal line: unprintable characters escaped, a long key cut."""
    if key is None or (key.isprintable() and len(key) <= MAX_KEY_SHOWN):
        return key
    text = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in key)
    return text if len(text) <= MAX_KEY_SHOWN else text[: MAX_KEY_SHOWN - 3] + "..."


def nfc(text: str) -> str:
    """`text` in Unicode's composed form (NFC), as policygen keeps every string it reads."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def unreadable_path(path: Path, *, folder: bool = False) -> str | Said | dict[str, str] | None:
    """Whether `path` is an existing regular file (or folder): None if it is, else "missing", or,
    as a message's value, what else it is ("not a regular file": a named pipe or a device) or why
    the system could not even look (a name too long, a loop of links, no permission). Never
    raises, never opens the path."""
    try:
        if path.is_dir() if folder else path.is_file():
            return None
        if not path.exists():
            return "missing"
        if folder:
            return Said("not_a_folder")
        return Said("a_folder_not_a_file") if path.is_dir() else Said("not_a_regular_file")
    except (OSError, ValueError) as exc:  # ValueError: a NUL character in the name
        return os_reason(exc)


def read_text(
    path: Path, *, label: str | None = None, max_bytes: int = MAX_FILE_BYTES, save_as: str = "save_as_utf8"
) -> str:
    """Read a UTF-8 text file (a BOM is allowed) of at most `max_bytes` bytes, or raise PolicyError
    saying why not (ending "save it as `save_as`", which can name the choice in the program that wrote it)."""
    name = label or str(path)
    return decode(read_bounded(path, max_bytes, label=name), name, save_as)


def existing(path: Path) -> Path:
    """`path`, if there is a file or folder there; else PolicyError "no such file" naming it, as
    `read_bounded` says it (a command's inputs are checked here, in the user's language, not by the
    command line's parser)."""
    if not path.exists():
        raise PolicyError.at(str(path), None, None, Said("no_such_file"))
    return path


def read_bounded(path: Path, max_bytes: int, *, label: str | None = None) -> bytes:
    """The bytes of the regular file at `path`, at most `max_bytes` of them; PolicyError otherwise.

    The one way policygen reads a file someone gave it (options files and the files a batch
    finds in a folder, CSV files, build records, overlay and library files, themes). A named
    pipe, a device (`/dev/zero`, `/dev/urandom`), a socket or a folder is refused without
    blocking: the file is opened with O_NONBLOCK and its type taken from the open descriptor
    (`fstat`), and at most `max_bytes + 1` bytes are read, since a size from `stat` can be 0
    for a file that never ends or change while it is read.
    """
    name = label or str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise PolicyError.at(name, None, None, Said("no_such_file")) from None
    except IsADirectoryError:
        raise PolicyError.at(name, None, None, Said("is_a_folder")) from None
    except OSError as exc:
        raise PolicyError.at(name, None, None, Said("cannot_be_read", reason=os_reason(exc))) from None
    except ValueError as exc:  # a NUL in the name
        raise PolicyError.at(name, None, None, Said("cannot_be_read", reason=os_reason(exc))) from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise PolicyError.at(name, None, None, _not_a_file(status.st_mode))
        if status.st_size > max_bytes:
            raise PolicyError.at(name, None, None, Said("file_too_big", size=status.st_size, limit=max_bytes))
        data = _read_at_most(fd, max_bytes + 1)
    except OSError as exc:
        raise PolicyError.at(name, None, None, Said("cannot_be_read", reason=os_reason(exc))) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # it grew while being read, or its size was not what stat said
        raise PolicyError.at(name, None, None, Said("file_grew", limit=max_bytes))
    return data


def _read_at_most(fd: int, count: int) -> bytes:
    chunks: list[bytes] = []
    while count > 0 and (chunk := os.read(fd, min(count, 1 << 20))):
        chunks.append(chunk)
        count -= len(chunk)
    return b"".join(chunks)


def _not_a_file(mode: int) -> Said:
    if stat.S_ISDIR(mode):
        return Said("is_a_folder")
    if stat.S_ISFIFO(mode):
        return Said("is_a_pipe")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Said("is_a_device")
    return Said("is_not_a_regular_file")


def decode(raw: bytes, name: str, save_as: str = "save_as_utf8") -> str:
    """The text of a UTF-8 file (a BOM is allowed), or PolicyError ending "save it as" the words `save_as`."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PolicyError.at(name, 1, None, Said("utf16", save_as=Said(save_as)))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - raw.rfind(b"\n", 0, exc.start)
        said = Said("not_utf8", byte=f"{raw[exc.start]:02x}", column=str(column), save_as=Said(save_as))
        raise PolicyError.at(name, line, None, said) from None


def load_yaml(path: Path, *, label: str | None = None) -> Loaded:
    name = label or str(path)
    return parse_yaml(read_text(path, label=name), name)


def parse_yaml(text: str, name: str) -> Loaded:
    """Parse one YAML document into plain data with key lines."""
    loader: Any = None
    try:
        loader = _Loader(text)
        _check_nesting(loader, name)
        loader.dispose()
        loader = _Loader(text)
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise PolicyError(_syntax_problem(name, exc, text)) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise PolicyError.at(name, line, None, Said("yaml_character", code=f"{exc.character:04X}")) from None
    except yaml.YAMLError as exc:
        raise PolicyError.at(name, None, None, Said("yaml_syntax", detail=str(exc))) from None
    finally:
        if loader is not None:
            loader.dispose()
    loaded = Loaded(name, None, {"": 1})
    if node is None:
        return loaded
    builder = _Builder(loaded)
    loaded.data = builder.build(node, "", 0)
    return loaded


def _check_nesting(loader: Any, name: str) -> None:
    """Read the parse events (libyaml's parser is not recursive) and refuse nesting beyond MAX_DEPTH.

    The depth and key path are counted as `_Builder.build` counts them, so the message is the same.
    """
    frames: list[list[Any]] = []  # per open collection: [is_mapping, label of the current child, expecting a key]
    said = Said("too_deep", limit=MAX_DEPTH)

    def too_deep(line: int) -> PolicyError:
        path = "".join(f".{label}" if is_mapping else f"[{max(label, 0)}]" for is_mapping, label, _ in frames)
        return PolicyError.at(name, line, shown_key(path.lstrip(".") or None), said)

    while True:
        try:
            event = loader.get_event()
        except yaml.MarkedYAMLError as exc:  # PyYAML >= 6.0.4 has a nesting limit of its own, met first
            if "nesting depth" not in str(exc.problem or "") or exc.problem_mark is None:
                raise
            raise too_deep(exc.problem_mark.line + 1) from None
        if isinstance(event, yaml.StreamEndEvent):
            break
        if isinstance(event, yaml.CollectionEndEvent):
            frames.pop()
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        if frames:
            parent = frames[-1]
            if not parent[0]:
                parent[1] += 1
            elif parent[2]:
                parent[2] = False
                if isinstance(event, yaml.ScalarEvent):
                    parent[1] = event.value
                    continue
            else:
                parent[2] = True
        if len(frames) > MAX_DEPTH:
            raise too_deep(event.start_mark.line + 1)
        if isinstance(event, yaml.MappingStartEvent):
            frames.append([True, "", True])
        elif isinstance(event, yaml.SequenceStartEvent):
            frames.append([False, -1, False])


def _syntax_problem(name: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    if mark is None:
        return Problem(name, None, None, Said("yaml_syntax", detail=yaml_problem(problem)))
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    at = line[mark.column : mark.column + 1]
    detail = Said("yaml_tab", detail=problem) if at == "\t" else yaml_problem(problem)
    return Problem(name, mark.line + 1, None, Said("yaml_syntax_at", column=str(mark.column + 1), detail=detail))


_YAML_PROBLEMS = {  # as libyaml and PyYAML's own parser word them
    "mapping values are not allowed here": "yaml_colon_here",
    "mapping values are not allowed in this context": "yaml_colon_here",
    "could not find expected ':'": "yaml_no_colon",
    "found character '\\t' that cannot start any token": "yaml_tab",
    "found a tab character that violates indentation": "yaml_tab",
    "found unexpected end of stream": "yaml_quote",
    "did not find expected key": "yaml_expected_key",
    "did not find expected ',' or ']'": "yaml_open_list",
    "did not find expected ',' or '}'": "yaml_open_mapping",
    "did not find expected '-' indicator": "yaml_expected_dash",
    "found character that cannot start any token": "yaml_bad_start",
    "found undefined alias": "yaml_alias",
}


def yaml_problem(problem: str) -> Said | dict[str, str]:
    """PyYAML's complaint in words: the catalogue's for the frequent ones, PyYAML's own English otherwise."""
    if problem in _YAML_PROBLEMS:
        return Said(_YAML_PROBLEMS[problem], detail=problem)
    if problem.startswith("expected <block end>"):
        return Said("yaml_indent", detail=problem)
    return {"en": problem, "da": problem}


class _Builder:
    """Turns a composed node tree into plain data, recording key lines."""

    def __init__(self, loaded: Loaded) -> None:
        self.constructor = yaml.constructor.SafeConstructor()
        self.loaded = loaded
        self.count = 0

    def fail(self, node: yaml.Node, key: str, said: Said) -> PolicyError:
        return PolicyError.at(self.loaded.file, node.start_mark.line + 1, shown_key(key or None), said)

    def build(self, node: yaml.Node, path: str, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            top = path.split(".")[0].split("[")[0]
            raise PolicyError.at(
                self.loaded.file,
                self.loaded.lines.get(top, 1),
                shown_key(top or None),
                Said("too_many_values", limit=MAX_NODES),
            )
        if depth > MAX_DEPTH:
            raise self.fail(node, path, Said("too_deep", limit=MAX_DEPTH))
        if isinstance(node, yaml.MappingNode):
            return self.build_mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                raise self.fail(node, path, Said("tag_not_allowed", tag=shown_key(node.tag)))
            return [
                self.build(item, f"{path}[{index}]", depth + 1) for index, item in enumerate(node.value)
            ]
        return self.build_scalar(node, path)

    def build_mapping(self, node: yaml.MappingNode, path: str, depth: int) -> dict[Any, Any]:
        if node.tag not in ("tag:yaml.org,2002:map",):
            raise self.fail(node, path, Said("tag_not_allowed", tag=shown_key(node.tag)))
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, path, Said("key_not_word_collection"))
            key = self.build_scalar(key_node, path)
            if isinstance(key, (list, dict)) or key is None:
                raise self.fail(key_node, path, Said("key_not_word"))
            child = f"{path}.{key}" if path else str(key)
            if key in result:
                first = self.loaded.lines.get(child)
                raise self.fail(key_node, child, Said("key_twice", first=str(first)))
            self.loaded.lines[child] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def build_scalar(self, node: yaml.ScalarNode, path: str) -> Any:
        if node.tag.startswith("tag:yaml.org,2002:") and node.tag.rsplit(":", 1)[1] in _SCALAR_TAGS:
            try:
                value = self.constructor.construct_object(node, deep=True)
            except Exception:  # 2027-02-30, `!!timestamp x`, `!!bool maybe`: kept as typed, for validation to report
                return nfc(node.value)
            if isinstance(value, str):
                return nfc(value)
            if path:
                self.loaded.raw[path] = node.value
            return value
        raise self.fail(node, path, Said("tag_not_allowed", tag=shown_key(node.tag)))


_SCALAR_TAGS = {"str", "int", "float", "bool", "null", "timestamp"}
