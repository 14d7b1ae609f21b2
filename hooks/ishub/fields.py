"""Check front matter against the schema: one normaliser per field kind.

Each normaliser returns ``(value, problem_text)``; `check_fields` turns the
text into a `Problem` that names file, line and field and says how to fix it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

from .config import HubConfig
from .frontmatter import CONTROL, Source, plain_text
from .problems import Problem
from .registry import vocabulary_noun
from .schema import BOOL, CHANGES, DATE, FIELDS, LABELS, LIST, TEXT, Field
from .theme_config import describe

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FIRST_YEAR, LAST_YEAR = 1990, 2100  # dates outside these are typing mistakes
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}")


def closest(word: str, choices: tuple[str, ...] | list[str]) -> str | None:
    """The choice a contributor most likely meant, if any is close."""
    word = str(word).lower().strip()
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if found:
        return found[0]
    hyphenated = "-".join(word.split())
    starts = [c for c in choices if c.startswith(hyphenated) or hyphenated in c.split("-")]
    return starts[0] if len(starts) == 1 else None


def _text(field: Field, value: object) -> tuple[object, str]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return (
            None,
            f"expected text, got {describe(value)}|write it on one line, e.g. {field.name}: {field.example}",
        )
    value, problem = plain_text(value, field.max_length)
    if problem:
        return None, "|".join(problem)
    if not value:
        return None, f"is empty|write it, e.g. {field.name}: {field.example}"
    return value, ""


def _date(field: Field, value: object) -> tuple[object, str]:
    text = str(value).strip() if value is not None else ""
    fix = f"write the date alone as YYYY-MM-DD, e.g. {field.name}: {field.example}"
    if isinstance(value, (list, dict, bool)) or not text:
        return None, f"expected a date, got {describe(value)}|{fix}"
    if _DATETIME.match(text):
        return None, f"'{text}' has a time; the hub publishes by day|{fix}"
    if not _DATE.match(text):
        return None, f"'{text}' is not a date in the form YYYY-MM-DD|{fix}"
    year, month, day = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        return None, f"'{text}' has month {month:02d}; months run from 01 to 12|write the date as YYYY-MM-DD"
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None, f"'{text}' is not a real date ({month:02d} has no day {day:02d})|check the day"
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None, (
            f"'{text}' is outside the years {FIRST_YEAR} to {LAST_YEAR}|check the year; "
            "the hub publishes by the real date"
        )
    return value, ""


def _list(field: Field, value: object) -> tuple[object, str]:
    if isinstance(value, str):
        return None, (
            f"expected a list, got text|write it as a list in square brackets, "
            f"e.g. {field.name}: [{value.strip()}]"
        )
    if not isinstance(value, list):
        return (
            None,
            f"expected a list, got {describe(value)}|write it as a list, e.g. {field.name}: {field.example}",
        )
    items = []
    for entry in value:
        if isinstance(entry, (list, dict)) or entry is None or not str(entry).strip():
            return (
                None,
                "has an entry that is not text"
                f"|write each entry as plain text, e.g. {field.name}: {field.example}",
            )
        if CONTROL.search(str(entry)):
            return None, "has an entry with an invisible control character|delete it; retype the text"
        items.append(" ".join(str(entry).split()))
    if field.required and not items:
        return None, f"is an empty list|give at least one, e.g. {field.name}: {field.example}"
    return tuple(items), ""


def _bool(field: Field, value: object) -> tuple[object, str]:
    if not isinstance(value, bool):
        return (
            None,
            f"expected true or false, got {describe(value)}|write {field.name}: true or {field.name}: false",
        )
    return value, ""


NOTE_LENGTH = 160  # a change note is one line of a page's history and the title of a feed entry


def _changes(field: Field, value: object) -> tuple[object, str]:
    """A guidance page's history: (day, note) pairs, newest first, one per day."""
    shape = (
        "write one entry per change as - {date: YYYY-MM-DD, note: What changed}, e.g. "
        f"{field.name}: {field.example}"
    )
    if not isinstance(value, list) or not value:
        return None, f"expected a list of changes, got {describe(value)}|{shape}"
    out = []
    for n, entry in enumerate(value, 1):
        if not isinstance(entry, dict) or set(entry) != {"date", "note"}:
            return None, f"entry {n} is not a date and a note|{shape}"
        day, text = _date(Field("date", DATE, True, "", "2026-12-01"), entry["date"])
        if text:
            message, fix = text.split("|", 1)
            return None, f"entry {n}: date {message}|{fix}"
        note, text = _text(
            Field("note", TEXT, True, "", "Added the section on emergencies", max_length=NOTE_LENGTH),
            entry["note"],
        )
        if text:
            message, fix = text.split("|", 1)
            return None, f"entry {n}: note {message}|{fix}"
        out.append((day, note))
    days = [day for day, _note in out]
    if len(set(days)) != len(days):
        twice = next(d for d in days if days.count(d) > 1)
        return (
            None,
            f"lists {twice.isoformat()} twice|give one entry per day, with one note for that day's changes",
        )
    return tuple(sorted(out, reverse=True)), ""


NORMALISERS = {TEXT: _text, DATE: _date, LIST: _list, BOOL: _bool, CHANGES: _changes}


def check_fields(kind: str, src: Source, hub: HubConfig) -> tuple[dict, list[Problem]]:
    """Normalised field values of one file, and everything wrong with them."""
    specs = {f.name: f for f in FIELDS[kind]}
    values: dict = {}
    problems: list[Problem] = []

    def report(name: str, message: str, fix: str) -> None:
        problems.append(Problem(src.path, src.line_of(name), name, message, fix))

    for key in src.meta:
        if key not in specs:
            guess = closest(str(key), list(specs))
            hint = f"did you mean '{guess}'? " if guess else "remove it or use a known field "
            report(str(key), f"is not a field of a {LABELS[kind]}", f"{hint}(fields: {', '.join(specs)})")
    for name, spec in specs.items():
        if name not in src.meta or src.meta[name] is None:
            if spec.required:
                report(name, "is missing", f"add '{name}: {spec.example}' to the front matter")
            continue
        value, text = NORMALISERS[spec.kind](spec, src.meta[name])
        if text:
            message, fix = text.split("|", 1)
            report(name, message, fix)
            continue
        if spec.vocabulary:
            value = _check_vocabulary(spec, value, hub, report)
        if spec.choices:
            bad = [v for v in (value if isinstance(value, tuple) else (value,)) if v not in spec.choices]
            if bad:
                report(name, f"'{bad[0]}' is not allowed here", f"use one of: {', '.join(spec.choices)}")
                continue
        values[name] = value
    return values, problems


def _check_vocabulary(spec: Field, value, hub: HubConfig, report) -> object:
    allowed = hub.vocabulary(spec.vocabulary)
    entries = value if isinstance(value, tuple) else (value,)
    for entry in entries:
        if entry in allowed:
            continue
        guess = closest(entry, allowed)
        hint = f"did you mean '{guess}'? " if guess else "choose from the list "
        where = hub.authors_file if spec.vocabulary == "authors" else "mkdocs.yml"
        noun = vocabulary_noun(spec.vocabulary)
        if spec.vocabulary == "authors":
            noun += f" in {hub.authors_file}"
        report(
            spec.name,
            f"'{entry}' is not {noun}",
            f"{hint}({spec.vocabulary.replace('_', ' ')}: {', '.join(allowed)}; new ones go in {where})",
        )
    if len(set(entries)) != len(entries):
        report(spec.name, "lists the same value twice", "remove the repeated entry")
    return value
