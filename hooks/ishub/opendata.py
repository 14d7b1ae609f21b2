"""The catalogue as open data: catalogue.json and catalogue.csv at the site root.

Both list every item the build publishes, in the order of the site's listings
(newest first, then type, then slug), and carry nothing from the clock, so the
same content always gives byte-identical files. The JSON follows
schemas/catalogue.schema.json; `VERSION` changes with it (see
docs/about/open-data.md for the version policy).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .catalogue import Item
from .cells import inert_cell
from .config import HubConfig
from .registry import FACETS, Facet
from .schema import CHANGES, FIELDS

VERSION = "1.1"
LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schemas" / "catalogue.schema.json"
SEPARATOR = "; "


def _ids_column(f: Facet) -> str:
    """A facet field's column of ids: region_id, policy_area_ids."""
    return (f.field[:-1] + "_ids") if f.many and f.field.endswith("s") else f.field + "_id"


# The types whose front matter can hold a history (guidance): their items list it.
_WITH_HISTORY = frozenset(kind for kind, fields in FIELDS.items() if any(f.kind == CHANGES for f in fields))
# Each facet that is a field of its own (registry.FACETS) gives two columns: labels and ids.
_FIELD_FACETS = tuple(f for f in FACETS if f.field)
CSV_COLUMNS = (
    "type",
    "slug",
    "url",
    "title",
    "summary",
    "date",
    "updated",
    "authors",
    "author_ids",
    "themes",
    "theme_ids",
    "theme_sources",
    "organisations",
    "place",
    *(column for f in _FIELD_FACETS for column in (f.field, _ids_column(f))),
    "partners",
    "outcomes",
)


def catalogue_data(items: tuple[Item, ...], hub: HubConfig) -> dict:
    """The catalogue as plain data, before it is written as JSON."""
    return {
        "version": VERSION,
        "generated_from": hub.site_url,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "items": [item_data(i, hub) for i in sorted(items, key=lambda i: i.sort_key)],
    }


def catalogue_json(items: tuple[Item, ...], hub: HubConfig) -> str:
    """catalogue.json: UTF-8 text, keys sorted, one space of indent, a final newline."""
    # Compact separators let the C encoder run (indenting forces the slow one); the
    # keys stay sorted, so the file is still byte-identical across rebuilds.
    data = catalogue_data(items, hub)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def catalogue_schema() -> str:
    """The JSON Schema of catalogue.json, read from this project (not the site being built)."""
    return SCHEMA_PATH.read_text(encoding="utf-8")


def item_data(item: Item, hub: HubConfig) -> dict:
    """One item: the fields every item has, a guidance page's history, and a case study's own fields."""
    out = {
        "type": item.kind,
        "slug": item.slug,
        "url": hub.site_url + item.url,
        "title": item.title,
        "summary": item.summary,
        "date": item.date.isoformat() if item.date else None,
        "updated": item.updated.isoformat() if item.updated else None,
        "authors": [{"id": a, "name": hub.label("authors", a)} for a in item.authors],
        "themes": [
            {"id": d.theme, "label": hub.label("themes", d.theme), "source": d.source} for d in item.themes
        ],
    }
    if item.kind in _WITH_HISTORY:  # newest first
        out["changes"] = [{"date": c.date.isoformat(), "note": c.note} for c in item.changes]
    case = item.case
    if case is not None:
        out |= {
            "organisations": list(case.organisations),
            "place": case.place,
            "partners": list(case.partners),
            "outcomes": list(case.outcomes),
        }
    for f in _FIELD_FACETS:
        terms = [{"id": v, "label": hub.label(f.vocabulary, v)} for v in f.values(item) if v]
        if item.kind in f.kinds and (terms or f.required):
            out[f.field] = terms if f.many else terms[0]
    return out


def catalogue_csv(items: tuple[Item, ...], hub: HubConfig) -> str:
    """catalogue.csv: a header row, then one row per item; lists joined with '; '."""
    buffer = io.StringIO()
    # Every cell quoted: a spreadsheet that splits on ';' cannot start a cell mid-text.
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    for data in catalogue_data(items, hub)["items"]:
        row = csv_row(data)
        writer.writerow([inert_cell(row[c]) for c in CSV_COLUMNS])
    return buffer.getvalue()


def csv_row(data: dict) -> dict[str, str]:
    """One item's JSON data flattened to CSV cells; empty cells for fields it does not have."""

    def join(values) -> str:
        return SEPARATOR.join(values)

    facets: dict[str, str] = {}
    for f in _FIELD_FACETS:
        given = data.get(f.field) or []
        terms = given if isinstance(given, list) else [given]
        facets[f.field] = join(t["label"] for t in terms)
        facets[_ids_column(f)] = join(t["id"] for t in terms)
    return {
        "type": data["type"],
        "slug": data["slug"],
        "url": data["url"],
        "title": data["title"],
        "summary": data["summary"],
        "date": data["date"] or "",
        "updated": data["updated"] or "",
        "authors": join(a["name"] for a in data["authors"]),
        "author_ids": join(a["id"] for a in data["authors"]),
        "themes": join(t["label"] for t in data["themes"]),
        "theme_ids": join(t["id"] for t in data["themes"]),
        "theme_sources": join(t["source"] for t in data["themes"]),
        "organisations": join(data.get("organisations", [])),
        "place": data.get("place", ""),
        **facets,
        "partners": join(data.get("partners", [])),
        "outcomes": join(data.get("outcomes", [])),
    }
