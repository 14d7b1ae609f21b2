"""The theme taxonomy as configured under `extra:` in mkdocs.yml, checked.

`check_themes` and `check_settings` turn the raw YAML values into typed values
and collect every problem at once, in words a contributor can act on. Field
names follow the YAML path (`extra.themes[2].signals[4].weight`); the line is 0
because the values arrive already parsed.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass

from .problems import Problem
from .signals import is_usable_phrase, phrase_words

THEMES_FIELD = "extra.themes"
SETTINGS_FIELD = "extra.theme_inference"
THEME_KEYS = ("id", "label", "description", "signals")
SIGNAL_KEYS = ("phrase", "weight")
MAX_WEIGHT = 10.0
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TEXT_HELP = {
    "label": "give the short name readers see, e.g. 'Data quality'",
    "description": "say in a sentence or two what the theme covers; theme pages show it",
}


@dataclass(frozen=True)
class Signal:
    """A word or phrase that suggests a theme, and how strongly."""

    phrase: str
    weight: float = 1.0


@dataclass(frozen=True)
class Theme:
    """One theme of the taxonomy: its id, what readers see, and its signals."""

    id: str
    label: str
    description: str
    signals: tuple[Signal, ...]


# Cue phrases that set a theme aside ("this is not a technology problem"): the
# signals in the clause they open (or close) count for little or nothing. These
# are the defaults; `extra.theme_inference` can replace each list.
# fmt: off
SET_ASIDE_AFTER = (
    "not about", "not really about", "not primarily about", "not mainly about", "not simply about",
    "isn't about", "isn't really", "wasn't about", "wasn't really", "aren't about", "weren't about",
    "is never about", "was never about", "never about", "is not a", "is not an", "was not a",
    "was not an", "isn't a", "isn't an", "wasn't a", "wasn't an", "was never a", "is never a",
    "not a question of", "not a matter of", "not just", "not only", "not simply", "not merely",
    "nothing to do with", "no amount of", "rather than", "instead of", "less about", "less a matter of",
    "less a question of", "less to do with", "far from", "regardless of", "whatever the",
    "it's not the", "it is not the", "it was not the", "it isn't the", "it wasn't the",
    "is not the", "was not the", "are not the", "were not the", "isn't the", "wasn't the",
    "had nothing to do with", "has nothing to do with", "not because of", "not down to",
    "beyond the", "did not need", "didn't need", "never needed", "no need for", "needed no",
    "without needing",
)
SET_ASIDE_BEFORE = (
    "is not the problem", "was not the problem", "isn't the problem", "wasn't the problem",
    "was never the problem", "is never the problem", "is rarely the problem", "is not the issue",
    "was not the issue", "isn't the issue", "wasn't the issue", "is not the barrier", "was not the barrier",
    "isn't the barrier", "wasn't the barrier", "was never the barrier", "is not the obstacle",
    "was not the obstacle", "is rarely the real culprit", "is rarely the culprit",
    "alone will not", "alone won't", "alone will never", "alone does not", "alone doesn't",
    "alone is not", "alone isn't", "alone was not", "alone did not", "alone cannot", "alone can't",
    "on its own will not", "on its own does not", "on its own is not", "on its own cannot",
    "by itself will not", "by itself does not", "by itself is not", "is not enough", "was not enough",
    "are not enough", "were not enough", "is never enough", "was not the point", "is not the point",
    "is beside the point", "was beside the point", "matters less", "mattered less",
    "will not be enough", "would not be enough", "won't be enough", "was never the issue",
    "is never the issue", "is rarely the issue",
)
# Words that close a set-aside clause before its punctuation: "but", pronouns and verbs
# that start the clause saying what the text is about instead.
SET_ASIDE_UNTIL = (
    "but", "than", "it", "it's", "this", "that", "they", "we", "what", "yet", "though", "although",
    "because", "whereas", "while", "so", "is", "are", "was", "were", "will", "would", "can", "could",
    "should", "may", "might", "must", "has", "have", "had", "do", "does", "did",
)
# fmt: on


@dataclass(frozen=True)
class InferenceSettings:
    """Thresholds for inferring themes; scores are weighted matches per 100 words.

    `ignore` lists phrases that look like signals but are not (say "NHS trust",
    which contains "trust"): they are matched first and count for nothing.

    The leading theme needs `min_score`. A second or third theme also needs
    `min_share` of the leading theme's score, at least `min_signals` distinct
    signals of which `min_topic_signals` are not `passing_signals` (names that
    texts often drop in passing: an agreement, a system, training), and
    evidence from at least `min_sentences` sentences (the title and the
    summary each count as one).

    Signals written one after another ("data protection law") name one thing
    and count as one distinct signal. A further theme found in one sentence only
    needs `one_sentence_share` of the leading score (0: just `min_share`), and
    in a long body it needs evidence from one more sentence for every
    `sentence_words` words (0: never), up to three: in a long text, a theme
    named in one sentence is named in passing. A theme found in one sentence
    with at least `one_sentence_signals` distinct signals (0: never) makes its
    point there, and needs only `min_share`.

    A signal in a clause opened by a `set_aside_after` cue, or closed by a
    `set_aside_before` cue, counts `set_aside_weight` times its weight (0: not
    at all), and takes `set_aside_penalty` times its worth off its theme's
    score: a text that sets a theme aside is telling the reader it is not its
    subject. Such a clause ends at punctuation, at a `set_aside_until` word, or
    after `set_aside_words` words; a comma does not end it when a list runs on
    to its "and", "or" or "nor" ("not about the technology, the law or the
    money").
    """

    min_score: float = 1.0
    min_share: float = 0.35
    max_themes: int = 3
    ignore: tuple[str, ...] = ()
    title_weight: float = 1.5
    summary_weight: float = 1.0
    min_sentences: int = 1
    min_signals: int = 1
    min_topic_signals: int = 0
    passing_signals: tuple[str, ...] = ()
    set_aside_weight: float = 0.0
    set_aside_words: int = 12
    set_aside_penalty: float = 0.0
    one_sentence_share: float = 0.0
    sentence_words: int = 0
    one_sentence_signals: int = 0
    set_aside_after: tuple[str, ...] = SET_ASIDE_AFTER
    set_aside_before: tuple[str, ...] = SET_ASIDE_BEFORE
    set_aside_until: tuple[str, ...] = SET_ASIDE_UNTIL


# name -> (lowest, highest, whole numbers only, what it means)
SETTING_RANGES = {
    "min_score": (0.0, 100.0, False, "the lowest score an inferred theme may have"),
    "min_share": (0.0, 1.0, False, "the lowest share of the best theme's score"),
    "max_themes": (1, 3, True, "the most themes inferred for one item"),
    "title_weight": (0.0, 10.0, False, "the points a signal in the title earns per unit of weight"),
    "summary_weight": (0.0, 10.0, False, "the points a signal in the summary earns per unit of weight"),
    "min_sentences": (1, 10, True, "the fewest sentences a second or third theme's evidence comes from"),
    "min_signals": (1, 10, True, "the fewest distinct signals a second or third theme needs"),
    "min_topic_signals": (
        0,
        10,
        True,
        "the fewest distinct signals, not passing_signals, a second or third theme needs",
    ),
    "set_aside_weight": (0.0, 1.0, False, "how much a signal in a set-aside clause still counts"),
    "set_aside_words": (1, 40, True, "the most words a set-aside clause reaches"),
    "set_aside_penalty": (
        0.0,
        3.0,
        False,
        "how much of its worth a set-aside signal takes off its theme's score",
    ),
    "one_sentence_share": (
        0.0,
        1.0,
        False,
        "the lowest share of the best score for a second or third theme found in one sentence",
    ),
    "sentence_words": (
        0,
        10000,
        True,
        "body words per extra sentence a second or third theme needs (0: none)",
    ),
    "one_sentence_signals": (
        0,
        10,
        True,
        "the distinct signals that let a theme found in one sentence do with min_share (0: never)",
    ),
}
# name -> what to list there
PHRASE_LISTS = {
    "ignore": "phrases that look like signals but are not, e.g. 'NHS trust'",
    "passing_signals": "signals often only named in passing, e.g. 'sharing agreement'",
    "set_aside_after": "phrases that set aside what follows them, e.g. 'rather than'",
    "set_aside_before": "phrases that set aside what comes before them, e.g. 'was never the problem'",
    "set_aside_until": "words that end a set-aside clause, e.g. 'but'",
}


def describe(value: object) -> str:
    """A value named the way a contributor would, never as a Python repr."""
    if value is None or value == "":
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "a mapping"


def _unknown_keys(raw: dict, allowed: tuple[str, ...], where: str, path: str) -> list[Problem]:
    problems = []
    for key in raw:
        if key in allowed:
            continue
        close = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        fix = f"{hint}remove it or use only: {', '.join(allowed)}"
        problems.append(Problem(path, 0, f"{where}.{key}", f"'{key}' is not a known key", fix))
    return problems


def _text(raw: dict, key: str, where: str, path: str) -> tuple[str, list[Problem]]:
    value = raw.get(key)
    if isinstance(value, str) and value.strip():
        return value.strip(), []
    wrong = "is missing" if value is None or value == "" else f"must be text, not {describe(value)}"
    return "", [Problem(path, 0, f"{where}.{key}", wrong, _TEXT_HELP[key])]


def _check_id(raw: dict, where: str, seen: dict[str, str], path: str) -> tuple[str, list[Problem]]:
    value = raw.get("id")
    field_name = f"{where}.id"
    example = "-".join(re.findall(r"[a-z0-9]+", str(raw.get("label") or "").lower())) or "data-quality"
    if value is None or value == "":
        return "", [Problem(path, 0, field_name, "is missing", f"add an id such as '{example}'")]
    if not isinstance(value, str) or not _ID.fullmatch(value):
        shown = f"'{value}'" if isinstance(value, str) else describe(value)
        fix = f"use lower-case words joined by hyphens, e.g. '{example}'"
        return "", [Problem(path, 0, field_name, f"{shown} is not a valid theme id", fix)]
    if value in seen:
        message = f"'{value}' is already the id of {seen[value]}"
        return "", [Problem(path, 0, field_name, message, "give each theme its own id")]
    seen[value] = where
    return value, []


def _check_phrase(value: object, field_name: str, path: str) -> list[Problem]:
    if isinstance(value, str) and is_usable_phrase(value):
        return []
    text = value.strip() if isinstance(value, str) else value
    shown = f"'{value}'" if text else describe(text)
    fix = "write a word or phrase using letters, digits, spaces, hyphens and apostrophes"
    return [Problem(path, 0, field_name, f"{shown} is not a usable phrase", fix)]


def _check_weight(value: object, field_name: str, path: str) -> list[Problem]:
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if number and math.isfinite(value) and 0 < value <= MAX_WEIGHT:
        return []
    shown = str(value) if number else describe(value)
    fix = (
        f"use a number above 0 and at most {MAX_WEIGHT:g}: about 0.5 for a weak signal, 2-3 for a strong one"
    )
    return [Problem(path, 0, field_name, f"{shown} is not a valid weight", fix)]


def _check_signal(raw: object, where: str, path: str) -> tuple[Signal | None, list[Problem]]:
    if isinstance(raw, str):
        problems = _check_phrase(raw, where, path)
        return (None if problems else Signal(raw.strip())), problems
    if not isinstance(raw, dict):
        fix = "write the phrase as text, or as {phrase: ..., weight: ...}"
        return None, [Problem(path, 0, where, f"must be a phrase, not {describe(raw)}", fix)]
    problems = _unknown_keys(raw, SIGNAL_KEYS, where, path)
    problems += _check_phrase(raw.get("phrase"), f"{where}.phrase", path)
    weight = raw.get("weight", 1.0)
    problems += _check_weight(weight, f"{where}.weight", path)
    return (None if problems else Signal(raw["phrase"].strip(), float(weight))), problems


def _check_signals(raw: object, where: str, path: str) -> tuple[tuple[Signal, ...], list[Problem]]:
    fix = "list the words and phrases that suggest this theme"
    if raw is None or raw == []:
        return (), [Problem(path, 0, where, "is missing" if raw is None else "is empty", fix)]
    if not isinstance(raw, list):
        return (), [Problem(path, 0, where, f"must be a list, not {describe(raw)}", fix)]
    signals: list[Signal] = []
    problems: list[Problem] = []
    first_seen: dict[tuple[str, ...], int] = {}
    for index, item in enumerate(raw):
        signal, found = _check_signal(item, f"{where}[{index}]", path)
        problems += found
        if signal is None:
            continue
        words = phrase_words(signal.phrase)
        if words in first_seen:
            message = f"'{signal.phrase}' is already listed at {where}[{first_seen[words]}]"
            problems.append(Problem(path, 0, f"{where}[{index}]", message, "keep one of the two"))
            continue
        first_seen[words] = index
        signals.append(signal)
    return tuple(signals), problems


def _check_theme(
    raw: object, where: str, seen: dict[str, str], path: str
) -> tuple[Theme | None, list[Problem]]:
    if not isinstance(raw, dict):
        fix = f"give each theme {', '.join(THEME_KEYS)}"
        return None, [Problem(path, 0, where, f"must be a mapping, not {describe(raw)}", fix)]
    problems = _unknown_keys(raw, THEME_KEYS, where, path)
    theme_id, found = _check_id(raw, where, seen, path)
    problems += found
    label, found = _text(raw, "label", where, path)
    problems += found
    description, found = _text(raw, "description", where, path)
    problems += found
    signals, found = _check_signals(raw.get("signals"), f"{where}.signals", path)
    problems += found
    if not (theme_id and label and description and signals):
        return None, problems
    return Theme(theme_id, label, description, signals), problems


def check_themes(raw: object, path: str) -> tuple[tuple[Theme, ...], list[Problem]]:
    """The valid themes, in configured order, and every problem with the list."""
    fix = f"add a list of themes, each with {', '.join(THEME_KEYS)}"
    if raw is None or raw == []:
        return (), [Problem(path, 0, THEMES_FIELD, "is missing" if raw is None else "is empty", fix)]
    if not isinstance(raw, list):
        return (), [Problem(path, 0, THEMES_FIELD, f"must be a list, not {describe(raw)}", fix)]
    themes: list[Theme] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for index, item in enumerate(raw):
        theme, found = _check_theme(item, f"{THEMES_FIELD}[{index}]", seen, path)
        problems += found
        if theme is not None:
            themes.append(theme)
    return tuple(themes), problems


def _check_setting(name: str, value: object, path: str) -> list[Problem]:
    low, high, whole, meaning = SETTING_RANGES[name]
    kind = "a whole number" if whole else "a number"
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if not number:
        wrong = f"must be {kind}, not {describe(value)}"
    elif whole and not isinstance(value, int):
        wrong = f"{value} is not a whole number"
    elif not low <= value <= high:
        wrong = f"{value} is out of range"
    else:
        return []
    fix = f"use {kind} from {low:g} to {high:g} ({meaning})"
    return [Problem(path, 0, f"{SETTINGS_FIELD}.{name}", wrong, fix)]


def _check_phrases(raw: object, name: str, path: str) -> tuple[tuple[str, ...] | None, list[Problem]]:
    """One of the PHRASE_LISTS; None when it is left out (the default applies)."""
    where = f"{SETTINGS_FIELD}.{name}"
    if raw is None:
        return None, []
    if not isinstance(raw, list):
        return None, [
            Problem(path, 0, where, f"must be a list, not {describe(raw)}", f"list {PHRASE_LISTS[name]}")
        ]
    problems = [p for i, item in enumerate(raw) for p in _check_phrase(item, f"{where}[{i}]", path)]
    return tuple(item.strip() for item in raw if isinstance(item, str) and is_usable_phrase(item)), problems


def check_settings(raw: object, path: str) -> tuple[InferenceSettings, list[Problem]]:
    """The inference settings (defaults for anything left out) and their problems."""
    if raw is None:
        return InferenceSettings(), []
    if not isinstance(raw, dict):
        fix = f"give {', '.join((*SETTING_RANGES, *PHRASE_LISTS))}"
        return InferenceSettings(), [
            Problem(path, 0, SETTINGS_FIELD, f"must be a mapping, not {describe(raw)}", fix)
        ]
    problems = _unknown_keys(raw, (*SETTING_RANGES, *PHRASE_LISTS), SETTINGS_FIELD, path)
    values: dict[str, object] = {}
    for name in SETTING_RANGES:
        if name in raw:
            found = _check_setting(name, raw[name], path)
            problems += found
            if not found:
                values[name] = raw[name]
    for name in PHRASE_LISTS:
        phrases, found = _check_phrases(raw.get(name), name, path)
        problems += found
        if phrases is not None:
            values[name] = phrases
    return InferenceSettings(**values), problems


def check_overlap(themes: tuple[Theme, ...], settings: InferenceSettings, path: str) -> list[Problem]:
    """Ignored phrases and cues that are also signals: the entry would not do what it says."""
    owner = {phrase_words(s.phrase): t.id for t in themes for s in t.signals}
    fix = "remove it from one of the two lists"
    problems = []
    for name in ("ignore", "set_aside_after", "set_aside_before"):
        for phrase in getattr(settings, name):
            if (words := phrase_words(phrase)) in owner:
                message = f"'{phrase}' is also a signal of theme '{owner[words]}'"
                problems.append(Problem(path, 0, f"{SETTINGS_FIELD}.{name}", message, fix))
    where = f"{SETTINGS_FIELD}.passing_signals"
    for phrase in settings.passing_signals:
        if phrase_words(phrase) not in owner:
            message = f"'{phrase}' is not a signal of any theme"
            problems.append(Problem(path, 0, where, message, "list only phrases that are signals"))
    return problems
