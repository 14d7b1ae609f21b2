"""What a shared link shows: Open Graph and X card tags, the author, a title
never doubled, and the social card image, read from the fixture site's built
HTML; then the cards themselves (size, any text, same bytes, the cache)."""

from __future__ import annotations

import io
import os
import time
from types import SimpleNamespace

import pytest
from ishub import cards as c
from ishub.config import load_hub_config
from ishub.sharing import make_cards
from PIL import Image
from selectolax.lexbor import LexborHTMLParser

from tests.conftest import ROOT, mkdocs_build, real_config

SITE_URL = real_config()["site_url"]
SITE_NAME = real_config()["site_name"]
CENTRE = real_config()["site_author"]


def head(built, rel: str) -> tuple[LexborHTMLParser, dict[str, list[str]]]:
    """The page, and its sharing tags: property or name -> every content, in order."""
    tree = LexborHTMLParser((built / rel).read_text(encoding="utf-8"))
    tags: dict[str, list[str]] = {}
    for node in tree.css("head meta[property], head meta[name]"):
        key = node.attributes.get("property") or node.attributes["name"]
        tags.setdefault(key, []).append(node.attributes.get("content") or "")
    return tree, tags


def one(tags: dict, key: str) -> str:
    assert len(tags.get(key, [])) == 1, f"{key}: {tags.get(key)}"
    return tags[key][0]


def card_file(built, tags: dict):
    url = one(tags, "og:image")
    assert url.startswith(SITE_URL + "assets/cards/") and url.endswith(".png"), url
    return built / url[len(SITE_URL) :]


def assert_common(built, tags: dict, url: str, title: str) -> None:
    assert one(tags, "og:url") == SITE_URL + url
    assert one(tags, "og:title") == title
    assert one(tags, "og:site_name") == SITE_NAME
    assert one(tags, "og:description") == one(tags, "description")
    assert one(tags, "twitter:card") == "summary_large_image"
    assert one(tags, "og:image:alt") and one(tags, "twitter:image:alt") == one(tags, "og:image:alt")
    assert (one(tags, "og:image:width"), one(tags, "og:image:height")) == ("1200", "630")
    with Image.open(card_file(built, tags)) as image:
        assert image.format == "PNG" and image.size == (1200, 630)


def test_a_post_is_an_article_with_its_authors_dates_and_themes(built):
    tree, tags = head(built, "blog/inferred-post/index.html")
    title = "Building trust and confidence between practitioners"
    assert_common(built, tags, "blog/inferred-post/", title)
    assert tree.css_first("title").text() == f"{title} - {SITE_NAME}"
    assert one(tags, "og:type") == "article"
    assert one(tags, "author") == "Ada Author, Ben Writer & Co <Ltd>"
    assert tags["article:author"] == ["Ada Author", "Ben Writer & Co <Ltd>"]
    assert one(tags, "article:published_time") == "2025-06-01"
    assert one(tags, "article:modified_time") == "2025-07-01"
    assert one(tags, "article:section") == "Blog post"
    assert tags["article:tag"] and set(tags["article:tag"]) <= {"Culture", "Governance", "Technology"}
    alt = one(tags, "og:image:alt")
    assert "Blog post" in alt and all(theme in alt for theme in tags["article:tag"])


def test_a_case_study_names_the_centre_and_its_themes(built):
    tree, tags = head(built, "case-studies/london-housing/index.html")
    assert_common(built, tags, "case-studies/london-housing/", "Preventing homelessness in London")
    assert one(tags, "og:type") == "article" and one(tags, "article:section") == "Case study"
    assert one(tags, "author") == CENTRE and "article:author" not in tags
    assert tags["article:tag"] == ["Technology", "Governance"]
    assert one(tags, "og:image:alt").startswith("Case study.")
    assert tree.css_first("title").text() == f"Preventing homelessness in London - {SITE_NAME}"


