"""The case-study library and item pages, read from the fixture site's built HTML.

Expected values come from the fixture front matter and the real mkdocs.yml
vocabularies, parsed here, so the tests follow the fixture instead of
repeating it.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from markupsafe import escape

from tests.conftest import FIXTURES, TODAY, make_site, read, real_config, run

CASES_DIR = FIXTURES / "site" / "case_studies"
POSTS_DIR = FIXTURES / "site" / "blog"
FACETS = ("theme", "region", "policy-area", "year")
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
CARD = re.compile(r'<li class="hub-case" ([^>]*)>(.*?)</article></li>', re.S)
ENTRY_LINK = re.compile(r'<h2 class="hub-entry__title"><a href="([^"]+)">')


def shown(text: str) -> str:
    """Text as the hub's fragments write it (autoescaped; the page title is MkDocs', html.escape)."""
    return str(escape(text))


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1])


def case_studies() -> list[dict]:
    """The fixture case studies, newest first, each with its slug and facet values."""
    cases = []
    for path in sorted(CASES_DIR.glob("*.md")):
        meta = front_matter(path)
        meta["slug"] = path.stem
        meta["facets"] = {
            "theme": meta["themes"],
            "region": [meta["region"]],
            "policy-area": meta["policy_areas"],
            "year": [str(meta["date"].year)],
        }
        cases.append(meta)
    return sorted(cases, key=lambda c: c["date"], reverse=True)


def published_posts() -> list[dict]:
    posts = []
    for path in sorted(POSTS_DIR.glob("*.md")):
        meta = front_matter(path)
        if meta.get("draft") or meta["date"] > dt.date.fromisoformat(TODAY):
            continue
        meta["slug"] = path.stem[len("YYYY-MM-DD-") :]
        posts.append(meta)
    return posts


def labels(vocabulary: str) -> dict[str, str]:
    return {t["id"]: t["label"] for t in real_config()["extra"][vocabulary]}


def labels_for(facet: str) -> dict[str, str]:
    vocabulary = {"theme": "themes", "region": "regions", "policy-area": "policy_areas"}.get(facet)
    return labels(vocabulary) if vocabulary else {}


def listed_slugs(page_html: str, page_url: str) -> list[str]:
    """The case studies a listing links to, in order, as slugs."""
    urls = [urljoin(page_url, href) for href in ENTRY_LINK.findall(page_html)]
    return [u.removeprefix("/case-studies/").strip("/") for u in urls]


def article(page_html: str) -> str:
    return page_html[page_html.index('<article class="md-content__inner') : page_html.index("</article>\n")]


def json_ld(page_html: str) -> tuple[str, dict]:
    found = JSON_LD.findall(page_html)
    assert len(found) == 1, f"expected one JSON-LD script, found {len(found)}"
    return found[0], json.loads(found[0])


# Facet pages


def test_facet_pages_exist_for_exactly_the_used_values(built):
    cases = case_studies()
    for facet in FACETS:
        used = {v for c in cases for v in c["facets"][facet]}
        pages = {p.name for p in (built / "case-studies" / facet).iterdir() if (p / "index.html").is_file()}
        assert pages == used, facet


@pytest.mark.parametrize("facet", FACETS)
def test_facet_page_lists_exactly_its_case_studies_newest_first(built, facet):
    cases = case_studies()
    names = labels_for(facet)
    for value in sorted({v for c in cases for v in c["facets"][facet]}):
        url = f"/case-studies/{facet}/{value}/"
        page = read(built, url.strip("/") + "/index.html")
        expected = [c["slug"] for c in cases if value in c["facets"][facet]]
        assert listed_slugs(article(page), url) == expected, url
        noun = "study" if len(expected) == 1 else "studies"
        assert f'<p class="hub-lead">{len(expected)} case {noun}, newest first.</p>' in page
        label = names.get(value, value)
        about = {"theme": f"on {label.lower()}", "region": f"in {label}", "year": f"from {label}"}
        title = "Case studies " + about.get(facet, f"on {label.lower()}")
        assert f"<h1>{html.escape(title)}</h1>" in page
        assert '<a href="../../">All case studies</a>' in page


# The index


def test_index_lists_every_case_study_newest_first_with_its_details(built):
    cases = case_studies()
    page = read(built, "case-studies/index.html")
    assert listed_slugs(article(page), "/case-studies/") == [c["slug"] for c in cases]
    cards = CARD.findall(page)
    assert len(cards) == len(cases)
    regions, themes = labels("regions"), labels("themes")
    for case, (attrs, card) in zip(cases, cards, strict=True):
        assert f">{shown(case['title'])}</a></h2>" in card
        assert f'<time datetime="{case["date"].isoformat()}">' in card
        place = f"{shown(case['place'])}, {regions[case['region']]}"
        assert f"{case['date'].year}</time> · {place}</p>" in card
        assert f'<p class="hub-entry__summary">{shown(case["summary"])}</p>' in card
        badges = re.findall(r'class="hub-badge" data-theme="[^"]+" href="[^"]+">([^<]+)</a>', card)
        assert badges == [themes[t] for t in case["themes"]]
        for facet in FACETS:
            assert f'data-{facet}="{" ".join(case["facets"][facet])}"' in attrs


def test_index_works_without_javascript(built):
    """Checkboxes and the clear button start hidden; every value links to its facet page."""
    page = read(built, "case-studies/index.html")
    cases = case_studies()
    for facet in FACETS:
        names = labels_for(facet)
        for value in sorted({v for c in cases for v in c["facets"][facet]}):
            count = sum(value in c["facets"][facet] for c in cases)
            box = f"f-{facet}-{value}"
            assert f'<input type="checkbox" id="{box}" name="{facet}" value="{value}" hidden>' in page
            name = shown(names.get(value, value))
            assert f'<label for="{box}" hidden>{name} ({count})</label>' in page
            lead = {"region": "in", "year": "from"}.get(facet, "on")
            assert (
                f'<a class="hub-facet-link" href="{facet}/{value}/"><span class="hub-visually-hidden">'
                f'Case studies {lead} </span>{name} <span class="hub-count">({count})</span></a>'
            ) in page
            assert (built / "case-studies" / facet / value / "index.html").is_file()
    assert '<button type="button" class="md-button" id="hub-clear" hidden>Clear all filters</button>' in page
    assert (
        f'<p class="hub-results" id="hub-results" aria-live="polite" role="status">'
        f"Showing all {len(cases)} case studies.</p>"
    ) in page


def test_filter_script_is_loaded_on_the_index_only(built):
    tag = '<script src="../assets/library.js" defer></script>'
    assert tag in read(built, "case-studies/index.html")
    assert (built / "assets" / "library.js").is_file()
    for other in ("case-studies/region/wales/index.html", "blog/index.html", "index.html"):
        assert "library.js" not in read(built, other), other


# Case-study pages


@pytest.mark.parametrize("case", case_studies(), ids=lambda c: c["slug"])
def test_case_study_page_has_the_summary_panel_before_the_body(built, case):
    page = article(read(built, f"case-studies/{case['slug']}/index.html"))
    start = page.index('<section class="hub-panel" aria-labelledby="hub-panel-title">')
    end = page.index("</section>", start)
    assert end < page.index('<h2 id="the-challenge">'), "the panel comes before the body"
    panel = page[start:end]
    regions, areas, themes = labels("regions"), labels("policy_areas"), labels("themes")
    year = case["date"].year
    assert f"<dt>Organisations</dt><dd>{shown(', '.join(case['organisations']))}</dd>" in panel
    assert (
        f"<dt>Place</dt><dd>{shown(case['place'])}, "
        f'<a href="../region/{case["region"]}/">{regions[case["region"]]}</a></dd>'
    ) in panel
    area_links = ", ".join(f'<a href="../policy-area/{a}/">{areas[a]}</a>' for a in case["policy_areas"])
    assert f"<dt>Policy areas</dt><dd>{area_links}</dd>" in panel
    if case.get("partners"):
        assert f"<dt>Partners</dt><dd>{shown(', '.join(case['partners']))}</dd>" in panel
    else:
        assert "<dt>Partners</dt>" not in panel
    # The date and themes are shown once, above the panel (tests/test_wayfinding.py).
    assert "<dt>Year</dt>" not in panel and "hub-badge" not in panel
    header = page[page.index('<div class="hub-item-meta">') : start]
    badges = re.findall(r'class="hub-badge" data-theme="[^"]+" href="[^"]+">([^<]+)</a>', header)
    assert badges == [themes[t] for t in case["themes"]]
    assert f'<time datetime="{case["date"].isoformat()}">' in header and str(year) in header
    if case.get("outcomes"):
        items = "".join(f"<li>{shown(o)}</li>" for o in case["outcomes"])
        assert f'<h2 class="hub-panel__outcomes">Outcomes</h2><ul>{items}</ul>' in panel
    else:
        assert "Outcomes" not in panel


# `ishub check` on case studies

BAD_CASE = """---
title: A case study with a mistake
date: 2021-01-01
summary: Something went wrong in the front matter.
organisations: [Example Council]
place: Exampleham
region: {region}
policy_areas: [{area}]
themes: [governance]
---

