"""One verdict for a contributor: `make check`, the build and the preview agree on
what stops a pull request, and say it with the file, the line and a fix."""

from __future__ import annotations

import sys

import pytest

from tests.conftest import make_site, mkdocs_build, run
from tests.test_site import _wait_for, serving

POST = "blog/2026-01-10-links.md"
FRONT = (
    "---\ntitle: Links\ndate: 2026-01-10\nauthors: [ada-author]\nsummary: Links to other pages.\n"
    "themes: [governance]\n---\n\n"
)
BROKEN = {
    "[the law](../guidance/sharing-lawfuly.md)": f"{POST}:9: link: '../guidance/sharing-lawfuly.md' does not "
    "exist; did you mean '../guidance/sharing-lawfully.md'?",
    "![A chart of referrals](images/missing-chart.svg)": f"{POST}:10: image: 'images/missing-chart.svg' does "
    "not exist; put the file beside the content (e.g. images/) or correct the path",
    "[an anchor](../guidance/agreements.md#no-such-heading)": f"{POST}:11: link: "
    "'../guidance/agreements.md#no-such-heading': guidance/agreements.md has no heading or anchor "
    "'no-such-heading'; link to one of the page's headings",
    "[the blog](/blog/)": f"{POST}:12: link: '/blog/' starts at the site's root, which breaks when the site is "
    "served from a folder; use a relative link to the .md file, e.g. '../guidance/sharing-lawfully.md'",
    "[subscribe](../subscribe/)": f"{POST}:13: link: '../subscribe/' does not exist; did you mean "
    "'../subscribe.md'?",
}


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("links") / "repo")
    (site / POST).write_text(FRONT + "\n".join(BROKEN) + "\n", encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def check_and_build(broken_site, tmp_path_factory):
    check = run([sys.executable, "-m", "ishub", "check"], cwd=broken_site)
    build = mkdocs_build(broken_site, out=tmp_path_factory.mktemp("links-out") / "site")
    return check, build


@pytest.mark.parametrize("message", list(BROKEN.values()), ids=list(BROKEN))
def test_broken_links_and_images_fail_check_and_build_alike(check_and_build, message):
    check, build = check_and_build
    assert check.code == 1 and build.code == 1
    assert message in check.out.splitlines(), check.text
    assert message in build.err.splitlines(), build.text


def test_nothing_that_fails_the_build_passes_check(check_and_build):
    check, build = check_and_build
    hub_lines = {
        line for line in build.err.splitlines() if line.startswith(("blog/", "case_studies/", "docs/"))
    }
    assert hub_lines and hub_lines <= set(check.out.splitlines())
    assert "Traceback" not in check.text + build.text


def test_working_links_pass(tmp_path):
    site = make_site(tmp_path / "repo")
    (site / POST).write_text(
        FRONT + "[the law](../guidance/sharing-lawfully.md), [agreements](../guidance/agreements.md), "
        "[subscribe](../subscribe.md), [the blog](index.md) and [a theme](../themes/governance/index.md).\n",
        encoding="utf-8",
    )
    result = run([sys.executable, "-m", "ishub", "check"], cwd=site)
    assert result.code == 0, result.text


def test_the_preview_shows_the_problems_instead_of_hanging(tmp_path):
    site = make_site(tmp_path / "repo")
    post = site / POST
    post.write_text(FRONT + "See [the law](../guidance/sharing-lawfuly.md).\n", encoding="utf-8")
    with serving(site, "--no-strict") as base:
        for page in ("", "blog/"):
            html = _wait_for(base + page, "The preview cannot show the site yet")
            assert "The preview cannot show the site yet" in html, page
            assert f"{POST}:9: link: &#39;../guidance/sharing-lawfuly.md&#39; does not exist" in html
        post.write_text(FRONT + "See [the law](../guidance/sharing-lawfully.md).\n", encoding="utf-8")
        html = _wait_for(base + "blog/links/", "See <a")
        assert "The preview cannot show the site yet" not in html
