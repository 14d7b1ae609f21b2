"""Theme taxonomy and theme inference for items without `themes:` in front matter.

The taxonomy is data (`extra.themes` and `extra.theme_inference` in mkdocs.yml):
no code names a theme. Inference finds each theme's signal phrases in the
title, summary and body, turns them into a score that does not grow with the
length of the text, and keeps the themes that clear the configured thresholds,
with the evidence that put them there.

Scoring, per theme:

    score = body density + title_weight * title matches + summary_weight * summary matches

where a match is worth its signal's weight. Body density is weighted matches
per 100 words, damped so a signal repeated many times does not swamp the rest:
each signal counts as count ** DAMPING and the length as words ** DAMPING, which
keeps the score of a paragraph the same when the paragraph is repeated. Texts
shorter than MIN_WORDS are scored as if they were MIN_WORDS long, so one stray
word in a short text is not enough.

A signal inside a set-aside clause ("this is not a technology problem", "rather
than a legal question", "not about the technology, the law or the money")
counts only `set_aside_weight` of a match (nothing, as shipped): it is kept
apart as set-aside evidence, never shown as counting, and takes
`set_aside_penalty` of its worth off its theme's score.

The leading theme needs `min_score`. A second or third theme must be a subject
of the text, not a passing mention, so it also needs `min_share` of the leading
score (`one_sentence_share` when all its evidence is in one sentence, unless
that sentence holds `one_sentence_signals` distinct signals) and
`min_signals` distinct signals, `min_topic_signals` of them other than
`passing_signals` (an agreement signed, the case management system, training
held); signals written one after another ("data protection law") count as one.
It needs evidence from `min_sentences` sentences, and from more in a long body
(one for every `sentence_words` words, at most MAX_SENTENCES_ASKED). The
evidence of a decision is exactly the signals that counted for it; nothing in
these rules is hidden from `make themes`, which lists the signals and counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .mkdocs_yml import read_mkdocs_config
from .plain_text import join_parts, markdown_to_text
from .problems import Problem
from .signals import PhraseMatcher, Scan, compile_matcher, phrase_words
from .theme_config import (
    SETTING_RANGES,
    InferenceSettings,
    Signal,
    Theme,
    check_overlap,
    check_settings,
    check_themes,
)

__all__ = [
    "Evidence",
    "InferenceSettings",
    "Signal",
    "Taxonomy",
    "Theme",
    "ThemeDecision",
    "ThemeScore",
    "count_signals",
    "infer_themes",
    "parse_taxonomy",
    "prepare_text",
    "read_mkdocs_config",
    "score_themes",
    "sentences_asked",
    "taxonomy_from_config",
]

EXPLICIT = "explicit"
INFERRED = "inferred"
MIN_WORDS = 100
DAMPING = 0.8
MAX_SENTENCES_ASKED = 3


@dataclass(frozen=True)
class Evidence:
    """One signal that matched, and how many times."""

    signal: str
    count: int


@dataclass(frozen=True)
class ThemeDecision:
    """A theme given to an item, how it was decided and, if inferred, why.

    `evidence` is what counted for the theme; `set_aside` lists its signals
    found in set-aside clauses ("not a technology problem"), which did not.
    """

    theme: str
    source: str
    score: float = 0.0
    evidence: tuple[Evidence, ...] = ()
    set_aside: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class ThemeScore:
    """How one theme fared on one item: its score, its support and its evidence."""

    theme: str
    score: float
    sentences: int
    evidence: tuple[Evidence, ...]
    set_aside: tuple[Evidence, ...]


@dataclass
class _Found:
    """One theme's signals in one zone: signal index -> matches counted, and set aside.

    `named` holds the signals with a counted match of their own, not one that
    runs on from another signal of the theme ("law" in "data protection law").
    """

    counted: dict[int, int] = field(default_factory=dict)
    aside: dict[int, int] = field(default_factory=dict)
    named: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class Taxonomy:
    """The themes and inference settings, with the signal matcher compiled once."""

    themes: tuple[Theme, ...]
    settings: InferenceSettings
    _matcher: PhraseMatcher = field(init=False, repr=False, compare=False)
    # phrase index (as compiled) -> ((theme index, signal index), ...) it counts for
    _owners: tuple[tuple[tuple[int, int], ...], ...] = field(init=False, repr=False, compare=False)
    # theme index -> the phrase indices that count for it
    _phrases: tuple[frozenset[int], ...] = field(init=False, repr=False, compare=False)
    # theme index -> its signal indices listed in passing_signals
    _passing: tuple[frozenset[int], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        phrases: list[str] = []
        owners: list[tuple[tuple[int, int], ...]] = []
        for theme_index, theme in enumerate(self.themes):
            for signal_index, signal in enumerate(theme.signals):
                phrases.append(signal.phrase)
                owners.append(((theme_index, signal_index),))
        phrases.extend(self.settings.ignore)
        owners.extend(() for _ in self.settings.ignore)
        settings = self.settings
        matcher = compile_matcher(
            phrases,
            settings.set_aside_after,
            settings.set_aside_before,
            settings.set_aside_until,
            settings.set_aside_words,
        )
        cues = len(settings.set_aside_after) + len(settings.set_aside_before)
        object.__setattr__(self, "_matcher", matcher)
        object.__setattr__(self, "_owners", tuple(owners) + ((),) * cues)
        phrases_of: list[set[int]] = [set() for _ in self.themes]
        for phrase_index, owned in enumerate(owners):
            for theme_index, _ in owned:
                phrases_of[theme_index].add(phrase_index)
        object.__setattr__(self, "_phrases", tuple(frozenset(p) for p in phrases_of))
        passing = {phrase_words(p) for p in settings.passing_signals}
        object.__setattr__(
            self,
            "_passing",
            tuple(
                frozenset(i for i, s in enumerate(t.signals) if phrase_words(s.phrase) in passing)
                for t in self.themes
            ),
        )

    def ids(self) -> tuple[str, ...]:
        """Theme ids in configured order."""
        return tuple(theme.id for theme in self.themes)

    def get(self, theme_id: str) -> Theme | None:
        """The theme with this id, or None."""
        return next((theme for theme in self.themes if theme.id == theme_id), None)

    def signal_counts(self, text: str) -> tuple[dict[int, int], ...]:
        """Per theme (configured order): signal index -> matches in the text, set aside or not."""
        per_theme: tuple[dict[int, int], ...] = tuple({} for _ in self.themes)
        for phrase_index, count in self._matcher.count(text).items():
            for theme_index, signal_index in self._owners[phrase_index]:
                found = per_theme[theme_index]
                found[signal_index] = found.get(signal_index, 0) + count
        return per_theme

    def find(self, text: str) -> tuple[tuple[_Found, ...], Scan]:
        """Per theme: its signals in the text, counted or set aside; and the scan they came from."""
        per_theme = tuple(_Found() for _ in self.themes)
        scan = self._matcher.scan(text)
        owners, indices, aside, joined = self._owners, scan.indices, scan.aside, scan.joined
        for n, phrase_index in enumerate(indices):
            owned = owners[phrase_index]
            if not owned:
                continue
            set_aside = n in aside
            before = owners[indices[n - 1]] if n in joined else ()
            for theme_index, signal_index in owned:
                found = per_theme[theme_index]
                counts = found.aside if set_aside else found.counted
                counts[signal_index] = counts.get(signal_index, 0) + 1
                if not set_aside and all(t != theme_index for t, _ in before):
                    found.named.add(signal_index)
        return per_theme, scan

    def sentences(self, theme_index: int, scans: Iterable[Scan], enough: int = 1_000_000) -> int:
        """In how many sentences of these texts the theme's signals counted (at most `enough`)."""
        found = 0
        for scan in scans:
            found += scan.sentences(self._phrases[theme_index], enough - found)
            if found >= enough:
                break
        return found


