"""What an item's own page shows around its body: byline, badges, the case-study
panel, the draft notice, related items, and schema.org data for search engines.
"""

from __future__ import annotations

import json
from html import escape

from . import html as h
from .catalogue import Item
from .config import HubConfig
from .schema import CASE_STUDY, POST


def header(item: Item, hub: HubConfig, preview_today=None) -> str:
    """Placed between the page title and the body."""
    parts = []
    if item.draft:
        parts.append(
            '<p class="hub-draft" role="note"><strong>Draft.</strong> '
            "This item is shown in the preview only; it is not published.</p>"
        )
    elif preview_today and item.dated_after(preview_today):
        parts.append(
            f'<p class="hub-draft" role="note"><strong>Scheduled.</strong> '
            f"This item will be published on {h.long_date(item.date)}.</p>"
        )
    meta = h.byline(item, hub, with_type=True)
    if item.updated and item.kind != "guidance":
        meta = meta.replace("</p>", f" · Updated {h.time_tag(item.updated)}</p>", 1)
    parts.append(f'<div class="hub-item-meta">{meta}{h.badges(item, hub, item.url)}</div>')
    if item.case:
        parts.append(case_panel(item, hub))
    return "".join(parts)


def _term_labels(hub: HubConfig, vocabulary: str, ids) -> list[str]:
    return [hub.label(vocabulary, term_id) for term_id in ids]


def case_panel(item: Item, hub: HubConfig) -> str:
    """The summary panel of a case study."""
    case = item.case
    region = _term_labels(hub, "regions", [case.region])[0]
    base = hub.collection(CASE_STUDY).url
    area_links = ", ".join(
        f'<a href="{h.rel(item.url, f"{base}/policy-area/{a}/")}">{escape(label)}</a>'
        for a, label in zip(
            case.policy_areas, _term_labels(hub, "policy_areas", case.policy_areas), strict=True
        )
    )
    rows = [
        ("Organisations", escape(", ".join(case.organisations))),
        (
            "Place",
            f'{escape(case.place)}, <a href="{h.rel(item.url, f"{base}/region/{case.region}/")}">'
            f"{escape(region)}</a>",
        ),
        ("Policy areas", area_links),
    ]
    if case.partners:
        rows.append(("Partners", escape(", ".join(case.partners))))
    if item.date:
        rows.append(
            ("Year", f'<a href="{h.rel(item.url, f"{base}/year/{item.date.year}/")}">{item.date.year}</a>')
        )
    if item.themes:
        rows.append(("Themes", h.badges(item, hub, item.url)))
    body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    outcomes = ""
    if case.outcomes:
        lis = "".join(f"<li>{escape(o)}</li>" for o in case.outcomes)
        outcomes = f'<h2 class="hub-panel__outcomes">Outcomes</h2><ul>{lis}</ul>'
    return (
        f'<section class="hub-panel" aria-labelledby="hub-panel-title">'
        f'<h2 id="hub-panel-title" class="hub-panel__title">At a glance</h2>'
        f"<dl>{body}</dl>{outcomes}</section>"
    )


def footer(item: Item, related: tuple[Item, ...], hub: HubConfig) -> str:
    """Related items at the foot of a post or case study."""
    if item.kind not in (POST, CASE_STUDY) or not related:
        return ""
    lis = "".join(
        f'<li><a href="{h.rel(item.url, r.url)}">{escape(r.title)}</a> '
        f'<span class="hub-type">{escape(hub.collection(r.kind).singular)}</span></li>'
        for r in related
    )
    return (
        f'<aside class="hub-related" aria-labelledby="hub-related-title">'
        f'<h2 id="hub-related-title">Related reading</h2><ul>{lis}</ul></aside>'
    )


def json_ld(item: Item, hub: HubConfig) -> str:
    """schema.org data as a JSON string that is safe inside a <script> element."""
    if item.kind not in (POST, CASE_STUDY):
        return ""
    publisher = {
        "@type": "Organization",
        "name": "Centre of Excellence for Information Sharing",
        "url": hub.site_url,
    }
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
