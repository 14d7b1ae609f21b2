"""MkDocs event handlers for the Information Sharing Hub.

Each handler is a few lines that call into the `ishub` package, where the
logic lives and is tested without a build. State is rebuilt in `on_config`
because `mkdocs serve` keeps this module loaded across rebuilds.
"""

from __future__ import annotations

import logging
import os
import posixpath
import sys
from html import escape
from pathlib import Path

import jinja2
from ishub import clock
from ishub.bodyhtml import text_toc
from ishub.build import HubBuild
from ishub.feeds import opml_files, write_feeds
from ishub.navmemo import NavMemo
from ishub.opendata import catalogue_csv, catalogue_json, catalogue_schema
from ishub.preview import error_page, stable_sources
from ishub.problems import errors
from ishub.redirects import redirect_page, redirects
from ishub.search import require_index, search_copy
from ishub.security import headers_file, page_problems, security_headers, with_policy_meta
from ishub.sharing import CardSet, make_cards, page_meta
from ishub.validity import valid_page
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Section
from mkdocs.utils import get_relative_url
from selectolax.lexbor import LexborHTMLParser

log = logging.getLogger("mkdocs.hooks.ishub")
# Contributor warnings must show without failing a strict build: they go to a
# logger outside MkDocs' own, which is the one strict mode counts.
advice = logging.getLogger("ishub.content")
if not advice.handlers:
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    advice.addHandler(_handler)
    advice.propagate = False

EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'
)
_command = "build"
_dirty = False
state: HubBuild | None = None
cards: CardSet | None = None  # the social cards of this build (ishub/sharing.py)
nav_memo: NavMemo | None = None  # the navigation drawn once per view (ishub/navmemo.py)
render_run: clock.Run | None = None  # the time limits for rendering this build's bodies


def on_startup(command, dirty):
    global _command, _dirty
    _command, _dirty = command, dirty


def on_config(config):
    global state, render_run
    root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    docs_dir = Path(config.docs_dir).relative_to(root).as_posix()
    # The hub's fragments live in the theme's custom_dir, so a site overrides them there.
    fragments = [Path(config.theme.custom_dir)] if config.theme.custom_dir else None
    state, problems = HubBuild.start(
        root, dict(config), docs_dir, preview=_command == "serve", template_dirs=fragments
    )
    for problem in problems:
        if not problem.is_error:
            advice.warning(str(problem))
    _stop_or_show(errors(problems), state)
    render_run = state.render_run()
    config.extra["hub_feed_list"] = [
        {"id": f.id, "title": f.title, "rss": f.rss, "json": f.json} for f in state.feeds
    ]
    # Timestamps MkDocs writes (the gzipped sitemap) follow the content, not the clock.
    os.environ.setdefault("SOURCE_DATE_EPOCH", state.source_date_epoch())
    for item in state.held_back():
        log.info(f"{item.path}: held back until {item.date.isoformat()} (dated in the future)")
    return config


