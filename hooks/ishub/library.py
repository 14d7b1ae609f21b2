"""The case-study library: the index with its filters, and one page per facet value.

Without JavaScript every facet value is a static page listing exactly its
case studies; with JavaScript (overrides/assets/library.js) the checkboxes on
the index narrow the list in place. Both read the same data attributes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape

from . import html as h
from .catalogue import Item
from .config import HubConfig
from .pages import Listing, url_of
from .schema import CASE_STUDY


@dataclass(frozen=True)
class Facet:
    key: str  # URL segment and data attribute, e.g. policy-area
    label: str
    values: tuple[tuple[str, str], ...]  # (id, label), in display order


def facets(cases: list[Item], hub: HubConfig) -> tuple[Facet, ...]:
    """Each facet with the values that at least one case study has."""

    def used(ids: Counter, terms) -> tuple[tuple[str, str], ...]:
        return tuple((t.id, t.label) for t in terms if ids[t.id])

    themes = Counter(t for c in cases for t in c.theme_ids)
    regions = Counter(c.case.region for c in cases)
    areas = Counter(a for c in cases for a in c.case.policy_areas)
    years = sorted({c.date.year for c in cases if c.date}, reverse=True)
    return (
        Facet("theme", "Theme", tuple((t.id, t.label) for t in hub.taxonomy.themes if themes[t.id])),
        Facet("region", "Region", used(regions, hub.regions)),
        Facet("policy-area", "Policy area", used(areas, hub.policy_areas)),
        Facet("year", "Year", tuple((str(y), str(y)) for y in years)),
    )


def values_of(item: Item, key: str) -> tuple[str, ...]:
    """The facet values one case study has."""
    case = item.case
    if key == "theme":
        return item.theme_ids
    if key == "region":
        return (case.region,)
    if key == "policy-area":
        return case.policy_areas
    return (str(item.date.year),) if item.date else ()


def library_listings(items: tuple[Item, ...], hub: HubConfig) -> list[Listing]:
    base = hub.collection(CASE_STUDY).url
    cases = [i for i in items if i.kind == CASE_STUDY]
    all_facets = facets(cases, hub)
    me = base + "/"
    out = [
        Listing(
            f"{base}/index.md",
            "Case studies",
            "Case studies of information sharing in practice, newest first.",
            _index(cases, all_facets, hub, me),
            ("all", CASE_STUDY),
        )
    ]
    for facet in all_facets:
        for value, label in facet.values:
            src = f"{base}/{facet.key}/{value}.md"
            chosen = [c for c in cases if value in values_of(c, facet.key)]
            here = url_of(src)
            back = f'<p><a href="{h.rel(here, me)}">All case studies</a></p>'
            noun = "study" if len(chosen) == 1 else "studies"
            lead = f'<p class="hub-lead">{len(chosen)} case {noun}, newest first.</p>'
            out.append(
                Listing(
                    src,
                    f"Case studies: {label}",
                    f"Case studies for {facet.label.lower()} {label}.",
                    lead + _cards(chosen, hub, here) + back,
                    ("all", CASE_STUDY),
                )
            )
    return out


def _index(cases: list[Item], all_facets, hub: HubConfig, me: str) -> str:
    note = (
        '<p class="hub-note">The case studies on this hub are illustrative: they describe the kind '
        "of work partners do, with organisations and figures changed or combined.</p>"
    )
    return (
        note
        + _filters(cases, all_facets, me)
        + f'<p class="hub-results" id="hub-results" aria-live="polite" role="status">'
        f"Showing all {len(cases)} case {'study' if len(cases) == 1 else 'studies'}.</p>"
        + _cards(cases, hub, me)
    )


def _filters(cases: list[Item], all_facets, me: str) -> str:
    groups = "".join(_facet_group(cases, facet, me) for facet in all_facets)
    return (
        f'<form class="hub-filters" id="hub-filters" aria-label="Filter case studies">{groups}'
        '<button type="button" class="md-button" id="hub-clear" hidden>Clear all filters</button></form>'
    )


def _facet_group(cases: list[Item], facet: Facet, me: str) -> str:
    """One fieldset: per value a checkbox and label (hidden until the script shows them)
    and a link to the value's static page (what readers without JavaScript use)."""
    counts = Counter(v for c in cases for v in values_of(c, facet.key))
    rows = []
    for value, label in facet.values:
        box_id = escape(f"f-{facet.key}-{value}")
        href = h.rel(me, f"{me}{facet.key}/{value}/")
        rows.append(
            f'<li><input type="checkbox" id="{box_id}" name="{facet.key}" value="{escape(value)}" hidden>'
            f'<label for="{box_id}" hidden>{escape(label)} ({counts[value]})</label>'
            f'<a class="hub-facet-link" href="{escape(href)}">'
            f'{escape(label)} <span class="hub-count">({counts[value]})</span></a></li>'
        )
    legend = f"<legend>{escape(facet.label)}</legend>"
    return f'<fieldset class="hub-facet">{legend}<ul>{"".join(rows)}</ul></fieldset>'


def _cards(cases: list[Item], hub: HubConfig, me: str) -> str:
    if not cases:
        return '<p class="hub-empty">No case studies yet.</p>'
    cards = []
    for c in cases:
        data = " ".join(
            f'data-{k}="{escape(" ".join(values_of(c, k)))}"'
            for k in ("theme", "region", "policy-area", "year")
        )
        cards.append(f'<li class="hub-case" {data}>{h.entry(c, hub, me)}</li>')
    return f'<ul class="hub-cases" id="hub-cases">{"".join(cards)}</ul>'
