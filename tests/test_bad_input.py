"""Bad input: every case has a fixture under tests/fixtures/bad and its exact message.

All bad files go into one copy of the fixture site: `ishub check` and the
strict build must each report every problem of every file in one run, then
exit non-zero, with no Python traceback.
"""

from __future__ import annotations

import os
import shutil
import sys

import pytest

from tests.conftest import FIXTURES, ROOT, check_and_build, make_site, mkdocs_build, run

REGIONS = (
    "north-east, north-west, yorkshire-and-the-humber, east-midlands, west-midlands, east-of-england, "
    "london, south-east, south-west, wales, scotland, northern-ireland, national"
)
AREAS = (
    "early-intervention, health-and-social-care, policing-and-community-safety, safeguarding-children, "
    "safeguarding-adults, domestic-abuse, troubled-families, welfare-and-employment, mental-health, "
    "housing-and-homelessness"
)
FILE_NAME_FIX = "(letters a-z, digits and hyphens only)"
ACTIVE = "blog/2026-01-18-active-content.md"
FORBIDDEN = "remove it; content may not carry scripts, frames, forms or styles"

EXPECTED = {
    "yaml syntax error": "blog/2026-01-01-yaml-syntax.md:2: front matter: YAML syntax error: mapping values are "
    "not allowed in this context; check indentation, and put quotes around values containing ': ' or '#'",
    "tab in YAML": "blog/2026-01-02-tabs-in-yaml.md:5: front matter: contains a tab character; "
    "indent YAML with spaces, never tabs",
    "front matter never closed": "blog/2026-01-03-never-closed.md:1: front matter: is never closed; "
    "add a line '---' after the last field",
    "wrong type": "blog/2026-01-04-wrong-type.md:2: title: expected text, got a list; "
    "write it on one line, e.g. title: Our first year",
    "wrong type bool": "blog/2026-01-04-wrong-type.md:6: draft: expected true or false, got text; "
    "write draft: true or draft: false",
    "list given as a string": "blog/2026-01-05-list-as-string.md:4: authors: expected a list, got text; "
    "write it as a list in square brackets, e.g. authors: [ada-author]",
    "unknown key": "blog/2026-01-06-unknown-key.md:5: summmary: is not a field of a blog post; did you mean "
    "'summary'? (fields: title, date, authors, summary, themes, updated, aliases, guid, draft)",
    "unknown theme": "blog/2026-01-07-unknown-theme.md:6: themes: 'goverance' is not a theme; did you mean "
    "'governance'? (themes: culture, governance, technology; new ones go in mkdocs.yml)",
    "unknown author": "blog/2026-01-08-unknown-author.md:4: authors: 'ada-autor' is not an author in "
    "blog/authors.yml; did you mean 'ada-author'? (authors: ada-author, ben-writer; new ones go in "
    "blog/authors.yml)",
    "invalid date": "blog/2026-01-09-invalid-date.md:3: date: '9 January 2026' is not a date in the form "
    "YYYY-MM-DD; write the date alone as YYYY-MM-DD, e.g. date: 2026-11-24",
    "date with time and zone": "blog/2026-01-10-date-with-time.md:3: date: '2026-01-10T09:30:00+01:00' has a "
    "time; the hub publishes by day; write the date alone as YYYY-MM-DD, e.g. date: 2026-11-24",
    "missing required field": "blog/2026-01-11-missing-field.md:1: summary: is missing; "
    "add 'summary: What we learnt about trust in our first year.' to the front matter",
    "front matter only": "blog/2026-01-12-front-matter-only.md:7: body: is empty: the file has front matter "
    "only; write the text below the closing '---' line",
    "empty file": "blog/2026-01-13-empty.md:1: file: the file is empty; "
    "start it with front matter between two '---' lines",
    "capitals in file name": "blog/2026-01-14-Capital-Letters.md:1: file name: '2026-01-14-Capital-Letters.md' "
    f"is not lower-case words joined by hyphens; rename it to '2026-01-14-capital-letters.md' {FILE_NAME_FIX}",
    "spaces in file name": "blog/my post.md:1: file name: 'my post.md' is not lower-case words joined by "
    f"hyphens; rename it to 'my-post.md' {FILE_NAME_FIX}",
    "non-ASCII file name": "blog/café-culture.md:1: file name: 'café-culture.md' is not lower-case words "
    f"joined by hyphens; rename it to 'cafe-culture.md' {FILE_NAME_FIX}",
    "duplicate slug": "blog/2026-01-16-same-slug.md:1: slug: 'same-slug' is already used by "
    "blog/2026-01-15-same-slug.md; rename one of the files so that each has its own address",
    "not UTF-8": "blog/2026-01-17-not-utf8.md:5: file: is not UTF-8 text (byte 0xe9 cannot be read); "
    "save the file with UTF-8 encoding",
    "script": f"{ACTIVE}:11: body: <script> is not allowed in content; remove it; content may not run scripts",
    "iframe": f"{ACTIVE}:13: body: <iframe> is not allowed in content; remove it; "
    "content may not embed other pages; link to them instead",
    "event handler": f"{ACTIVE}:15: body: the onclick attribute on <a> is not allowed; remove it; "
    "content may not run scripts",
    "javascript: link": f"{ACTIVE}:17: link: 'javascript:alert(1)' uses the javascript: scheme, which links "
    "may not use; link to an https:// page, a mailto: or tel: address, or a file in the repository",
    "data: image": f"{ACTIVE}:19: image: is embedded in the page as a data: address; images must be files of "
    "this site; save the image beside the content (e.g. blog/images/) and link to that file",
    "style": f"{ACTIVE}:21: body: <style> is not allowed in content; remove it; the site's look comes from its theme",
    "form": f"{ACTIVE}:23: body: <form> is not allowed in content; remove it; "
    "content may not collect information from readers",
    "image without alt text": f"{ACTIVE}:25: image: has no alt text; "
    "describe the image between the brackets: ![what it shows](file.svg)",
    "date differs from file name": "blog/2026-01-19-mismatched-date.md:3: date: 2026-01-20 differs from the "
    "date in the file name (2026-01-19); make the file name and the date field agree",
    "impossible date": "case_studies/unknown-region.md:3: date: '2026-02-30' is not a real date "
    "(02 has no day 30); check the day",
    "unknown region": "case_studies/unknown-region.md:7: region: 'north west' is not a region; did you mean "
    f"'north-west'? (regions: {REGIONS}; new ones go in mkdocs.yml)",
    "unknown policy area": "case_studies/unknown-region.md:8: policy_areas: 'policing' is not a policy area; "
    f"did you mean 'policing-and-community-safety'? (policy areas: {AREAS}; new ones go in mkdocs.yml)",
    "merge key": "blog/2026-01-22-merge-key.md:2: front matter: uses a merge key (<<), which content may "
    "not use; write each field on its own line instead of merging a mapping in",
    "link to a file the site leaves out": "blog/2026-01-23-hidden-file.md:9: link: 'images/.notes.txt' is a "
    "file the site does not publish: names starting with a dot are left out; rename the file (or its "
    "folder) without the leading dot, and link to the new name",
}
# Written by the bad_site fixture, beside the files of tests/fixtures/bad.
WRITTEN = {
    # A merge key would set the title with no line of its own, past the duplicate-key check.
    "blog/2026-01-22-merge-key.md": "---\n<<: {title: Merged}\ndate: 2026-01-22\nauthors: [ada-author]\n"
    "summary: Merged.\n---\n\nBody.\n",
    # MkDocs leaves dot-files out of the site, so this link would 404.
    "blog/images/.notes.txt": "Notes.\n",
    "blog/2026-01-23-hidden-file.md": "---\ntitle: Hidden file\ndate: 2026-01-23\nauthors: [ada-author]\n"
    "summary: Links to a file the site leaves out.\nthemes: [culture]\n---\n\nSee [the notes](images/.notes.txt).\n",
}
BIG = (
    "blog/2026-01-20-five-megabytes.md:1: file: the file is 5.2 MB, over the 1 MB limit; split it into "
    "smaller items or move large data out of the content"
)
LINK = (
    "blog/2026-01-21-outside.md:1: file: is a symbolic link; content may not link to other files; "
    "replace the link with the file itself"
)


