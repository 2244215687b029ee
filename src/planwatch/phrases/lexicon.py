"""The lexicon of the phrase grammar, read once from ``lexicon.toml``.

Why a data file: the words a government may write (不低于, 突破, 跑赢, 净增, 降幅 …) grow with
every report read, and each belongs to one class with one meaning. Keeping them in one table
means a new word is one line, the docs are generated from the same table, and no word list
hides in a regular expression.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib.resources import files

# Classes read inside a number (``5.5万亿元``) or as a rule on words, not as tokens of their own;
# and the classes of the character-pattern families (qualitative, direction, events, external
# targets, verdicts), whose words overlap the tokens' (稳定 is a filler word and a trend).
NUMBER_CLASSES = frozenset({"unit", "multiplier", "count_unit", "noun_suffix"})
PATTERN_CLASSES = frozenset({"trend", "trend_adverb", "event_none", "authority", "verdict"})


@dataclass(frozen=True)
class Entry:
    """One word: its class (``pre_comparator`` …) and its meaning in that class (``ge`` …)."""

    word: str
    cls: str
    meaning: str


@dataclass(frozen=True)
class Lexicon:
    """The classes in file order, each with its doc line and its entries in file order."""

    classes: dict[str, tuple[Entry, ...]]
    docs: dict[str, str]

    def words(self, cls: str) -> dict[str, str]:
        """``{word: meaning}`` of one class."""
        return {e.word: e.meaning for e in self.classes[cls]}

    def token_words(self) -> dict[str, Entry]:
        """Every word the tokenizer matches as a token of its own, by its spelling."""
        found: dict[str, Entry] = {}
        for cls, entries in self.classes.items():
            if cls in NUMBER_CLASSES or cls in PATTERN_CLASSES:
                continue
            for entry in entries:
                if entry.word in found:
                    raise ValueError(
                        f"lexicon: “{entry.word}” is in {found[entry.word].cls} and {cls}"
                    )
                found[entry.word] = entry
        return found

    def alternation(self, cls: str, meaning: str | None = None) -> str:
        """A regex alternation of one class's words (of one meaning), longest first."""
        words = [w for w, m in self.words(cls).items() if meaning is None or m == meaning]
        return "|".join(sorted(words, key=len, reverse=True))

    def multipliers(self) -> dict[str, Decimal]:
        return {word: Decimal(value) for word, value in self.words("multiplier").items()}


@cache
def lexicon() -> Lexicon:
    """The lexicon, parsed once per process."""
    raw = tomllib.loads(files("planwatch.phrases").joinpath("lexicon.toml").read_text("utf-8"))
    classes: dict[str, tuple[Entry, ...]] = {}
    docs: dict[str, str] = {}
    for cls, table in raw.items():
        docs[cls] = table.get("_doc", "")
        classes[cls] = tuple(Entry(w, cls, str(m)) for w, m in table.items() if w != "_doc")
    return Lexicon(classes, docs)


DOC_START = "<!-- lexicon:start (generated from src/planwatch/phrases/lexicon.toml) -->"
DOC_END = "<!-- lexicon:end -->"


def lexicon_markdown() -> str:
    """The lexicon as the Markdown of docs/grammar.md §3: one row per class."""
    lines = [DOC_START, "", "| class | meaning | words |", "|---|---|---|"]
    lex = lexicon()
    for cls, entries in lex.classes.items():
        by_meaning: dict[str, list[str]] = {}
        for entry in entries:
            by_meaning.setdefault(entry.meaning, []).append(f"`{entry.word}`")
        words = "; ".join(f"{m}: {' '.join(ws)}" for m, ws in by_meaning.items())
        lines.append(f"| `{cls}` | {lex.docs[cls]} | {words} |")
    lines += ["", DOC_END]
    return "\n".join(lines)


def with_lexicon(markdown: str) -> str:
    """``markdown`` with its generated lexicon section replaced by the current one."""
    start, end = markdown.index(DOC_START), markdown.index(DOC_END) + len(DOC_END)
    return markdown[:start] + lexicon_markdown() + markdown[end:]
