"""What readers see of themes: badges, theme pages, the themes index, related
items; what editors see: `ishub themes`; and a fourth theme added by configuration alone.
"""

from __future__ import annotations

import json
import re
import sys

import yaml

from tests.conftest import ROOT, make_site, mkdocs_build, read, real_config, run

THEMES = [t["id"] for t in real_config()["extra"]["themes"]]  # the taxonomy is data


def theme_members(built, theme_id: str) -> set[str]:
    """Every item URL on a theme's pages (all pages of it)."""
    found = set()
    for page in sorted((built / "themes" / theme_id).rglob("index.html")):
        found |= set(
            re.findall(
                r'class="hub-entry__title"><a href="([^"]+)"', read(built, str(page.relative_to(built)))
            )
        )
    return {re.sub(r"^(\.\./)+", "", h) for h in found}


def item_badges(built) -> dict[str, set[str]]:
    """Item URL -> theme ids, read from each item page's own badges."""
    out = {}
    for page in (
        list(built.glob("blog/*/index.html"))
        + list(built.glob("case-studies/*/index.html"))
        + list(built.glob("guidance/*/index.html"))
    ):
        html = page.read_text(encoding="utf-8")
        meta = re.search(r'<div class="hub-item-meta">(.*?)</div>', html, re.S)
        if not meta:
            continue
        url = str(page.parent.relative_to(built)) + "/"
        out[url] = set(re.findall(r'data-theme="([a-z-]+)"', meta.group(1)))
    return out


def test_theme_pages_list_exactly_the_items_with_that_theme(built):
    badges = item_badges(built)
    assert len(badges) >= 17
    for theme in THEMES:
        expected = {url for url, themes in badges.items() if theme in themes}
        assert theme_members(built, theme) == expected, theme


def test_every_item_shows_its_themes(built):
    assert all(badges for badges in item_badges(built).values())


def test_inferred_themes_come_from_the_text(built):
    assert item_badges(built)["blog/inferred-post/"] == {"culture"}
    assert "governance" in item_badges(built)["guidance/agreements/"]


def test_themes_index_links_every_theme_with_counts(built):
    html = read(built, "themes/index.html")
    for theme in THEMES:
        assert f'href="{theme}/"' in html
    assert re.search(r"\d+ items: \d+ blog posts, \d+ case studies, \d+ guidance", html)


def test_theme_pages_are_paginated(built):
    governance = sorted(p.parent.name for p in (built / "themes" / "governance").rglob("index.html"))
    assert "2" in governance  # fixture page size is 5


def test_related_items_at_the_foot_of_posts(built):
    html = read(built, "blog/newest-post/index.html")
    related = re.search(r'<aside class="hub-related".*?</aside>', html, re.S).group(0)
    links = re.findall(r'<li><a href="([^"]+)"', related)
    limit = real_config()["extra"]["listing"]["related_items"]
    assert 1 <= len(links) <= limit and "../newest-post/" not in links


def test_themes_report_explains_every_item():
    result = run([sys.executable, "-m", "ishub", "themes"], cwd=ROOT)
    assert result.code == 0, result.text
    assert "without a theme" in result.out
    assert re.search(r"blog/\S+\.md: \S+ \[(explicit|inferred)\]", result.out)


def test_themes_json_for_any_file_even_outside_the_content(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(
        "# A draft\n\nOur DPIA and the information sharing agreement set out the lawful basis "
        "under UK GDPR and the Data Protection Act 2018.\n"
    )
    explicit = tmp_path / "explicit.md"
    explicit.write_text("---\ntitle: X\nthemes: [culture]\n---\n\nText.\n")
    result = run(
        [sys.executable, "-m", "ishub", "themes", "--format", "json", str(draft), str(explicit)], cwd=ROOT
    )
    assert result.code == 0, result.text
    rows = json.loads(result.out)
    assert [set(r) for r in rows] == [{"path", "themes", "source", "evidence"}] * 2
    assert rows[0]["themes"] == ["governance"] and rows[0]["source"] == "inferred"
    assert rows[0]["evidence"]["governance"]
    assert rows[1] == {"path": str(explicit), "themes": ["culture"], "source": "explicit", "evidence": {}}


def test_a_fourth_theme_needs_configuration_only(tmp_path):
    extra = real_config()["extra"]
    extra["themes"].append(
        {
            "id": "evaluation",
            "label": "Evaluation",
            "description": "Measuring what sharing achieves.",
            "signals": ["evaluation", "outcome measures", {"phrase": "baseline", "weight": 2}],
        }
    )
    site = make_site(tmp_path / "repo", extra=extra)
    config = yaml.safe_load((site / "mkdocs.yml").read_text())
    config["extra"]["listing"]["blog_page_size"] = 5
    (site / "blog" / "2025-10-01-evaluating-sharing.md").write_text(
        "---\ntitle: Evaluating sharing\ndate: 2025-10-01\nauthors: [ada-author]\n"
        "summary: How we measure.\nthemes: [evaluation]\n---\n\nBody.\n"
    )
    result = mkdocs_build(site)
    assert result.code == 0, result.text
    out = site / "site"
    assert "Evaluating sharing" in read(out, "themes/evaluation/index.html")
    assert 'data-theme="evaluation" href="../../themes/evaluation/">Evaluation</a>' in read(
        out, "blog/evaluating-sharing/index.html"
    )
    assert "evaluating-sharing" in read(out, "feeds/themes/evaluation.xml")
    assert 'href="evaluation/">Evaluation</a>' in read(out, "themes/index.html")
