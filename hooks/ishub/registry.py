"""What the hub publishes, declared once: its content types and its facets.

Validation (`schema.FIELDS`), the listings, the case-study library, the feeds,
the open data, the field reference and the `make new` templates all read these
declarations; none of them names a content type's folder, date rule or facet
key on its own account.

A new facet is one `Facet` entry here plus its vocabulary in mkdocs.yml
(`extra.<vocabulary>: [{id, label}]`): the field is then validated and
documented, and the library gains a filter and a page per value, the feeds a
feed per value, and the open data two columns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .catalogue import Item

POST = "post"
CASE_STUDY = "case-study"
GUIDANCE = "guidance"


@dataclass(frozen=True)
class ContentType:
    """One kind of item: where it lives, how it is dated, how it is announced."""

    kind: str
    source: str  # the folder in the repository (mkdocs.yml `extra.collections` may move it)
    url: str  # its section of the site
    label: str  # plural, as readers see it: "Blog posts"
    singular: str  # "Blog post"
    noun: str  # in contributors' messages: "a blog post"
    file_name: str  # how a file is named: YYYY-MM-DD-slug.md or slug.md
    date_field: str  # the field that dates it in listings and feeds: date, or updated for guidance
    in_docs: bool  # lives inside docs/, in sub-folders as its nav needs
    scheduled: bool  # a date in the future holds it back until that day
    json_ld: str  # its schema.org type, or "" for none
    announces_updates: bool  # each change of its history enters the feeds once (guidance)
    feed_description: str
    listing_description: str
    section: str  # the title of its section's index page and header tab: "Blog"

    @property
    def dated_file(self) -> bool:
        return self.file_name.startswith("YYYY-MM-DD-")


TYPES: tuple[ContentType, ...] = (
    ContentType(
        POST,
        "blog",
        "blog",
        "Blog posts",
        "Blog post",
        "blog post",
        "YYYY-MM-DD-slug.md",
        "date",
        in_docs=False,
        scheduled=True,
        json_ld="BlogPosting",
        announces_updates=False,
        feed_description="New blog posts from the Centre and its partners.",
        listing_description="Blog posts from the Centre, newest first.",
        section="Blog",
    ),
    ContentType(
        CASE_STUDY,
        "case_studies",
        "case-studies",
        "Case studies",
        "Case study",
        "case study",
        "slug.md",
        "date",
        in_docs=False,
        scheduled=True,
        json_ld="Article",
        announces_updates=False,
        feed_description="New case studies of information sharing in practice.",
        listing_description="Case studies of information sharing in practice, newest first.",
        section="Case studies",
    ),
    ContentType(
        GUIDANCE,
        "docs/guidance",
        "guidance",
        "Guidance",
        "Guidance",
        "guidance page",
        "slug.md",
        "updated",
        in_docs=True,
        scheduled=False,
        json_ld="",
        announces_updates=True,
        feed_description="New and updated guidance pages.",
        listing_description="Guidance on sharing information well.",
        section="Guidance",
    ),
)
KINDS: tuple[str, ...] = tuple(t.kind for t in TYPES)
_BY_KIND = {t.kind: t for t in TYPES}


def content_type(kind: str) -> ContentType:
    return _BY_KIND[kind]


@dataclass(frozen=True)
class Facet:
    """One way to classify items, with a value per item and a vocabulary of values.

    `field` facets are front matter fields checked against `vocabulary` (a list
    in mkdocs.yml `extra`, or `themes` and `authors`); the others (`year`) are
    derived from what an item already has.
    """

    key: str  # URL segment, data attribute and feed id prefix: policy-area
    label: str  # "Policy area"
    plural: str  # "Policy areas"
    kinds: tuple[str, ...]  # the content types that carry it
    vocabulary: str = ""  # themes | authors | a list in mkdocs.yml extra; "" for derived values
    field: str = ""  # the front matter field that holds it, when it is a field of its own
    many: bool = False  # a list of values rather than one
    required: bool = True
    description: str = ""  # for the field reference and the editors' schemas
    example: str = ""
    library: bool = False  # a filter of the case-study library, with a page per value
    every_value: bool = False  # a page (and feed) for every value of the vocabulary, not only used ones
    feed_folder: str = ""  # a feed per value under feeds/<folder>/<id>; "" for none
    page: str = ""  # the page a value's feed follows; {id} and a type's url as {post}, {case-study}
    about: str = ""  # names a page of one value, after "Case studies ": "in {label}"
    feed_title: str = ""  # {label} is the value's label, {lower} the same in lower case
    feed_description: str = ""

    def values(self, item: Item) -> tuple[str, ...]:
        return _GETTERS.get(self.key, _field_values)(self, item)

    def feed_id(self, value: str) -> str:
        return f"{self.key}-{value}"

    def page_of(self, value: str, urls: dict[str, str]) -> str:
        """The page of one value; `urls` maps each content type to its section's address."""
        return self.page.format(id=value, **urls)

    def feed_path(self, value: str) -> str:
        """One value's feed, without its extension: feeds/regions/wales."""
        return f"feeds/{self.feed_folder}/{value}"