def test_a_guidance_page_has_its_update_but_no_publication_time(built):
    tree, tags = head(built, "guidance/sharing-lawfully/index.html")
    assert_common(built, tags, "guidance/sharing-lawfully/", "Sharing lawfully")
    assert one(tags, "og:type") == "article" and one(tags, "article:section") == "Guidance"
    assert one(tags, "article:modified_time") == "2025-01-15" and "article:published_time" not in tags
    assert one(tags, "author") == CENTRE


def test_the_home_page_is_the_site_once(built):
    tree, tags = head(built, "index.html")
    assert tree.css_first("title").text() == SITE_NAME
    assert_common(built, tags, "", SITE_NAME)
    assert one(tags, "og:type") == "website" and "article:author" not in tags
    assert one(tags, "author") == CENTRE


@pytest.mark.parametrize(
    ("rel", "url", "title"),
    [
        ("blog/index.html", "blog/", "Blog"),
        ("blog/page/2/index.html", "blog/page/2/", None),
        ("themes/governance/index.html", "themes/governance/", "Governance"),
        ("subscribe/index.html", "subscribe/", None),
    ],
)
def test_listings_and_pages_share_the_site_card(built, rel, url, title):
    tree, tags = head(built, rel)
    title = title or one(tags, "og:title")
    assert_common(built, tags, url, title)
    assert one(tags, "og:type") == "website"
    assert tree.css_first("title").text() == f"{title} - {SITE_NAME}"
    _home, home_tags = head(built, "index.html")
    assert one(tags, "og:image") == one(home_tags, "og:image")


def test_no_title_is_doubled_and_every_page_has_a_card(built):
    for page in built.rglob("index.html"):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        if tree.css_first('meta[http-equiv="refresh"]'):
            continue  # an old address's redirect page
        title = tree.css_first("title").text()
        assert f"{SITE_NAME} - {SITE_NAME}" not in title and title.count(SITE_NAME) == 1, page
        image = tree.css_first('meta[property="og:image"]')
        assert image is not None and (built / image.attributes["content"][len(SITE_URL) :]).is_file(), page


def test_a_rebuild_draws_no_card_again(built, tmp_path):
    repo = built.parent
    cache = repo / ".cache" / "ishub-cards"
    # A card drawn again is a new file (written beside, then moved in place): a new inode.
    before = {p.name: p.stat().st_ino for p in cache.glob("*.png")}
    published = {p.name: p.read_bytes() for p in (built / "assets" / "cards").glob("*.png")}
    assert before and set(before) == set(published)
    assert all((cache / name).read_bytes() == data for name, data in published.items())
    result = mkdocs_build(repo, out=tmp_path / "again")
    assert result.code == 0, result.text
    assert {p.name: p.stat().st_ino for p in cache.glob("*.png")} == before
    again = {p.name: p.read_bytes() for p in (tmp_path / "again" / "assets" / "cards").glob("*.png")}
    assert again == published


# --- the cards, without a build -------------------------------------------------------------


@pytest.fixture(scope="module")
def hub():
    hub, problems = load_hub_config(ROOT, real_config())
    assert hub is not None, problems
    return hub


def item(title: str, kind: str = "post", themes=("governance",), n: int = 0) -> SimpleNamespace:
    return SimpleNamespace(src_uri=f"blog/{n}.md", kind=kind, title=title, theme_ids=themes)


def test_one_card_per_type_and_themes_drawn_once(hub, tmp_path):
    items = [item(f"Post {n}", n=n) for n in range(5)] + [item("A case", "case-study", ("culture",), 9)]
    first = make_cards(tuple(items), hub, "", "The hub.", tmp_path)
    assert first.drawn == 3  # the site's card, one for the posts, one for the case study
    assert len(set(first.by_page.values())) == 2 and first.site not in first.by_page.values()
    assert make_cards(tuple(items), hub, "", "The hub.", tmp_path).drawn == 0


