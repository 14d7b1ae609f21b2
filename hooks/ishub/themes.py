"""Theme taxonomy and theme inference for items without `themes:` in front matter.

The taxonomy is data (`extra.themes` and `extra.theme_inference` in mkdocs.yml):
no code names a theme. Inference counts each theme's signal phrases in the
title, summary and body, turns the counts into a score that does not grow with
the length of the text, and keeps the themes that clear the configured
thresholds, with the evidence that put them there.

Scoring, per theme:

    score = body density + TITLE_POINTS * title matches + SUMMARY_POINTS * summary matches

where a match is worth its signal's weight. Body density is weighted matches
per 100 words, damped so a signal repeated many times does not swamp the rest:
each signal counts as count ** DAMPING and the length as words ** DAMPING, which
keeps the score of a paragraph the same when the paragraph is repeated. Texts
shorter than MIN_WORDS are scored as if they were MIN_WORDS long, so one stray
word in a short text is not enough.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .plain_text import join_parts, markdown_to_text
from .problems import Problem
from .signals import PhraseMatcher, compile_matcher
from .theme_config import (
    InferenceSettings,
    Signal,
    Theme,
    check_overlap,
    check_settings,
    check_themes,
    read_mkdocs_config,
)

__all__ = [
    "Evidence",
    "InferenceSettings",
    "Signal",
    "Taxonomy",
    "Theme",
    "ThemeDecision",
    "count_signals",
    "infer_themes",
    "parse_taxonomy",
    "prepare_text",
    "read_mkdocs_config",
    "taxonomy_from_config",
]

EXPLICIT = "explicit"
INFERRED = "inferred"
TITLE_POINTS = 1.5
SUMMARY_POINTS = 1.0
MIN_WORDS = 100
DAMPING = 0.8


@dataclass(frozen=True)
class Evidence:
    """One signal that matched, and how many times."""

    signal: str
    count: int


@dataclass(frozen=True)
class ThemeDecision:
    """A theme given to an item, how it was decided and, if inferred, why."""

    theme: str
    source: str
    score: float = 0.0
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    """The themes and inference settings, with the signal matcher compiled once."""

    themes: tuple[Theme, ...]
    settings: InferenceSettings
    _matcher: PhraseMatcher = field(init=False, repr=False, compare=False)
    # phrase index (as compiled) -> ((theme index, signal index), ...) it counts for
    _owners: tuple[tuple[tuple[int, int], ...], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        phrases: list[str] = []
        owners: list[tuple[tuple[int, int], ...]] = []
        for theme_index, theme in enumerate(self.themes):
            for signal_index, signal in enumerate(theme.signals):
                phrases.append(signal.phrase)
                owners.append(((theme_index, signal_index),))
        phrases.extend(self.settings.ignore)
        owners.extend(() for _ in self.settings.ignore)
        object.__setattr__(self, "_matcher", compile_matcher(phrases))
        object.__setattr__(self, "_owners", tuple(owners))

    def ids(self) -> tuple[str, ...]:
        """Theme ids in configured order."""
        return tuple(theme.id for theme in self.themes)

    def get(self, theme_id: str) -> Theme | None:
        """The theme with this id, or None."""
        return next((theme for theme in self.themes if theme.id == theme_id), None)

    def signal_counts(self, text: str) -> tuple[dict[int, int], ...]:
        """Per theme (configured order): signal index -> matches in the text."""
        per_theme: tuple[dict[int, int], ...] = tuple({} for _ in self.themes)
        for phrase_index, count in self._matcher.count(text).items():
            for theme_index, signal_index in self._owners[phrase_index]:
                found = per_theme[theme_index]
                found[signal_index] = found.get(signal_index, 0) + count
        return per_theme


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
    alphabetical. A theme with no match maps to an empty tuple.
    """
    counts = taxonomy.signal_counts(text)
    return {theme.id: _evidence(theme, counts[i]) for i, theme in enumerate(taxonomy.themes)}


def _weighted(theme: Theme, counts: dict[int, int], power: float = 1.0) -> float:
    return sum(theme.signals[i].weight * n**power for i, n in counts.items())


def _merged(*counts: dict[int, int]) -> dict[int, int]:
    total: dict[int, int] = {}
    for found in counts:
        for index, n in found.items():
            total[index] = total.get(index, 0) + n
    return total


def _scores(title: str, summary: str, body: str, taxonomy: Taxonomy) -> list[tuple[float, dict[int, int]]]:
    """Per theme: its score and its signal counts over the whole item."""
    zones = [taxonomy.signal_counts(text) for text in (title, summary, body)]
    length = (max(len(body.split()), MIN_WORDS) / 100) ** DAMPING
    results = []
    for i, theme in enumerate(taxonomy.themes):
        title_counts, summary_counts, body_counts = (zone[i] for zone in zones)
        score = (
            _weighted(theme, body_counts, DAMPING) / length
            + TITLE_POINTS * _weighted(theme, title_counts)
            + SUMMARY_POINTS * _weighted(theme, summary_counts)
        )
        results.append((round(score, 4), _merged(title_counts, summary_counts, body_counts)))
    return results


def infer_themes(
    title: str, summary: str, body_markdown: str, taxonomy: Taxonomy
) -> tuple[ThemeDecision, ...]:
    """The inferred themes of an item, best first; empty when none is clear enough.

    A theme is kept when its score reaches `min_score` and at least `min_share`
    of the best theme's score; at most `max_themes` are kept (ties by id).
    """
    texts = (markdown_to_text(title), markdown_to_text(summary), markdown_to_text(body_markdown))
    scored = _scores(*texts, taxonomy)
    best = max((score for score, _ in scored), default=0.0)
    settings = taxonomy.settings
    decisions = [
        ThemeDecision(theme.id, INFERRED, score, _evidence(theme, counts))
        for theme, (score, counts) in zip(taxonomy.themes, scored, strict=True)
        if score > 0 and score >= settings.min_score and score >= settings.min_share * best
    ]
    decisions.sort(key=lambda d: (-d.score, d.theme))
    return tuple(decisions[: max(0, min(settings.max_themes, 3))])
