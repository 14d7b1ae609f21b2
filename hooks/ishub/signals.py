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

`scan` also says where each phrase occurs: its sentence, and whether it sits in
a set-aside clause. Some phrases can be given the role of cues: one that sets
aside what follows it ("rather than", "isn't about") reaches to the end of its
clause (a comma, a colon, a sentence end or a word such as "but"), at most a few
words; one that sets aside what comes before it ("was never the problem")
reaches back to the start of its clause. Cues are part of the same pattern, so
the text is still read once.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Container, Iterable, Mapping
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
# What a cue phrase does: set aside what follows it, or what precedes it.
SETS_ASIDE_AFTER, SETS_ASIDE_BEFORE = 1, 2
_SENTENCE_END = re.compile(r"[.!?](?= )")
_CLAUSE_MARKS = ",;:.!?"
_CLAUSE_END = "[" + re.escape(_CLAUSE_MARKS) + "]"
# A list set aside runs on past its commas to its "and", "or" or "nor" ("not the
# law, the systems or the money") and ends where the clause would end without the
# commas. A comma followed by one of these words starts a new clause instead.
_LIST_JOIN = re.compile(r" +(?:and|or|nor) ")
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
class Scan:
    """The ordinary phrases found in a text, in order, and those in set-aside clauses.

    `indices[n]` is the phrase of the n-th occurrence and `starts[n]` where it
    starts (in `spaced`, the text as matched); `aside` holds the numbers of the
    occurrences inside set-aside clauses, and `joined` those that start where the
    occurrence before them ends ("data protection" then "law" in "data
    protection law"), which name the same thing.
    """

    spaced: str
    indices: list[int]
    starts: list[int]
    aside: frozenset[int]
    joined: frozenset[int] = frozenset()

    def counts(self) -> tuple[Counter[int], Counter[int]]:
        """Phrase index -> occurrences counted, and occurrences set aside."""
        if not self.aside:
            return Counter(self.indices), Counter()
        aside = self.aside
        counted = Counter(i for n, i in enumerate(self.indices) if n not in aside)
        return counted, Counter(self.indices[n] for n in aside)

    def sentences(self, phrases: Container[int], enough: int = 1_000_000) -> int:
        """In how many sentences an occurrence (not set aside) of one of these phrases stands.

        Counting stops at `enough`.
        """
        aside = self.aside
        starts = [self.starts[n] for n, i in enumerate(self.indices) if i in phrases and n not in aside]
        found, position, last = 0, 0, len(starts)
        while position < last and found < enough:
            found += 1
            end = _SENTENCE_END.search(self.spaced, starts[position], starts[-1] + 1)
            if end is None:
                break
            position = bisect_right(starts, end.start(), position)
        return found