@pytest.fixture(scope="module")
def bad_site(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("bad") / "repo")
    shutil.copytree(FIXTURES / "bad", site, dirs_exist_ok=True)
    front = "---\ntitle: Big\ndate: 2026-01-20\nauthors: [ada-author]\nsummary: Big.\n---\n\n"
    (site / "blog" / "2026-01-20-five-megabytes.md").write_text(front + "word " * 1_040_000)
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.md"
    outside.write_text("---\ntitle: Secret\n---\n\nNot in the repository.\n")
    os.symlink(outside, site / "blog" / "2026-01-21-outside.md")
    for rel, text in WRITTEN.items():
        (site / rel).write_text(text, encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def check_result(bad_site):
    return run([sys.executable, "-m", "ishub", "check"], cwd=bad_site)


@pytest.fixture(scope="module")
def build_result(bad_site, tmp_path_factory):
    return mkdocs_build(bad_site, out=tmp_path_factory.mktemp("bad-out") / "site")


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_check_names_file_line_and_field(check_result, case):
    assert EXPECTED[case] in check_result.out.splitlines(), check_result.text


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_build_reports_the_same_message(build_result, case):
    assert EXPECTED[case] in build_result.err.splitlines(), build_result.text[-4000:]


@pytest.mark.parametrize("line", [BIG, LINK])
def test_oversized_files_and_links_outside_are_refused(check_result, build_result, line):
    assert line in check_result.out.splitlines()
    assert line in build_result.err.splitlines()


def test_one_run_reports_everything_then_fails_once(check_result, build_result):
    assert check_result.code == 1
    assert build_result.code == 1
    for result in (check_result, build_result):
        assert "Traceback" not in result.text
    assert "Checked 48 content files: 39 error(s)" in check_result.err
    assert "39 problem(s) in the content:" in build_result.err
    assert "Aborted with a BuildError!" in build_result.text


def test_code_blocks_are_shown_not_checked(check_result):
    assert f"{ACTIVE}:29:" not in check_result.out


def test_recommended_sections_warn_without_failing(check_result):
    warning = (
        "warning: case_studies/welsh-mental-health-crisis.md:13: body: the recommended sections "
        "'What changed', 'Lessons' are missing; add them as '## ' headings, in the order of the template"
    )
    assert warning in check_result.out.splitlines()


def test_clean_content_passes_check(tmp_path):
    site = make_site(tmp_path / "repo")
    result = run([sys.executable, "-m", "ishub", "check"], cwd=site)
    assert result.code == 0, result.text
    assert "0 error(s)" in result.err


def test_repository_content_passes_check():
    """The same rule as `make check` and CI: errors block, warnings only advise."""
    result = run([sys.executable, "-m", "ishub", "check"], cwd=ROOT)
    assert result.code == 0, result.text
    assert " 0 error(s)," in result.err
    assert not [line for line in result.out.splitlines() if not line.startswith("warning: ")]


# --- The authors file: checked as front matter is -------------------------------------------------

LONG_NAME = "D" * 200_000
LONG_BIO = "x" * 700
AUTHORS = "blog/authors.yml"
# Lines 1-12 are the fixture's two real authors; each later line is one weakness.
HOSTILE_AUTHORS = f"""authors:
  ada-author:
    name: Ada Author
    role: Head of Testing
    organisation: Centre of Excellence for Information Sharing
    bio: Writes the fixture posts.
  ben-writer:
    name: Ben Writer & Co <Ltd>
    role: Guest author
    role: Chief executive
    organisation: Example Council
    bio: Has a name that needs escaping.
  cara-nested:
    name: {{a: b}}
    role: [Adviser]
    organisation: true
    twitter: "@cara"
  dan-long:
    name: {LONG_NAME}
    bio: {LONG_BIO}
  ada-author:
    name: Impostor
"""
AUTHORS_EXPECTED = {
    "duplicate author id": f"{AUTHORS}:21: authors.ada-author: appears twice (also on line 2); "
    "keep one of the two blocks",
    "duplicate field": f"{AUTHORS}:10: authors.ben-writer.role: appears twice (also on line 9); "
    "keep one of the two lines",
    "mapping as a name": f"{AUTHORS}:14: authors.cara-nested.name: expected text, got a mapping; "
    "write it on one line as plain text, e.g. name: Ada Lovelace",
    "list as a role": f"{AUTHORS}:15: authors.cara-nested.role: expected text, got a list; "
    "write it on one line as plain text, e.g. role: Information Governance Lead",
    "true as an organisation": f"{AUTHORS}:16: authors.cara-nested.organisation: expected text, got "
    'true/false; put it in quotes so that it is read as text, e.g. organisation: "Harrowfield City Council"',
    "unknown field": f"{AUTHORS}:17: authors.cara-nested.twitter: is not a field of an author; "
    "remove it or use a known field (fields: name, role, organisation, bio)",
    "name too long": f"{AUTHORS}:19: authors.dan-long.name: is 200000 characters, over the limit of 120; "
    "shorten it to 120 characters or fewer",
    "bio too long": f"{AUTHORS}:20: authors.dan-long.bio: is 700 characters, over the limit of 600; "
    "shorten it to 600 characters or fewer",
}


@pytest.fixture(scope="module")
def authors_results(tmp_path_factory):
    """The check and the build of a site whose authors file holds every mistake above."""
    site = make_site(tmp_path_factory.mktemp("authors") / "repo")
    (site / AUTHORS).write_text(HOSTILE_AUTHORS, encoding="utf-8")
    return check_and_build(site, tmp_path_factory.mktemp("authors-out") / "site")


@pytest.mark.parametrize("case", sorted(AUTHORS_EXPECTED))
def test_authors_file_problems_name_their_line_in_check_and_build(authors_results, case):
    authors_check, authors_build = authors_results
    assert AUTHORS_EXPECTED[case] in authors_check.out.splitlines(), authors_check.text[-3000:]
    assert AUTHORS_EXPECTED[case] in authors_build.err.splitlines(), authors_build.text[-3000:]


def test_a_hostile_authors_file_stops_the_build_with_nothing_published(authors_results):
    authors_check, authors_build = authors_results
    assert authors_check.code == 1 and authors_build.code == 1
    for result in (authors_check, authors_build):
        assert "Traceback" not in result.text
        assert "Impostor" not in result.text
        assert LONG_NAME not in result.text
    problems = [line for line in authors_check.out.splitlines() if line.startswith(f"{AUTHORS}:")]
    assert len(problems) == len(AUTHORS_EXPECTED), problems


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "authors:\n  ada-author:\n    <<: {name: Impostor}\n    name: Ada Author\n",
            f"{AUTHORS}:3: yaml: uses a merge key (<<), which content may not use; "
            "write each field on its own line instead of merging a mapping in",
        ),
        (
            "authors:\n  ada-author:\n    name: Ada Author\n    bio: Tests.\n  ben-writer:\n    bio: No name.\n",
            f"{AUTHORS}:5: authors.ben-writer.name: is missing; "
            "add 'name: Ada Lovelace' on an indented line below the id",
        ),
        (
            "authors:\n  ada-author:\n    name: Ada Author\n  Ben_Writer:\n    name: Ben Writer\n",
            f"{AUTHORS}:4: authors.Ben_Writer: is not a lower-case id; "
            "write the id as lower-case words joined by hyphens, e.g. ada-lovelace",
        ),
        (
            "authors:\n  ada-author:\n    name: Ada Author\n    boi: Tests.\n",
            f"{AUTHORS}:4: authors.ada-author.boi: is not a field of an author; "
            "did you mean 'bio'? (fields: name, role, organisation, bio)",
        ),
    ],
    ids=["merge key", "missing name", "id not lower-case", "misspelt field"],
)
def test_authors_file_mistakes_are_refused_with_their_line(tmp_path, text, expected):
    site = make_site(tmp_path / "repo")
    (site / AUTHORS).write_text(text, encoding="utf-8")
    result = run([sys.executable, "-m", "ishub", "check"], cwd=site)
    assert result.code == 1, result.text
    assert expected in result.out.splitlines(), result.text
    assert "Traceback" not in result.text
