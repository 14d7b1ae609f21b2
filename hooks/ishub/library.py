"""The case-study library: the index with its filters, and one page per facet value.

Without JavaScript every facet value is a static page listing exactly its
case studies; with JavaScript (overrides/assets/library.js) the checkboxes on
the index narrow the list in place. Both read the same data attributes, which
the cards carry (`card.html`, listed by `cases.html`); the filters are drawn by `facets.html`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import html as h
from . import registry
from .fragments import Drawing
from .listing import Listing, rel, url_of
from .registry import CASE_STUDY, content_type, library_facets

if TYPE_CHECKING:
    from .catalogue import Item
    from .config import HubConfig


@dataclass(frozen=True)
class Facet:
    key: str  # URL segment and data attribute, e.g. policy-area
    label: str
    values: tuple[tuple[str, str], ...]  # (id, label), in display order
    about: str  # how a page of one value is named, with {label}: "in {label}"


@dataclass(frozen=True)
class FacetValue:
    id: str
    label: str
    count: int  # case studies with this value
    href: str  # the value's own page
    lead: str  # the words its link says before the value, naming the page: "Case studies in "


@dataclass(frozen=True)
class FacetGroup:
    """One facet of the filters: a checkbox per value, and a link to its page."""

    key: str
    label: str
    values: tuple[FacetValue, ...]


@dataclass(frozen=True)
class Card:
    """A case study in a list, with the facet values the filter script reads."""

    entry: h.Entry
    facets: tuple[tuple[str, str], ...]  # (facet key, its values joined by spaces)


def facets(cases: list[Item], hub: HubConfig) -> tuple[Facet, ...]:
    """Each facet of the library (registry.library_facets) with the values that at least
    one case study has, in the order of its vocabulary (years newest first)."""
    out = []
    for spec in library_facets():
        used = Counter(v for c in cases for v in spec.values(c))
        if spec.vocabulary:
            values = tuple((t.id, t.label) for t in hub.terms(spec.vocabulary) if used[t.id])
        else:
            values = tuple((v, v) for v in sorted(used, reverse=True))
        out.append(Facet(spec.key, spec.label, values, spec.about))
    return tuple(out)


def values_of(item: Item, key: str) -> tuple[str, ...]:
    """The facet values one case study has."""
    return registry.facet(key).values(item)


def feeds_of(key: str, value: str) -> tuple[str, ...]:
    """The feed a facet value's page announces, when its facet has feeds."""
    spec = registry.facet(key)
    return (spec.feed_id(value),) if spec.feed_folder else ()


def link_lead(facet_view: Facet) -> str:
    """What a link to a value's page says before the value: 'Case studies in ' (Wales)."""
    return "Case studies " + facet_view.about.split("{", 1)[0]


def page_title(facet_view: Facet, label: str) -> str:
    """The title of one value's page, which is also what links to it say: 'Case studies in Wales'."""
    return "Case studies " + facet_view.about.format(label=label, lower=label.lower())


def facet_groups(cases: list[Item], all_facets: tuple[Facet, ...], me: str) -> tuple[FacetGroup, ...]:
    """The filters of the index at `me`, each value counted."""
    out = []
    for facet in all_facets:
        counts = Counter(v for c in cases for v in values_of(c, facet.key))
        values = tuple(
            FacetValue(value, label, counts[value], rel(me, f"{me}{facet.key}/{value}/"), link_lead(facet))
            for value, label in facet.values
        )
        out.append(FacetGroup(facet.key, facet.label, values))
    return tuple(out)


def cards(cases: list[Item], hub: HubConfig, me: str) -> tuple[Card, ...]:
    known = h.theme_badges(hub, me)
    return tuple(
        Card(
            h.entry(c, hub, me, known=known),
            tuple((f.key, " ".join(f.values(c))) for f in library_facets()),
        )
        for c in cases
    )


def card_html(draw: Drawing, card: Card) -> str:
    """One card (`card.html`); a case study looks the same on each of its facet pages."""
    return draw.once(
        ("card", card), lambda: draw("card.html", card=card, entry=h.entry_html(draw, card.entry))
    )


def cards_html(draw: Drawing, views: tuple[Card, ...]) -> str:
    return draw("cases.html", cards=[card_html(draw, card) for card in views])


def library_listings(items: tuple[Item, ...], hub: HubConfig, draw: Drawing) -> list[Listing]:
    base = hub.collection(CASE_STUDY).url
    cases = [i for i in items if i.kind == CASE_STUDY]
    all_facets = facets(cases, hub)
    me = base + "/"
    index = draw(
        "library.html",
        total=len(cases),
        filters=draw("facets.html", groups=facet_groups(cases, all_facets, me)),
        cards=cards_html(draw, cards(cases, hub, me)),
    )
    out = [
        Listing(
            f"{base}/index.md",
            content_type(CASE_STUDY).section,
            content_type(CASE_STUDY).listing_description,
            index,
            ("all", CASE_STUDY),
        )
    ]
    for facet in all_facets:
        for value, label in facet.values:
            src = f"{base}/{facet.key}/{value}.md"
            chosen = [c for c in cases if value in values_of(c, facet.key)]
            here = url_of(src)
            body = draw(
                "facet-page.html",
                total=len(chosen),
                cards=cards_html(draw, cards(chosen, hub, here)),
                all_href=rel(here, me),
            )
            out.append(
                Listing(
                    src,
                    page_title(facet, label),
                    f"{page_title(facet, label)}, newest first.",
                    body,
                    ("all", CASE_STUDY, *feeds_of(facet.key, value)),
                )
            )
    return out