## The challenge

One.

## What was done

Two.

## What changed

Three.

## Lessons

Four.

## Contact

Five.
"""


def check(site: Path):
    return run([sys.executable, "-m", "ishub", "check"], cwd=site)


@pytest.mark.parametrize(
    ("region", "area", "expected"),
    [
        (
            "walse",
            "mental-health",
            "case_studies/bad-case.md:7: region: 'walse' is not a region; did you mean 'wales'? "
            "(regions: {regions}; new ones go in mkdocs.yml)",
        ),
        (
            "wales",
            "mental-heath",
            "case_studies/bad-case.md:8: policy_areas: 'mental-heath' is not a policy area; did you mean "
            "'mental-health'? (policy areas: {areas}; new ones go in mkdocs.yml)",
        ),
    ],
    ids=["region", "policy-area"],
)
def test_unknown_vocabulary_is_an_error_naming_the_allowed_values(tmp_path, region, area, expected):
    site = make_site(tmp_path / "repo")
    (site / "case_studies" / "bad-case.md").write_text(
        BAD_CASE.format(region=region, area=area), encoding="utf-8"
    )
    result = check(site)
    line = expected.format(regions=", ".join(labels("regions")), areas=", ".join(labels("policy_areas")))
    assert result.code == 1, result.text
    assert line in result.out.splitlines(), result.text
    assert [ln for ln in result.out.splitlines() if "bad-case.md" in ln] == [line]
    assert "Traceback" not in result.text


def test_missing_recommended_heading_is_a_warning_not_an_error(tmp_path, built):
    result = check(make_site(tmp_path / "repo"))
    assert result.code == 0, result.text
    assert (
        "warning: case_studies/welsh-mental-health-crisis.md:13: body: the recommended sections "
        "'What changed', 'Lessons' are missing; add them as '## ' headings, in the order of the template"
    ) in result.out.splitlines()
    assert "0 error(s)" in result.err
    assert "Traceback" not in result.text
    # The strict build of the same fixture succeeded and published the page.
    assert (built / "case-studies" / "welsh-mental-health-crisis" / "index.html").is_file()


# JSON-LD


@pytest.mark.parametrize("case", case_studies(), ids=lambda c: c["slug"])
def test_case_study_json_ld_is_an_article(built, case):
    _, data = json_ld(read(built, f"case-studies/{case['slug']}/index.html"))
    regions, areas = labels("regions"), labels("policy_areas")
    config = real_config()
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Article"
    assert data["headline"] == case["title"]
    assert data["description"] == case["summary"]
    assert data["datePublished"] == case["date"].isoformat()
    assert data["url"] == f"{config['site_url']}case-studies/{case['slug']}/"
    assert data["about"] == [{"@type": "Thing", "name": areas[a]} for a in case["policy_areas"]]
    place = f"{case['place']}, {regions[case['region']]}"
    assert data["spatialCoverage"] == {"@type": "Place", "name": place}
    assert data["author"] == [{"@type": "Organization", "name": o} for o in case["organisations"]]
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == config["site_author"]
    assert data["publisher"]["url"] == config["site_url"]


@pytest.mark.parametrize("post", published_posts(), ids=lambda p: p["slug"])
def test_blog_post_json_ld_is_a_blog_posting(built, post):
    text, data = json_ld(read(built, f"blog/{post['slug']}/index.html"))
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == post["title"]
    assert data["datePublished"] == post["date"].isoformat()
    assert data["author"] and all(a["@type"] == "Person" for a in data["author"])
    assert "<" not in text


def test_json_ld_cannot_break_out_of_its_script_element(built):
    post = front_matter(POSTS_DIR / "2025-09-01-escaping-post.md")
    assert "<b>" in post["title"] and "<script>" in post["summary"], "the fixture must stay hostile"
    page = read(built, "blog/escaping-post/index.html")
    text, data = json_ld(page)
    assert "<" not in text and ">" not in text and "&" not in text
    assert "</script" not in text.lower()
    assert data["headline"] == post["title"]
    assert data["description"] == post["summary"]


def test_section_pages_carry_no_json_ld_and_guidance_only_its_page(built):
    # Pages below a section carry their trail as a CollectionPage (test_wayfinding.py).
    for rel in ("case-studies/index.html", "blog/index.html", "themes/index.html"):
        assert not JSON_LD.findall(read(built, rel)), rel
    _, region = json_ld(read(built, "case-studies/region/wales/index.html"))
    assert region["@type"] == "CollectionPage" and region["breadcrumb"]["@type"] == "BreadcrumbList"
    _, data = json_ld(read(built, "guidance/sharing-lawfully/index.html"))
    assert data["@type"] == "WebPage" and data["breadcrumb"]["@type"] == "BreadcrumbList"