@dataclass(frozen=True)
class PhraseMatcher:
    """Counts, in one pass, how often each of a list of phrases occurs in a text."""

    pattern: re.Pattern[str] | None
    keys: Mapping[str, int]
    # phrase index of each cue -> SETS_ASIDE_AFTER or SETS_ASIDE_BEFORE; other phrases are ordinary
    cues: Mapping[int, int] = field(default_factory=dict)
    # how a clause opened by a cue ends early (punctuation, "but"), and its most words
    clause_end: re.Pattern[str] | None = None
    scope_words: int = 12
    # surface form as matched -> phrase index (-1: none); a cache, filled as texts are read
    _seen: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def _index(self, surface: str) -> int:
        index = self._seen.get(surface)
        if index is None:
            index = self._seen[surface] = self.keys.get(surface.translate(_DROP_SEPARATORS), -1)
        return index

    def count(self, text: str) -> dict[int, int]:
        """Phrase index -> number of times it occurs in the text (cues included, nothing set aside)."""
        counts: dict[int, int] = {}
        if self.pattern is None or not text:
            return counts
        for surface, n in Counter(self.pattern.findall(_spaced(text))).items():
            index = self._index(surface)
            if index >= 0:
                counts[index] = counts.get(index, 0) + n
        return counts

    def scan(self, text: str) -> Scan:
        """Where each ordinary phrase occurs, and which occurrences sit in a set-aside clause."""
        if self.pattern is None or not text:
            return Scan("", [], [], frozenset())
        spaced = _spaced(text)
        seen, keys, cues = self._seen, self.keys, self.cues
        indices: list[int] = []
        starts: list[int] = []
        joined: list[int] = []
        add_index, add_start = indices.append, starts.append
        scopes: list[tuple[int, int]] = []
        last_end = -1
        for match in self.pattern.finditer(spaced):
            surface = match[1]
            index = seen.get(surface)
            if index is None:
                index = seen[surface] = keys.get(surface.translate(_DROP_SEPARATORS), -1)
            if index < 0:
                continue
            if index not in cues:
                if match.start() == last_end:
                    joined.append(len(indices))
                last_end = match.end()
                add_index(index)
                add_start(match.start())
            elif cues[index] == SETS_ASIDE_AFTER:
                scopes.append((match.end(), self._end_of_clause(spaced, match.end())))
            else:
                scopes.append((self._start_of_clause(spaced, match.start()), match.start()))
        if not scopes:
            return Scan(spaced, indices, starts, frozenset(), frozenset(joined))
        aside = frozenset(
            n for begin, end in scopes for n in range(bisect_left(starts, begin), bisect_left(starts, end))
        )
        return Scan(spaced, indices, starts, aside, frozenset(joined))

    def _end_of_clause(self, spaced: str, position: int) -> int:
        """Where a clause opened at `position` ends: punctuation, an ending word, or the word limit."""
        limit = position
        for _ in range(self.scope_words + 1):
            limit = spaced.find(" ", limit + 1)
            if limit < 0:
                limit = len(spaced)
                break
        found = self.clause_end.search(spaced, position, limit) if self.clause_end else None
        if found is None:
            return limit
        if spaced[found.start()] != ",":
            return found.start()
        # A comma ends the clause unless a list set aside runs on past it: "not about
        # the technology, the law or the money" sets aside all three.
        stop = next(
            (
                m.start()
                for m in self.clause_end.finditer(spaced, found.end(), limit)
                if spaced[m.start()] != ","
            ),
            limit,
        )
        listed = not _LIST_JOIN.match(spaced, found.end()) and _LIST_JOIN.search(spaced, found.end(), stop)
        return stop if listed else found.start()

    def _start_of_clause(self, spaced: str, position: int) -> int:
        """Where the clause that ends at `position` starts: punctuation or the word limit."""
        floor = position
        for _ in range(self.scope_words + 1):
            floor = spaced.rfind(" ", 0, floor)
            if floor <= 0:
                floor = 0
                break
        return max(floor, *(spaced.rfind(mark, floor, position) + 1 for mark in _CLAUSE_MARKS))


def compile_matcher(
    phrases: Iterable[str],
    sets_aside_after: Iterable[str] = (),
    sets_aside_before: Iterable[str] = (),
    clause_ends: Iterable[str] = (),
    scope_words: int = 12,
) -> PhraseMatcher:
    """Build the matcher; indices in its counts follow the order of `phrases`.

    Cue phrases come after `phrases` (those that set aside what follows, then
    those that set aside what precedes); `clause_ends` are words that close a
    set-aside clause before its punctuation ("but", "it is").
    """
    ordinary = list(phrases)
    after, before = list(sets_aside_after), list(sets_aside_before)
    words = [phrase_words(p) for p in (*ordinary, *after, *before)]
    if not any(words):
        return PhraseMatcher(None, {})
    roles = (SETS_ASIDE_AFTER,) * len(after) + (SETS_ASIDE_BEFORE,) * len(before)
    cues = {len(ordinary) + n: role for n, role in enumerate(roles)}
    trie = _build_trie(w for w in words if w)
    pattern = re.compile(" (" + _render(trie) + r")(?!\w)")
    ends = sorted({" ".join(w) for w in map(phrase_words, clause_ends) if w}, key=lambda e: (-len(e), e))
    clause_end = re.compile(_CLAUSE_END + "".join(f"| {re.escape(e)}(?!\\w)" for e in ends))
    return PhraseMatcher(pattern, _surface_keys([w or ("",) for w in words]), cues, clause_end, scope_words)
