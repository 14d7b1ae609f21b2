"""Find signal phrases in text: one compiled pattern, one pass per text.

A phrase such as "information sharing agreement" also finds "Information-sharing
agreements": matching ignores case, treats a space, a hyphen or nothing between
two words as the same, and lets the last word take simple endings (-s, -es,
-ed, -ing; "policy" gives "policies", "share" gives "sharing"). Matches are whole
words only and the longest phrase wins, so "NHS trust" can be listed as a phrase
that counts for nothing and stop its "trust" counting as a signal.

All phrases are compiled into one regular expression shaped like a trie (shared
prefixes written once) that starts with a space. Line breaks, brackets, quotes
and dashes are first turned into spaces, so the regex engine jumps from space to
space, trying phrases only where a word starts, instead of at every character.
A paragraph break becomes two spaces, which no phrase can span.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# Characters that may sit between two words of a phrase. The pattern and the
# table that strips them from a match must agree, so both come from here.
SEPARATORS = " \t\n\r\u00a0-\u2010\u2011"
_SEPARATOR = "[" + re.escape(SEPARATORS) + "]?"
_DROP_SEPARATORS = str.maketrans("", "", SEPARATORS)
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_SPLIT = re.compile(r"[\s\-\u2010\u2011]+")
_USABLE = re.compile(r"\w[\w']*(?:[\s\-\u2010\u2011]+\w[\w']*)*")
_SEP_KEY = "\x00"  # trie key for "a separator goes here"
# What may come before a word, turned into spaces before matching. Not a hyphen,
# so "e-learning" does not count as "learning"; a single quote only after a space.
_TO_SPACES = (
    *((c, " ") for c in '\n\t\r\u00a0([{"\u201c/|>\u2013\u2014'),
    (" '", "  "),
    (" \u2018", "  "),
)


def phrase_words(phrase: str) -> tuple[str, ...]:
    """The lower-case words of a phrase, split at spaces and hyphens."""
    return tuple(w for w in _SPLIT.split(phrase.lower().translate(_QUOTES)) if w)


def is_usable_phrase(phrase: str) -> bool:
    """True if the phrase is words (letters, digits, apostrophes) joined by spaces or hyphens."""
    return bool(_USABLE.fullmatch(phrase.strip()))


def word_endings(word: str) -> tuple[str, tuple[str, ...]]:
    """Split a phrase's last word into a stem and the endings it may take.

    The first ending always rebuilds the word as written.
    """
    if not word.isalpha() or len(word) < 3:
        return word, ("",)
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1], ("y", "ies", "ied")
    if word.endswith("is"):
        return word[:-2], ("is", "es")
    if word.endswith("e") and not word.endswith("ee"):
        return word[:-1], ("e", "es", "ed", "ing")
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word, ("", "es", "ed", "ing")
    return word, ("", "s", "es", "ed", "ing")


def _units(words: tuple[str, ...]) -> list[object]:
    """A phrase as trie keys: characters, separators, then its endings."""
    units: list[object] = []
    for word in words[:-1]:
        units.extend(word)
        units.append(_SEP_KEY)
    stem, endings = word_endings(words[-1])
    units.extend(stem)
    units.append(endings)
    return units


def _build_trie(phrases: Iterable[tuple[str, ...]]) -> dict:
    trie: dict = {}
    for words in phrases:
        node = trie
        for unit in _units(words):
            node = node.setdefault(unit, {})
    return trie


def _render(node: dict) -> str:
    """The trie as a regular expression; longer continuations are tried first."""
    literals = sorted(k for k in node if isinstance(k, str))
    endings = sorted((k for k in node if isinstance(k, tuple)), key=len, reverse=True)
    parts = [(_SEPARATOR if key == _SEP_KEY else re.escape(key)) + _render(node[key]) for key in literals]
    for ending in endings:
        options = sorted(ending, key=lambda e: (-len(e), e))
        parts.append("(?:" + "|".join(re.escape(e) for e in options) + ")")
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _surface_keys(phrases: list[tuple[str, ...]]) -> dict[str, int]:
    """Every form a phrase can take, separators removed, mapped to the phrase.

    A form written exactly as some phrase belongs to that phrase; inflected forms
    ("records" from "record") only fill the gaps.
    """
    keys: dict[str, int] = {}
    for exact in (True, False):
        for index, words in enumerate(phrases):
            stem, endings = word_endings(words[-1])
            head = "".join(words[:-1]) + stem
            for ending in endings[:1] if exact else endings[1:]:
                keys.setdefault(head + ending, index)
    return keys


def _spaced(text: str) -> str:
    """The text in lower case with a space before every word (see _TO_SPACES)."""
    text = " " + text.lower()
    for before, after in _TO_SPACES:
        if before in text:
            text = text.replace(before, after)
    if "\u2019" in text or "\u2018" in text:
        text = text.replace("\u2019", "'").replace("\u2018", "'")
    return text


@dataclass(frozen=True)
class PhraseMatcher:
    """Counts, in one pass, how often each of a list of phrases occurs in a text."""

    pattern: re.Pattern[str] | None
    keys: Mapping[str, int]
    # surface form as matched -> phrase index (-1: none); a cache, filled as texts are read
    _seen: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def count(self, text: str) -> dict[int, int]:
        """Phrase index -> number of times it occurs in the text."""
        counts: dict[int, int] = {}
        if self.pattern is None or not text:
            return counts
        for surface, n in Counter(self.pattern.findall(_spaced(text))).items():
            index = self._seen.get(surface)
            if index is None:
                index = self._seen[surface] = self.keys.get(surface.translate(_DROP_SEPARATORS), -1)
            if index >= 0:
                counts[index] = counts.get(index, 0) + n
        return counts


def compile_matcher(phrases: Iterable[str]) -> PhraseMatcher:
    """Build the matcher; indices in its counts follow the order of `phrases`."""
    words = [phrase_words(p) for p in phrases]
    if not any(words):
        return PhraseMatcher(None, {})
    trie = _build_trie(w for w in words if w)
    pattern = re.compile(" (" + _render(trie) + r")(?!\w)")
    return PhraseMatcher(pattern, _surface_keys([w or ("",) for w in words]))
