"""What an item's own page shows around its body: the draft or scheduled notice,
byline, badges, the case-study panel, related items, and schema.org data for
search engines.

The views are drawn by `item-header.html`, `case-panel.html` and `related.html`;
the JSON-LD is data, written here.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import html as h
from .fragments import Drawing
from .listing import rel
from .schema import CASE_STUDY, POST

if TYPE_CHECKING:
    from .catalogue import Item
    from .config import HubConfig

DRAFT, SCHEDULED = "draft", "scheduled"


@dataclass(frozen=True)
class Link:
    label: str
    href: str


@dataclass(frozen=True)
class CasePanel:
    """The "at a glance" panel of a case study."""

    organisations: tuple[str, ...]
    place: str
    region: Link
    policy_areas: tuple[Link, ...]
    partners: tuple[str, ...]
    year: Link | None
    badges: tuple[h.Badge, ...]
    outcomes: tuple[str, ...]


@dataclass(frozen=True)
class ItemHeader:
    """Between an item's title and its body."""

    notice: str  # DRAFT or SCHEDULED in the preview, else empty
    publish_on: dt.date | None  # for SCHEDULED: the day the item goes live
    byline: h.Byline
    badges: tuple[h.Badge, ...]
    panel: CasePanel | None


@dataclass(frozen=True)
class RelatedLink:
    title: str
    href: str
    kind: str  # the type's name, e.g. Case study


def _term_labels(hub: HubConfig, vocabulary: str, ids) -> list[str]:
    return [hub.label(vocabulary, term_id) for term_id in ids]


def case_panel(item: Item, hub: HubConfig) -> CasePanel:
    case = item.case
    base = hub.collection(CASE_STUDY).url
    region = Link(hub.label("regions", case.region), rel(item.url, f"{base}/region/{case.region}/"))
    areas = tuple(
        Link(hub.label("policy_areas", a), rel(item.url, f"{base}/policy-area/{a}/"))
        for a in case.policy_areas
    )
    year = Link(str(item.date.year), rel(item.url, f"{base}/year/{item.date.year}/")) if item.date else None
    return CasePanel(
        case.organisations,
        case.place,
        region,
        areas,
        case.partners,
        year,
        h.badges(item, hub, item.url),
        case.outcomes,
    )


def item_header(item: Item, hub: HubConfig, preview_today: dt.date | None = None) -> ItemHeader:
    """`preview_today` is given in the preview only, where drafts and scheduled items show."""
    notice = ""
    if item.draft:
        notice = DRAFT
    elif preview_today and item.dated_after(preview_today):
        notice = SCHEDULED
    return ItemHeader(
        notice,
        item.date if notice == SCHEDULED else None,
        h.byline(item, hub, with_type=True, with_updated=True),
        h.badges(item, hub, item.url),
        case_panel(item, hub) if item.case else None,
    )


def related(item: Item, others: tuple[Item, ...], hub: HubConfig) -> tuple[RelatedLink, ...]:
    """Related items at the foot of a post or case study; none on guidance."""
    if item.kind not in (POST, CASE_STUDY):
        return ()
    return tuple(RelatedLink(r.title, rel(item.url, r.url), hub.collection(r.kind).singular) for r in others)


def header(item: Item, hub: HubConfig, draw: Drawing, preview_today: dt.date | None = None) -> str:
    """Placed between the page title and the body."""
    view = item_header(item, hub, preview_today)
    panel = view.panel
    return draw(
        "item-header.html",
        header=view,
        byline=h.byline_html(draw, view.byline),
        badges=h.badges_html(draw, view.badges),
        panel=draw("case-panel.html", panel=panel, badges=h.badges_html(draw, panel.badges)) if panel else "",
    )


def footer(item: Item, others: tuple[Item, ...], hub: HubConfig, draw: Drawing) -> str:
    links = related(item, others, hub)
    return draw("related.html", related=links) if links else ""


def json_ld(item: Item, hub: HubConfig) -> str:
    """schema.org data as a JSON string that is safe inside a <script> element."""
    if item.kind not in (POST, CASE_STUDY):
        return ""
    publisher = {"@type": "Organization", "name": hub.site_author, "url": hub.site_url}
    data: dict = {
        "@context": "https://schema.org",
        "@type": "BlogPosting" if item.kind == POST else "Article",
        "headline": item.title,
        "description": item.summary,
        "url": hub.site_url + item.url,
        "inLanguage": "en-GB",
        "publisher": publisher,
        "keywords": _term_labels(hub, "themes", item.theme_ids),
    }
    if item.date:
        data["datePublished"] = item.date.isoformat()
        data["dateModified"] = (item.updated or item.date).isoformat()
    if item.kind == POST:
        data["author"] = [
            {"@type": "Person", "name": a.label, "jobTitle": a.role}
            for a in (hub.term("authors", x) for x in item.authors)
            if a
        ]
    else:
        case = item.case
        data["author"] = [{"@type": "Organization", "name": o} for o in case.organisations]
        data["spatialCoverage"] = {
            "@type": "Place",
            "name": f"{case.place}, {_term_labels(hub, 'regions', [case.region])[0]}",
        }
        data["about"] = [
            {"@type": "Thing", "name": n} for n in _term_labels(hub, "policy_areas", case.policy_areas)
        ]
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
