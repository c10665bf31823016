"""Word-level differences: the tokens a redline compares and the edit script between them.

Used by the DOCX redline (over the writer's runs) and by the HTML summary (over plain
text); imports nothing but the standard library.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from difflib import SequenceMatcher
from typing import Any

# A word keeps inner punctuation ("4.2", "MED-udvalget", "ak@skole.dk"); spaces and other
# punctuation are tokens of their own, so "AULA." and "AULA," differ by one comma.
_TOKEN = re.compile(r"\s+|\w(?:[\w.,:/@'’-]*\w)?|[^\w\s]")

Opcode = tuple[str, int, int, int, int]


def words(text: str) -> list[str]:
    """`text` as tokens whose concatenation is `text` again."""
    return _TOKEN.findall(text)


def opcodes(
    old: Sequence[Any], new: Sequence[Any], is_blank: Callable[[Any], bool] | None = None
) -> list[Opcode]:
    """difflib's opcodes over two token sequences, with what merely sits between two changes
    (spaces, or one word such as "og") folded into them, so a rewritten phrase reads as one
    change rather than a patchwork."""
    blank = is_blank or (lambda token: isinstance(token, str) and not token[:1].isalnum())
    ops: list[Opcode] = list(SequenceMatcher(None, old, new, autojunk=False).get_opcodes())
    merged: list[Opcode] = []
    index = 0
    while index < len(ops):
        tag, i1, i2, j1, j2 = ops[index]
        between = 0 < index < len(ops) - 1 and tag == "equal"
        if between and merged and merged[-1][0] != "equal" and sum(not blank(t) for t in old[i1:i2]) <= 1:
            after = ops[index + 1]
            start = merged.pop()
            merged.append(("replace", start[1], after[2], start[3], after[4]))
            index += 2
            continue
        if merged and tag != "equal" and merged[-1][0] != "equal":
            start = merged.pop()
            merged.append(("replace", start[1], i2, start[3], j2))
        else:
            merged.append((tag, i1, i2, j1, j2))
        index += 1
    return merged


def matched(old: Sequence[Hashable], new: Sequence[Hashable]) -> list[Opcode]:
    """difflib's opcodes as they are: for sequences of blocks, where nothing is folded."""
    return list(SequenceMatcher(None, old, new, autojunk=False).get_opcodes())


def similarity(old: Sequence[str], new: Sequence[str]) -> float:
    """0.0 (nothing in common) to 1.0 (the same), over the words (spaces and punctuation,
    which any two sentences share, left out)."""
    old_words, new_words = [t for t in old if t[:1].isalnum()], [t for t in new if t[:1].isalnum()]
    if not old_words and not new_words:
        return 1.0
    return SequenceMatcher(None, old_words, new_words, autojunk=False).ratio()