def parse_taxonomy(
    raw_themes: object, raw_settings: object, path: str = "mkdocs.yml"
) -> tuple[Taxonomy, list[Problem]]:
    """The taxonomy from `extra.themes` and `extra.theme_inference`, and every problem.

    Invalid themes and signals are left out of the taxonomy and reported.
    """
    themes, theme_problems = check_themes(raw_themes, path)
    settings, setting_problems = check_settings(raw_settings, path)
    overlap = check_overlap(themes, settings, path)
    return Taxonomy(themes, settings), theme_problems + setting_problems + overlap


def taxonomy_from_config(config: dict, path: str = "mkdocs.yml") -> tuple[Taxonomy, list[Problem]]:
    """The taxonomy from a loaded mkdocs.yml (see `read_mkdocs_config`)."""
    extra = config.get("extra") if isinstance(config, dict) else None
    extra = extra if isinstance(extra, dict) else {}
    return parse_taxonomy(extra.get("themes"), extra.get("theme_inference"), path)


def prepare_text(title: str, summary: str, body_markdown: str) -> str:
    """The text signals are matched in: code, URLs, markup and front matter removed."""
    return join_parts(*(markdown_to_text(part) for part in (title, summary, body_markdown)))


def _evidence(theme: Theme, counts: dict[int, int]) -> tuple[Evidence, ...]:
    ranked = sorted((-n, theme.signals[i].phrase.lower(), theme.signals[i].phrase) for i, n in counts.items())
    return tuple(Evidence(phrase, -n) for n, _, phrase in ranked)


