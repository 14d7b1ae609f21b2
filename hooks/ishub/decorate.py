"""What an item's own page shows around its body: the draft or scheduled notice,
byline, badges, the case-study panel, related items, the breadcrumb trail, and
schema.org data for search engines.

The views are drawn by `item-header.html`, `case-panel.html`, `related.html` and
`breadcrumbs.html`; the JSON-LD is data, written here.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from . import html as h
from .fragments import Drawing
from .listing import rel
from .registry import facet
from .schema import CASE_STUDY, GUIDANCE, POST

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
    """The "at a glance" panel of a case study: who, where, which policy areas, and
    what changed. Its type, date and themes are in the byline and badges above it,
    and nowhere else, so the header and the panel never repeat each other."""

    organisations: tuple[str, ...]
    place: str
    region: Link
    policy_areas: tuple[Link, ...]
    partners: tuple[str, ...]
    outcomes: tuple[str, ...]


@dataclass(frozen=True)
class Crumb:
    """One step of a breadcrumb trail: a page's title and its site path ("" for home)."""

    label: str
    path: str


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
    region_page, area_page = facet("region").page_of, facet("policy-area").page_of
    region = Link(hub.label("regions", case.region), rel(item.url, region_page(case.region, hub.type_urls)))
    areas = tuple(
        Link(hub.label("policy_areas", a), rel(item.url, area_page(a, hub.type_urls)))
        for a in case.policy_areas
    )
    return CasePanel(case.organisations, case.place, region, areas, case.partners, case.outcomes)


def item_header(item: Item, hub: HubConfig, preview_today: dt.date | None = None) -> ItemHeader:
    """`preview_today` is given in the preview only, where drafts and scheduled items show."""
    notice = ""
    if item.draft:
        notice = DRAFT
    elif preview_today and item.dated_after(preview_today):
        notice = SCHEDULED
    byline = h.byline(item, hub, with_type=True, with_updated=True)
    if item.case:  # the place and region are the panel's, just below
        byline = replace(byline, place="", region="")
    return ItemHeader(
        notice,
        item.date if notice == SCHEDULED else None,
        byline,
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
        panel=draw("case-panel.html", panel=panel) if panel else "",
    )


def footer(item: Item, others: tuple[Item, ...], hub: HubConfig, draw: Drawing) -> str:
    links = related(item, others, hub)
    return draw("related.html", related=links) if links else ""


def breadcrumbs(item: Item, hub: HubConfig) -> tuple[Crumb, ...]:
    """Where an item sits: home, its section, the page that lists it (a post's year
    in the archive, a case study's region), then the item itself. Each step is a
    page the hub publishes."""
    section = hub.collection(item.kind)
    trail = [Crumb("Home", ""), Crumb(section.type.section, f"{section.url}/")]
    if item.kind == POST and item.date:
        trail.append(Crumb(str(item.date.year), f"{section.url}/archive/{item.date.year}/"))
    elif item.case:
        region = item.case.region
        trail.append(Crumb(hub.label("regions", region), facet("region").page_of(region, hub.type_urls)))
    return (*trail, Crumb(item.title, item.url))


def listing_breadcrumbs(url: str, titles: Mapping[str, str]) -> tuple[Crumb, ...]:
    """Where a page the hub generates sits: home, every page above it, then the page.

    `titles` maps the site path of each page that can be a step to its title.
    A step is a page the site publishes: a level of the address without a page
    of its own (case-studies/region/) is passed over. A page at the top level
    (the blog, the library) has no trail: the header's tabs already place it.
    """
    parts = url.strip("/").split("/")
    if len(parts) < 2 or url not in titles:
        return ()
    above = ("/".join(parts[:n]) + "/" for n in range(1, len(parts)))
    steps = [Crumb(titles[path], path) for path in above if path in titles]
    return (Crumb("Home", ""), *steps, Crumb(titles[url], url))


def trail_html(trail: tuple[Crumb, ...], from_url: str, draw: Drawing) -> str:
    """A trail as a navigation landmark (`breadcrumbs.html`), linked from the page at `from_url`."""
    if not trail:
        return ""
    *before, here = trail
    links = tuple(Link(c.label, rel(from_url, c.path)) for c in before)
    return draw("breadcrumbs.html", links=links, current=here.label)


def breadcrumbs_html(item: Item, hub: HubConfig, draw: Drawing) -> str:
    """An item's trail (see `breadcrumbs`), drawn for its page."""
    return trail_html(breadcrumbs(item, hub), item.url, draw)


def breadcrumb_list(trail: tuple[Crumb, ...], site_url: str) -> dict:
    """A trail as a schema.org BreadcrumbList, with absolute addresses."""
    steps = [
        {"@type": "ListItem", "position": n, "name": c.label, "item": site_url + c.path}
        for n, c in enumerate(trail, start=1)
    ]
    return {"@type": "BreadcrumbList", "itemListElement": steps}


def listing_json_ld(trail: tuple[Crumb, ...], description: str, site_url: str) -> str:
    """schema.org data for a generated page with a trail: a collection page and its
    breadcrumbs, as for items, so search engines show where it sits. "" without a trail."""
    if not trail:
        return ""
    return _script_safe(
        {
            "@context": "https://schema.org",
            **_page(trail, site_url, "CollectionPage"),
            "name": trail[-1].label,
            "description": description,
            "inLanguage": "en-GB",
        }
    )


def json_ld(item: Item, hub: HubConfig) -> str:
    """schema.org data as a JSON string that is safe inside a <script> element.

    Posts and case studies are articles, whose page (`mainEntityOfPage`) carries the
    breadcrumb trail; a guidance page is described by its page and trail alone."""
    if item.kind == GUIDANCE:
        page = _web_page(item, hub)
        return _script_safe({"@context": "https://schema.org", **page, "name": item.title})
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
    data["mainEntityOfPage"] = _web_page(item, hub)
    return _script_safe(data)


def _page(trail: tuple[Crumb, ...], site_url: str, kind: str) -> dict:
    """A page of the site as schema.org describes it: its type, its address (the trail's
    last step) and its breadcrumb trail."""
    url = site_url + trail[-1].path
    return {"@type": kind, "@id": url, "url": url, "breadcrumb": breadcrumb_list(trail, site_url)}


def _web_page(item: Item, hub: HubConfig) -> dict:
    return _page(breadcrumbs(item, hub), hub.site_url, "WebPage")


def _script_safe(data: dict) -> str:
    """JSON with <, > and & as \\u escapes, so it cannot end its script element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