def on_files(files: Files, config):
    for cf in state.collection_files():
        f = File.generated(config, cf.src_uri, abs_src_path=cf.abs_path, inclusion=InclusionLevel.NOT_IN_NAV)
        f.dest_uri = cf.url + "index.html"
        files.append(f)
    for asset in state.assets:
        f = File.generated(config, asset.src_uri, abs_src_path=asset.abs_path)
        f.dest_uri = asset.dest_uri
        files.append(f)
    for alias, item in redirects(state.items):
        page = redirect_page(Path(config.theme.custom_dir), alias, item, state.hub.site_url)
        files.append(File.generated(config, f"{alias}index.html", content=page))
    for path, text in opml_files(state.feeds, state.hub).items():
        files.append(File.generated(config, path, content=text))
    global cards
    cards = _make_cards(config)
    for dest, path in cards.files:
        files.append(File.generated(config, dest, abs_src_path=str(path)))
    files.append(File.generated(config, "catalogue.json", content=catalogue_json(state.items, state.hub)))
    files.append(File.generated(config, "catalogue.csv", content=catalogue_csv(state.items, state.hub)))
    files.append(File.generated(config, "catalogue.schema.json", content=catalogue_schema()))
    # The theme's script looks for a sitemap beside every <link rel="alternate"> (it
    # is meant for language versions); an empty one there saves readers a 404 per page.
    for folder in sorted({posixpath.dirname(f.rss) for f in state.feeds}):
        files.append(File.generated(config, f"{folder}/sitemap.xml", content=EMPTY_SITEMAP))
    listings = {src_uri: listing.html for src_uri, listing in state.listings.items()}
    if _dirty:  # serve --dirty: unchanged listings keep old files, so they are not rebuilt
        cache = Path(config.config_file_path).resolve().parent / ".cache" / "ishub-listings"
        for src_uri, path in stable_sources(listings, cache).items():
            files.append(
                File.generated(config, src_uri, abs_src_path=path, inclusion=InclusionLevel.NOT_IN_NAV)
            )
        return files
    for src_uri in listings:
        files.append(File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_nav(nav, config, files):
    # Titles written in the nav: of mkdocs.yml reach every page's sidebar, and the
    # theme prints them as they are; page titles from front matter are escaped already.
    for entry in _walk(nav.items):
        if isinstance(entry, (Section, Link)) or "title" in vars(entry):
            entry.title = escape(entry.title) if entry.title else entry.title
    global nav_memo
    addresses = [e.url for e in _walk(nav.items) if not isinstance(e, Section) and isinstance(e.url, str)]
    assets = [a for a in (config.theme.get("logo"), config.theme.get("favicon")) if isinstance(a, str)]
    nav_memo = NavMemo(addresses, assets, get_relative_url)
    return nav


def _walk(entries):
    for entry in entries:
        yield entry
        if isinstance(entry, Section):
            yield from _walk(entry.children)


def _make_cards(config) -> CardSet:
    """Drawn in the theme's colours, kept in .cache/ so that rebuilds draw only what changed."""
    css = Path(config.theme.custom_dir or ".", "assets", "hub.css")
    cache = Path(config.config_file_path).resolve().parent / ".cache" / "ishub-cards"
    text = css.read_text(encoding="utf-8") if css.is_file() else ""
    return make_cards(state.items, state.hub, text, config.site_description or "", cache)


def on_page_read_source(page, config):
    return state.source_for(page.file.src_uri)


def on_page_markdown(markdown, page, config, files):
    page.meta = state.page_meta(page.file.src_uri)
    page.meta |= page_meta(state, cards, page.file.src_uri, page.url, config.site_description or "")
    # The sitemap (rendered before page templates) gives content dates, never the build's.
    page.update_date = state.update_date(page.file.src_uri)
    _start_clock(page.file.src_path, markdown)
    return markdown


def on_page_content(html, page, config, files):
    _stop_clock()
    state.record_links(page.file.src_uri)
    text_toc(page.toc)  # the theme prints entries unescaped: only their text is kept
    return state.page_html(page.file.src_uri, page.url, html)


def on_env(env, config, files):
    _stop_or_show(sorted(set(state.body_problems + state.link_problems())), state)
    # overrides/partials/hub-drawn-once.html draws Material's nav and tabs, reached as material/...
    dirs = [d for d in config.theme.dirs if d != config.theme.custom_dir]
    own = [d for d in dirs if Path(d, "partials", "nav.html").is_file()]
    if own:
        material = jinja2.PrefixLoader({"material": jinja2.FileSystemLoader(own[0])})
        env.loader = jinja2.ChoiceLoader([env.loader, material])
    env.globals["hub_nav_memo"] = nav_memo
    return env


def _stop_or_show(problems, state) -> None:
    """Content errors stop a build; the live preview keeps serving, and answers every
    page with the list of problems until they are fixed (then it reloads by itself)."""
    if not problems:
        return
    lines = "\n".join(str(p) for p in problems)
    if _command != "serve" or state is None:
        raise PluginError(f"{len(problems)} problem(s) in the content:\n{lines}")
    log.error(f"{len(problems)} problem(s) in the content:\n{lines}")
    state.preview_problems = sorted(set(state.preview_problems + problems))


def on_post_page(output, page, config):
    if state.preview_problems:
        return error_page(Path(config.theme.custom_dir), state.preview_problems)
    where = page.file.src_path if page else "the site"
    output = valid_page(output)  # the theme's toggles, made valid HTML (see ishub/validity.py)
    tree = LexborHTMLParser(output)  # parsed once, for the page check and the search copy
    problems = page_problems(output, tree)
    if problems:
        raise PluginError(f"{where}: page: {problems[0]}; the page may not be published")
    if page is not None:  # the policy meta added below is outside the article
        state.search_copies[page.file.dest_uri] = search_copy(output, tree)
    # `mkdocs serve` adds an inline live-reload script to the pages it serves, which the
    # policy would block; the preview is local and serves no headers either.
    return output if _command == "serve" else with_policy_meta(output)


def on_post_template(output_content, template_name, config):
    if not template_name.endswith(".html"):
        return output_content
    return on_post_page(output_content, None, config)


def on_post_build(config):
    if state.preview_problems:
        return  # every page is the error page: nothing to feed or index yet
    site = Path(config.site_dir)
    write_feeds(state, site)
    (site / "_headers").write_text(headers_file(security_headers()), encoding="utf-8")
    require_index(site, PluginError, state.search_copies)


def _start_clock(path: str, markdown: str) -> None:
    """Each body's own time limit, and the build's budget for all of them (clock.Run)."""
    render_run.begin(path, markdown, lambda message, fix: PluginError(f"{path}: body: {message}; {fix}"))


def _stop_clock() -> None:
    render_run.end()


def on_serve(server, config, builder):
    root = Path(config.config_file_path).resolve().parent
    for coll in state.hub.collections:
        if (root / coll.source).is_dir():
            server.watch(str(root / coll.source))
    return server