def count_signals(text: str, taxonomy: Taxonomy) -> dict[str, tuple[Evidence, ...]]:
    """Theme id -> signals found in the text and how often, for every theme.

    Themes follow the configured order; evidence is most frequent first, then
    alphabetical. A theme with no match maps to an empty tuple. This counts
    every match, set aside or not; `score_themes` tells them apart.
    """
    counts = taxonomy.signal_counts(text)
    return {theme.id: _evidence(theme, counts[i]) for i, theme in enumerate(taxonomy.themes)}


def _weighted(theme: Theme, found: _Found, discount: float, power: float = 1.0) -> float:
    signals = theme.signals
    total = sum(signals[i].weight * n**power for i, n in found.counted.items())
    if discount and found.aside:
        total += sum(signals[i].weight * (discount * n) ** power for i, n in found.aside.items())
    return total


def _merged(*counts: dict[int, int]) -> dict[int, int]:
    total: dict[int, int] = {}
    for found in counts:
        for index, n in found.items():
            total[index] = total.get(index, 0) + n
    return total


def _zone_score(
    theme: Theme,
    zones: tuple[_Found, _Found, _Found],
    discount: float,
    length: float,
    settings: InferenceSettings,
) -> float:
    """The score of one theme's signals found in the title, the summary and the body."""
    title, summary, body = zones
    return (
        _weighted(theme, body, discount, DAMPING) / length
        + settings.title_weight * _weighted(theme, title, discount)
        + settings.summary_weight * _weighted(theme, summary, discount)
    )


@dataclass(frozen=True)
class _Result:
    """One theme on one item: its score, its signals counted and set aside, and its support."""

    score: float
    counted: dict[int, int]
    aside: dict[int, int]
    named: frozenset[int]
    aside_score: float


def _scores(
    title: str, summary: str, body_markdown: str, taxonomy: Taxonomy
) -> tuple[list[_Result], tuple[Scan, ...], int]:
    """Per theme: its score, evidence and support; the scans of the zones; the body's words."""
    texts = (markdown_to_text(title), markdown_to_text(summary), markdown_to_text(body_markdown))
    zones, scans = zip(*(taxonomy.find(text) for text in texts), strict=True)
    settings = taxonomy.settings
    discount = settings.set_aside_weight
    words = len(texts[2].split())
    length = (max(words, MIN_WORDS) / 100) ** DAMPING
    results = []
    for i, theme in enumerate(taxonomy.themes):
        in_title, in_summary, in_body = (zone[i] for zone in zones)
        score = _zone_score(theme, (in_title, in_summary, in_body), discount, length, settings)
        asides = tuple(_Found(zone.aside) for zone in (in_title, in_summary, in_body))
        aside_score = _zone_score(theme, asides, 0.0, length, settings)
        # A theme the text sets aside is less likely its subject: each set-aside
        # match takes set_aside_penalty of its worth off the score.
        score = max(0.0, score - settings.set_aside_penalty * aside_score)
        results.append(
            _Result(
                round(score, 4),
                _merged(in_title.counted, in_summary.counted, in_body.counted),
                _merged(in_title.aside, in_summary.aside, in_body.aside),
                frozenset(in_title.named | in_summary.named | in_body.named),
                aside_score,
            )
        )
    return results, scans, words


