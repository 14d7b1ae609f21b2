"""The state of one build, shared by the MkDocs event handlers.

`HubBuild.start` reads the configuration and the catalogue once; the event
handlers then ask it for what each page needs. Nothing here imports MkDocs,
so tests can drive a whole build's logic without running one.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import posixpath
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

from . import clock, decorate, links
from . import html as h
from .bodyhtml import judge, sanitise
from .catalogue import (
    Catalogue,
    Item,
    StaticPage,
    build_catalogue,
    read_static_pages,
    scheduled,
    visible,
)
from .config import HubConfig, load_hub_config
from .feeds import Feed, check_feed_settings, feed_list, opml_files
from .fragments import Drawing, fragment_dirs, make_env
from .inserts import INSERT, INSERT_NAMES, render_insert
from .insights import insights_listing
from .library import library_listings
from .listing import Listing, url_of
from .navigation import missing_from_nav
from .pages import blog_listings, theme_listings
from .problems import Problem, errors
from .redirects import RESERVED_FOLDERS, redirect_problems
from .related import related_items
from .render import make_markdown, render
from .sources import Asset, ContentFile, discover, docs_files, static_pages


def today() -> dt.date:
    """Today in the UK, or HUB_TODAY (YYYY-MM-DD) to build as of another day."""
    given = os.environ.get("HUB_TODAY")
    if given:
        return dt.date.fromisoformat(given)
    return dt.datetime.now(ZoneInfo("Europe/London")).date()


@dataclass
class HubBuild:
    hub: HubConfig
    catalogue: Catalogue
    files: list[ContentFile]
    assets: list[Asset]
    preview: bool
    today: dt.date
    items: tuple[Item, ...] = ()  # what this build publishes, newest first
    listings: dict[str, Listing] = field(default_factory=dict)
    draw: Drawing | None = None  # the hub's fragments (overrides/fragments/hub/), with what they drew
    related: dict[str, tuple[Item, ...]] = field(default_factory=dict)
    rendered: dict[str, str] = field(default_factory=dict)  # src_uri -> body HTML, for feeds
    open_data_url: str | None = None  # the page explaining catalogue.json and .csv, if the site has it
    by_uri: dict[str, Item] = field(default_factory=dict)  # the published items by src_uri
    static: dict[str, StaticPage] = field(default_factory=dict)  # docs/ pages by src_uri
    body_problems: list[Problem] = field(default_factory=list)  # found in rendered bodies
    rendered_pages: dict[str, links.Page] = field(default_factory=dict)  # for the link check
    docs_files: tuple[str, ...] = ()  # files in docs/ other than Markdown, by src_uri
    preview_problems: list[Problem] = field(default_factory=list)  # shown by the live preview
    search_copies: dict[str, str | None] = field(default_factory=dict)  # site path -> search.search_copy

    @functools.cached_property
    def feeds(self) -> tuple[Feed, ...]:
        """Every feed this build writes (feeds.feed_list), worked out once from its items."""
        return feed_list(self.hub, self.items)

    @classmethod
    def start(
        cls, root: Path, mkdocs: dict, docs_dir: str, preview: bool, template_dirs: list[Path] | None = None
    ) -> tuple[HubBuild | None, list[Problem]]:
        hub, problems = load_hub_config(root, mkdocs)
        if hub is not None:
            problems = check_feed_settings(hub)
        if hub is None or problems:
            return None, problems
        files, assets, file_problems = discover(hub, docs_dir)
        catalogue = build_catalogue(files, hub)
        static_files = [
            (p.relative_to(root).as_posix(), p.relative_to(root / docs_dir).as_posix(), p.read_bytes())
            for p in static_pages(hub, docs_dir)
        ]
        static, extra = read_static_pages(static_files, hub, INSERT_NAMES)
        extra += file_problems
        if extra:
            catalogue = Catalogue(
                catalogue.items, tuple(sorted(catalogue.problems + tuple(extra))), catalogue.bodies
            )
        # The fragments come from the theme's custom_dir, then the hub's own (fragments.py).
        draw = Drawing(make_env(fragment_dirs(root, mkdocs, template_dirs)))
        state = cls(hub, catalogue, files, assets, preview, today(), static=static, draw=draw)
        state.docs_files = docs_files(root, docs_dir)
        state.items = tuple(i for i in catalogue.items if visible(i, state.today, preview))
        state.by_uri = {i.src_uri: i for i in state.items}
        if "about/open-data.md" in static:
            state.open_data_url = "about/open-data/"
        state.listings = {lst.src_uri: lst for lst in state.make_listings()}
        problems = list(catalogue.problems) + state.slug_clashes() + state.alias_clashes()
        problems = sorted(problems + missing_from_nav(mkdocs.get("nav"), catalogue.items))
        if errors(problems):
            # The build stops here, before any page renders: judge the bodies now, so
            # that this one run names every problem, as `make check` does.
            return state, sorted(problems + state.check_bodies(mkdocs))
        state.related = related_items(state.items, state.hub.listing["related_items"])
        return state, problems

    def slug_clashes(self) -> list[Problem]:
        """Items whose address is, or holds, one of the pages the hub generates."""
        generated = {listing.url: listing for listing in self.listings.values()}
        problems = []
        for item in self.catalogue.items:
            taken = generated.get(item.url) or next(
                (g for url, g in generated.items() if url.startswith(item.url)), None
            )
            if taken:
                problems.append(
                    Problem(
                        item.path,
                        1,
                        "slug",
                        f"'{item.slug}' gives the address /{item.url}, which the hub uses for "
                        f"/{taken.url} ({taken.title})",
                        "rename the file so that its slug is another word",
                    )
                )
        return problems

    def alias_clashes(self) -> list[Problem]:
        taken = {i.url: i.path for i in self.catalogue.items}
        taken |= {listing.url: f"the hub's page {listing.title}" for listing in self.listings.values()}
        taken |= {url_of(p.src_uri): p.path for p in self.static.values()}
        # Folders of files beside the content (blog/images/ ...) hold no pages either.
        files = {posixpath.dirname(a.dest_uri) + "/" for a in self.assets}
        return redirect_problems(self.items, taken, RESERVED_FOLDERS + tuple(sorted(files)))

    @functools.cached_property
    def bodies(self) -> tuple[tuple[str, str, str, int], ...]:
        """(path, src_uri, body, first line) of every item and static page."""
        pages = tuple((p.path, p.src_uri, p.body, p.body_line) for p in self.static.values())
        return tuple(self.catalogue.bodies) + pages

    def render_run(self) -> clock.Run:
        """The time budget for rendering every body of this build once (clock.Run)."""
        return clock.Run(body for _path, _uri, body, _line in self.bodies)

    def check_bodies(self, mkdocs: dict) -> list[Problem]:
        """Gates without a build: render every body as the site would, judge its HTML
        and check its links, images and anchors."""
        md = make_markdown(mkdocs)
        problems: list[Problem] = []
        run = self.render_run()
        for path, src_uri, body, line in self.bodies:
            if run.left <= 0:
                break  # the body rendering when the run's time ran out says so
            try:
                with run.limit(path, body):
                    html = render(md, body)
            except clock.TooSlow as slow:
                problems.append(Problem(path, line, "body", *slow.args))
                continue
            finally:
                recording = links.take()
            problems += judge(path, html, body, line)
            self.rendered_pages[src_uri] = links.Page(src_uri, path, body, line, recording)
        return problems + self.link_problems()

    def link_problems(self) -> list[Problem]:
        return links.check_links(list(self.rendered_pages.values()), self.link_targets())

    def link_targets(self) -> set[str]:
        """The src_uri of every page and file the build publishes."""
        published = {i.src_uri for i in self.catalogue.items if visible(i, self.today, False)}
        targets = published | set(self.static) | set(self.listings)
        targets |= {a.src_uri for a in self.assets}
        targets |= {f"{c.url}/index.md" for c in self.hub.collections}
        targets |= set(self.docs_files)
        targets |= {"feeds.opml", "catalogue.json", "catalogue.csv", "catalogue.schema.json"}
        targets |= {feed.rss for feed in self.feeds} | {feed.json for feed in self.feeds}
        targets |= set(opml_files(self.feeds, self.hub))
        return targets

    def source_for(self, src_uri: str) -> str | None:
        """What MkDocs renders for a page: the body only, never front matter. The leading
        blank line keeps MkDocs from reading any meta of its own out of the body."""
        if src_uri in self.listings:
            return ""
        found = self.item_for(src_uri) or self.static.get(src_uri)
        return "\n" + found.body if found else None

    def judged(self, src_uri: str, html: str) -> str:
        """A rendered body held to the allowlist: problems recorded, the HTML cut to it."""
        found = self.item_for(src_uri) or self.static.get(src_uri)
        if found is None:
            return html
        problems = judge(found.path, html, found.body, found.body_line)
        self.body_problems += problems
        return "" if problems else sanitise(html)

    def record_links(self, src_uri: str) -> None:
        """Keep what the body just rendered links to, for the check at the end of the build."""
        recording = links.take()
        found = self.item_for(src_uri) or self.static.get(src_uri)
        if found is not None:
            self.rendered_pages[src_uri] = links.Page(
                src_uri, found.path, found.body, found.body_line, recording
            )

    def make_listings(self) -> list[Listing]:
        return (
            blog_listings(self.items, self.hub, self.draw)
            + library_listings(self.items, self.hub, self.draw)
            + theme_listings(self.items, self.hub, self.draw)
            + [insights_listing(self.items, self.hub, self.today, self.draw, self.open_data_url)]
        )

    def held_back(self) -> list[Item]:
        return [] if self.preview else scheduled(self.catalogue.items, self.today)

    def item_for(self, src_uri: str) -> Item | None:
        return self.by_uri.get(src_uri)

    def collection_files(self) -> list[ContentFile]:
        """The blog posts and case studies to add to the build (guidance is in docs/)."""
        published = {i.src_uri for i in self.items}
        return [f for f in self.files if f.src_uri in published and f.kind != "guidance"]

    def page_meta(self, src_uri: str) -> dict:
        """Front matter for MkDocs and the templates, from the catalogue alone: nothing
        MkDocs might read out of a body ever steers a page."""
        listing = self.listings.get(src_uri)
        if listing:
            library = src_uri == f"{self.hub.collection('case-study').url}/index.md"
            trail = decorate.listing_breadcrumbs(listing.url, self.page_titles)
            ld = decorate.listing_json_ld(trail, listing.description, self.hub.site_url)
            return {
                "title": escape(listing.title),
                "description": escape(listing.description),
                "hub_feeds": list(listing.feeds),
                "hub_listing": True,
                "hub_library": library,
                "hub_breadcrumbs": decorate.trail_html(trail, listing.url, self.draw),
                **({"hub_jsonld": ld} if ld else {}),
                # Later pages of listings and facet pages only repeat items that search
                # already finds; leaving them out keeps results (and the index) lean.
                **({"search": {"exclude": True}} if listing.repeats else {}),
            }
        item = self.item_for(src_uri)
        if not item:
            return self.static_meta(src_uri)
        # Material prints page titles and descriptions as they are, in text and in
        # attributes: the hub hands it escaped HTML, never raw front matter.
        out = {
            "title": escape(item.title),
            "description": escape(item.summary),
            "hub_feeds": ["all", item.kind],
            "hub_kind": item.kind,
            # What search shows and filters by (overrides/partials/content.html), as plain
            # text: the date is the publication day, or a guidance page's last update.
            "hub_search": {
                "type": self.hub.collection(item.kind).singular,
                "date": (item.date or item.updated).isoformat() if item.date or item.updated else "",
                "themes": [self.hub.label("themes", theme) for theme in item.theme_ids],
                "region": self.hub.label("regions", item.case.region) if item.case else "",
            },
        }
        ld = decorate.json_ld(item, self.hub)
        if ld:
            out["hub_jsonld"] = ld
        out["hub_breadcrumbs"] = decorate.breadcrumbs_html(item, self.hub, self.draw)
        if item.draft:
            out["search"] = {"exclude": True}
        return out

    def static_meta(self, src_uri: str) -> dict:
        page = self.static.get(src_uri)
        kinds = [c.kind for c in self.hub.collections if src_uri == f"{c.url}/index.md"]
        out: dict = {"hub_feeds": ["all", *kinds]} if kinds else {}
        if page is None:
            return out
        out["title"] = escape(page.title)
        if page.summary:
            out["description"] = escape(page.summary)
        if page.template:
            out["template"] = page.template
        if page.hide:
            out["hide"] = list(page.hide)
        return out

    def page_html(self, src_uri: str, url: str, html: str) -> str:
        """The body HTML of a page, judged and cut to the allowlist, with the hub's parts put in."""
        listing = self.listings.get(src_uri)
        if listing:
            return listing.html
        html = self.judged(src_uri, html)
        item = self.item_for(src_uri)
        if item:
            self.rendered[src_uri] = html
            preview_today = self.today if self.preview else None
            return (
                decorate.header(item, self.hub, self.draw, preview_today)
                + html
                + h.history_html(self.draw, item)
                + decorate.footer(item, self.related.get(src_uri, ()), self.hub, self.draw)
            )
        if 'class="hub-insert"' not in html:
            return html
        return INSERT.sub(
            lambda m: render_insert(m.group(1), self.items, self.hub, url, self.draw) or m.group(0), html
        )

    def update_date(self, src_uri: str) -> str:
        """The date the sitemap gives a page: its last change, or the content's newest
        date for pages without one; never the build time, so rebuilds are identical."""
        item = self.item_for(src_uri)
        if item and (item.updated or item.date):
            return (item.updated or item.date).isoformat()
        return self.newest_date.isoformat()

    @functools.cached_property
    def page_titles(self) -> dict[str, str]:
        """Site path -> title of every page the hub generates or has in docs/: the
        steps a generated page's breadcrumb trail can take."""
        titles = {url_of(p.src_uri): p.title for p in self.static.values()}
        return titles | {listing.url: listing.title for listing in self.listings.values()}

    @functools.cached_property
    def newest_date(self) -> dt.date:
        """The newest date of any item (worked out once, like `feeds`, from the items
        `start` publishes)."""
        dates = [i.updated or i.date for i in self.items if i.updated or i.date]
        return max(dates, default=dt.date(2014, 1, 1))

    def source_date_epoch(self) -> str:
        """Seconds since 1970 at the newest item's date: a timestamp that follows the content."""
        newest = self.newest_date
        return str(int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp()))