def _field_values(facet: Facet, item: Item) -> tuple[str, ...]:
    value = item.fields.get(facet.field, ())
    return value if isinstance(value, tuple) else (value,)


_GETTERS: dict[str, Callable[[Facet, Item], tuple[str, ...]]] = {
    "theme": lambda facet, item: item.theme_ids,
    "author": lambda facet, item: item.authors,
    "year": lambda facet, item: (str(item.date.year),) if item.date else (),
}

FACETS: tuple[Facet, ...] = (
    Facet(
        "theme",
        "Theme",
        "Themes",
        KINDS,
        vocabulary="themes",
        many=True,
        library=True,
        every_value=True,
        feed_folder="themes",
        page="themes/{id}/",
        feed_title="{lower}",
        feed_description="Everything new on the theme of {lower}.",
        about="on {lower}",
    ),
    Facet(
        "region",
        "Region",
        "Regions",
        (CASE_STUDY,),
        vocabulary="regions",
        field="region",
        description="One region id.",
        example="north-west",
        library=True,
        feed_folder="regions",
        page="{case-study}/region/{id}/",
        feed_title="case studies in {label}",
        feed_description="New case studies of information sharing in {label}.",
        about="in {label}",
    ),
    Facet(
        "policy-area",
        "Policy area",
        "Policy areas",
        (CASE_STUDY,),
        vocabulary="policy_areas",
        field="policy_areas",
        many=True,
        description="One or more policy area ids.",
        example="[domestic-abuse]",
        library=True,
        feed_folder="policy-areas",
        page="{case-study}/policy-area/{id}/",
        feed_title="case studies on {lower}",
        feed_description="New case studies of information sharing in {lower}.",
        about="on {lower}",
    ),
    Facet("year", "Year", "Years", (CASE_STUDY,), library=True, about="from {label}"),
    Facet(
        "author",
        "Author",
        "Authors",
        (POST,),
        vocabulary="authors",
        many=True,
        every_value=True,
        feed_folder="authors",
        page="{post}/authors/{id}/",
        feed_title="posts by {label}",
        feed_description="New blog posts by {label}.",
        about="by {label}",
    ),
)


def facet(key: str) -> Facet:
    return next(f for f in FACETS if f.key == key)


def library_facets() -> tuple[Facet, ...]:
    return tuple(f for f in FACETS if f.library)


def feed_facets() -> tuple[Facet, ...]:
    return tuple(f for f in FACETS if f.feed_folder)


def field_facets(kind: str) -> tuple[Facet, ...]:
    """The facets that are front matter fields of their own in one content type."""
    return tuple(f for f in FACETS if f.field and kind in f.kinds)


def listed_vocabularies() -> tuple[str, ...]:
    """The vocabularies read from lists in mkdocs.yml `extra` (themes and authors have their own)."""
    return tuple(dict.fromkeys(f.vocabulary for f in FACETS if f.vocabulary not in ("", "themes", "authors")))


def vocabulary_facet(vocabulary: str) -> Facet:
    return next(f for f in FACETS if f.vocabulary == vocabulary)


def vocabulary_noun(vocabulary: str) -> str:
    """One value of a vocabulary, with its article: 'a region', 'an author'."""
    word = vocabulary_facet(vocabulary).label.lower()
    return ("an " if word[0] in "aeiou" else "a ") + word