def inodes(folder) -> dict[str, int]:
    return {p.name: p.stat().st_ino for p in folder.glob("*.png")}


def test_cards_per_item_redraw_only_what_changed(hub, tmp_path):
    items = (item("First", n=1), item("Second", n=2))
    assert make_cards(items, hub, "", "The hub.", tmp_path, per_item=True).drawn == 3
    before = inodes(tmp_path)
    edited = (items[0], item("Second, edited", n=2))
    assert make_cards(edited, hub, "", "The hub.", tmp_path, per_item=True).drawn == 1
    after = inodes(tmp_path)
    assert len(after) == 4 and all(after[name] == ino for name, ino in before.items())


def test_cards_unused_for_a_month_are_removed(hub, tmp_path):
    old = make_cards((item("Old title", n=1),), hub, "", "The hub.", tmp_path, per_item=True)
    month_ago = time.time() - 31 * 86400
    for path in tmp_path.glob("*.png"):
        os.utime(path, (month_ago, month_ago))
    new = make_cards((item("New title", n=1),), hub, "", "The hub.", tmp_path, per_item=True)
    assert new.drawn == 1  # the site's card was kept, and marked as used again
    assert set(inodes(tmp_path)) == {f"{p.rsplit('/', 1)[1]}" for p in (new.site, *new.by_page.values())}
    assert old.by_page["blog/1.md"] not in new.by_page.values()


HARD_TITLES = [
    "Fish & chips <script>alert(1)</script> \"quoted\" 'single'",
    "Ŵyr a ŷd: croeso i’r Hwb, café́ naïve Ærøskøbing",  # Welsh, a combining mark, Danish
    "日本語のタイトル",  # no glyphs in the font: left out (per item, the type is drawn instead)
    "שלום עולם and مرحبا",  # right to left: left out
    "Emoji 🎉🙂 and zero\u200bwidth\u200d joiners \ufeff",
    "A" * 5000,  # one word longer than the card
    "word " * 2000,  # far too long
    "\U0010ffff\ue000\ud7ff",  # unassigned and private use
    "",
]


@pytest.mark.parametrize("title", HARD_TITLES)
def test_any_title_draws_a_card_of_the_right_size_the_same_every_time(title):
    pal = c.palette_from_css((ROOT / "overrides" / "assets" / "hub.css").read_text(encoding="utf-8"))
    card = c.Card("Blog post", title, (("Governance", "#17476a"),), SITE_NAME, "example.org", pal)
    png = c.draw(card)
    assert png == c.draw(card)
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (1200, 630) and image.mode == "RGB"
        assert not image.info  # no timestamps or text chunks


def test_long_titles_are_wrapped_and_shortened_within_the_card():
    lines, font = c.title_lines("word " * 2000, 1056)
    assert lines[-1].endswith(c.ELLIPSIS) and len(lines) <= 4
    assert all(font.getlength(line) <= 1056 for line in lines)
    lines, _font = c.title_lines("A" * 5000, 1056)
    assert lines[-1].endswith(c.ELLIPSIS)


def test_text_the_font_cannot_draw_is_left_out():
    assert c.drawable("Ŵyr 日本 🙂 x\u200by\tz") == "Ŵyr xy z"
    assert not c.legible("日本語のタイトル") and c.legible("Croeso i’r Hwb")


def test_the_palette_comes_from_the_style_sheet():
    pal = c.palette_from_css((ROOT / "overrides" / "assets" / "hub.css").read_text(encoding="utf-8"))
    assert pal.primary == "#17476a" and pal.theme_colour("culture") == "#7a3a8f"
    assert pal.theme_colour("a-new-theme") == pal.primary


def test_the_font_and_its_licence_ship_with_the_project():
    assert c.BOLD.is_file() and c.REGULAR.is_file()
    licence = (c.FONTS / "LICENSE.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert os.path.getsize(c.BOLD) > 100_000