def score_themes(title: str, summary: str, body_markdown: str, taxonomy: Taxonomy) -> tuple[ThemeScore, ...]:
    """Every theme's score, support and evidence for an item, in configured order.

    `sentences` counts the title and the summary as one sentence each, at most.
    """
    results, scans, _ = _scores(title, summary, body_markdown, taxonomy)
    return tuple(
        ThemeScore(
            theme.id,
            r.score,
            taxonomy.sentences(i, scans) if r.counted else 0,
            _evidence(theme, r.counted),
            _evidence(theme, r.aside),
        )
        for i, (theme, r) in enumerate(zip(taxonomy.themes, results, strict=True))
    )


def sentences_asked(words: int, settings: InferenceSettings) -> int:
    """How many sentences a second or third theme's evidence must come from in a body this long.

    `min_sentences`, and in a long body one more for every `sentence_words`
    words (at most MAX_SENTENCES_ASKED): in a long text a theme named in a
    single sentence is named in passing.
    """
    if not settings.sentence_words:
        return settings.min_sentences
    grown = min(MAX_SENTENCES_ASKED, -(-words // settings.sentence_words))
    return max(settings.min_sentences, grown)


def _admitted(
    result: _Result,
    passing: frozenset[int],
    sentences: Callable[[int], int],
    best: float,
    words: int,
    settings: InferenceSettings,
) -> bool:
    """Whether a theme other than the leading one is a subject of the text, not a passing mention."""
    if result.score < settings.min_score or result.score < settings.min_share * best:
        return False
    if len(result.named) < settings.min_signals:
        return False
    if sum(i not in passing for i in result.named) < settings.min_topic_signals:
        return False
    wanted = sentences_asked(words, settings)
    if settings.one_sentence_share and result.score < settings.one_sentence_share * best:
        # A theme in one sentence needs the larger share, unless its signals there make a point.
        if not (settings.one_sentence_signals and len(result.named) >= settings.one_sentence_signals):
            wanted = max(wanted, 2)
    return wanted <= 1 or sentences(wanted) >= wanted


def _choose(
    results: list[_Result],
    taxonomy: Taxonomy,
    sentences: Callable[[int, int], int],
    words: int,
    settings: InferenceSettings | None = None,
) -> list[int]:
    """The indices of the themes kept, best first, before the `max_themes` cap.

    `sentences(theme index, enough)` counts the sentences a theme's evidence
    comes from (at most `enough`). tests/fit_themes.py calls this with scores
    worked out for other weights and settings, so it decides exactly as
    `infer_themes` does.
    """
    settings = settings or taxonomy.settings
    ranked = sorted(
        (i for i, r in enumerate(results) if r.score > 0 and r.counted),
        key=lambda i: (-results[i].score, taxonomy.themes[i].id),
    )
    if not ranked or results[ranked[0]].score < settings.min_score:
        return []
    best = results[ranked[0]].score
    return ranked[:1] + [
        i
        for i in ranked[1:]
        if _admitted(
            results[i],
            taxonomy._passing[i],
            lambda enough, i=i: sentences(i, enough),
            best,
            words,
            settings,
        )
    ]


def infer_themes(
    title: str, summary: str, body_markdown: str, taxonomy: Taxonomy
) -> tuple[ThemeDecision, ...]:
    """The inferred themes of an item, best first; empty when none is clear enough.

    The leading theme is kept when its score reaches `min_score`; each further
    theme also needs the share of the leading score, the distinct signals (not
    all of them passing signals) and the sentences the settings ask for. At
    most `max_themes` are kept (ties by id).
    """
    results, scans, words = _scores(title, summary, body_markdown, taxonomy)
    kept = _choose(
        results,
        taxonomy,
        lambda i, enough: taxonomy.sentences(i, scans, enough),
        words,
    )
    settings = taxonomy.settings
    decisions = []
    # The cap is the highest max_themes the settings allow (theme_config.SETTING_RANGES).
    for i in kept[: max(0, min(settings.max_themes, SETTING_RANGES["max_themes"][1]))]:
        theme, r = taxonomy.themes[i], results[i]
        decisions.append(
            ThemeDecision(theme.id, INFERRED, r.score, _evidence(theme, r.counted), _evidence(theme, r.aside))
        )
    return tuple(decisions)
