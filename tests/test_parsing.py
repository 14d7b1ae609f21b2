"""Unit tests for the pure functions: front matter, slugs, field rules, relative links."""

from __future__ import annotations

import datetime as dt

import pytest
from ishub.fields import check_fields, closest
from ishub.frontmatter import read_source, split
from ishub.html import rel
from ishub.pages import url_of
from ishub.problems import Problem
from ishub.schema import CASE_STUDY, FIELDS, KINDS, POST
from ishub.sources import slugify

from tests.conftest import ROOT, real_config


@pytest.fixture(scope="module")
def hub():
    from ishub.config import load_hub_config

    config, problems = load_hub_config(ROOT, real_config())
    assert not problems
    return config


def test_split_keeps_key_lines_and_body_line():
    src, problems = split("x.md", "---\ntitle: A\n\nsummary: B\n---\n\nBody\n")
    assert problems == []
    assert src.meta == {"title": "A", "summary": "B"}
    assert src.line_of("title") == 2 and src.line_of("summary") == 4
    assert src.body_line == 6 and src.body.strip() == "Body"


def test_dates_stay_text_so_impossible_ones_become_messages():
    src, _ = split("x.md", "---\ndate: 2026-02-30\n---\nBody\n")
    assert src.meta["date"] == "2026-02-30"


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        (b"\xef\xbb\xbf---\ntitle: BOM\n---\nBody\n", "BOM"),
        (b"---\r\ntitle: CRLF\r\n---\r\nBody\r\n", "CRLF"),
        (b"---\rtitle: Old Mac\r---\rBody\r", "Old Mac"),
    ],
)
def test_byte_order_marks_and_line_endings_are_accepted(raw, title):
    src, problems = read_source("x.md", raw)
    assert problems == [] and src.meta["title"] == title


def test_duplicate_keys_are_reported_with_both_lines():
    _src, problems = split("x.md", "---\ntitle: A\ntitle: B\n---\nBody\n")
    assert [str(p) for p in problems] == [
        "x.md:3: title: appears twice (also on line 2); keep one of the two lines"
    ]


def test_front_matter_that_is_not_a_mapping():
    _src, problems = split("x.md", "---\n- a\n- b\n---\nBody\n")
    assert (
        str(problems[0])
        == "x.md:2: front matter: is not a list of 'field: value' lines; write one 'field: value' per line"
    )


def test_missing_front_matter():
    _src, problems = split("x.md", "# Just a heading\n")
    assert str(problems[0]) == (
        "x.md:1: front matter: missing: the file must start with a '---' line; "
        "add '---', the fields, and a closing '---' at the top"
    )


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Our first year", "our-first-year"),
        ("Café culture: 10 lessons!", "cafe-culture-10-lessons"),
        ("  --Trust--  ", "trust"),
        ("DPIAs & you", "dpias-you"),
    ],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


@pytest.mark.parametrize(
    ("word", "choices", "guess"),
    [
        ("goverance", ("culture", "governance"), "governance"),
        ("north west", ("north-west", "wales"), "north-west"),
        ("policing", ("policing-and-community-safety", "mental-health"), "policing-and-community-safety"),
        ("zzz", ("culture",), None),
    ],
)
def test_closest(word, choices, guess):
    assert closest(word, choices) == guess


def _check(kind, meta, hub, key_lines=None):
    from ishub.frontmatter import Source

    lines = key_lines or {k: n + 2 for n, k in enumerate(meta)}
    return check_fields(kind, Source("f.md", meta, lines, "Body", 9), hub)


def test_valid_case_study_fields_are_normalised(hub):
    meta = {
        "title": "  A   title ",
        "date": "2024-05-01",
        "summary": "S.",
        "organisations": ["A"],
        "place": "P",
        "region": "wales",
        "policy_areas": ["mental-health"],
        "featured": True,
    }
    values, problems = _check(CASE_STUDY, meta, hub)
    assert problems == []
    assert values["title"] == "A title" and values["date"] == dt.date(2024, 5, 1)
    assert values["policy_areas"] == ("mental-health",) and values["featured"] is True


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        (
            {"title": "x" * 121},
            "f.md:2: title: is 121 characters, over the limit of 120; shorten it to 120 characters or fewer",
        ),
        ({"title": ""}, "f.md:2: title: is empty; write it, e.g. title: Our first year"),
        (
            {"themes": ["culture", "culture"]},
            "f.md:2: themes: lists the same value twice; remove the repeated entry",
        ),
        (
            {"authors": []},
            "f.md:2: authors: is an empty list; give at least one, e.g. authors: [holly-marie-draper]",
        ),
        (
            {"date": True},
            "f.md:2: date: expected a date, got true/false; write the date alone as YYYY-MM-DD, e.g. date: 2026-11-24",
        ),
        (
            {"updated": "2026-13-01"},
            "f.md:2: updated: '2026-13-01' has month 13; months run from 01 to 12; write the date as YYYY-MM-DD",
        ),
    ],
)
def test_field_rules(hub, meta, expected):
    base = {"title": "T", "date": "2024-01-01", "authors": ["holly-marie-draper"], "summary": "S."}
    _values, problems = _check(POST, {**base, **meta}, hub, {k: 2 for k in {**base, **meta}})
    assert expected in [str(p) for p in problems]


def test_every_field_kind_has_a_normaliser_and_an_example():
    from ishub.fields import NORMALISERS

    for kind in KINDS:
        for field in FIELDS[kind]:
            assert field.kind in NORMALISERS and field.example and field.description


@pytest.mark.parametrize(
    ("src", "dst", "link"),
    [
        ("", "blog/x/", "blog/x/"),
        ("blog/", "blog/x/", "x/"),
        ("blog/page/2/", "blog/x/", "../../x/"),
        ("themes/culture/", "themes/culture/", "./"),
        ("blog/x/", "themes/governance/", "../../themes/governance/"),
    ],
)
def test_relative_links(src, dst, link):
    assert rel(src, dst) == link


@pytest.mark.parametrize(
    ("src_uri", "url"), [("index.md", ""), ("blog/index.md", "blog/"), ("blog/page/2.md", "blog/page/2/")]
)
def test_listing_urls(src_uri, url):
    assert url_of(src_uri) == url


def test_problem_text_is_path_line_field_message_fix():
    assert str(Problem("a.md", 3, "date", "is wrong", "fix it")) == "a.md:3: date: is wrong; fix it"


@pytest.mark.parametrize(
    ("current", "total", "shown"),
    [
        (1, 1, (1,)),
        (1, 4, (1, 2, 3, 4)),
        (3, 10, (1, 2, 3, 4, 5, 10)),
        (50, 100, (1, 48, 49, 50, 51, 52, 100)),
    ],
)
def test_pagers_show_a_window_not_every_page(current, total, shown):
    from ishub.html import page_window

    assert page_window(current, total) == shown
