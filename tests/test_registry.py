"""Content types and facets are declarations the rest of the hub reads.

The end-to-end case adds a facet the way a maintainer would: one `Facet` entry
(put into `registry.FACETS` before anything else of the hub is imported, by a
`sitecustomize` module on the build's path) and its vocabulary in mkdocs.yml.
Validation, the library, the facet pages, the feeds, the open data and the
field reference all follow, with no other change.
"""

from __future__ import annotations

import csv
import io
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from ishub import registry
from ishub.schema import FIELDS

from tests.conftest import ENV, make_site, mkdocs_build, read, real_config, run

NEW_FACET = """\
from ishub import registry

registry.FACETS = registry.FACETS + (
    registry.Facet(
        "organisation-type",
        "Organisation type",
        "Organisation types",
        (registry.CASE_STUDY,),
        vocabulary="organisation_types",
        field="organisation_type",
        required=False,
        description="The kind of organisation that led the work.",
        example="council",
        library=True,
        feed_folder="organisation-types",
        page="{case-study}/organisation-type/{id}/",
        about="led by {lower}",
        feed_title="case studies led by {lower}",
        feed_description="New case studies led by {lower}.",
    ),
)
"""
TYPES = [{"id": "council", "label": "Councils"}, {"id": "police-force", "label": "Police forces"}]


def test_every_type_and_facet_is_declared_once():
    kinds = [t.kind for t in registry.TYPES]
    keys = [f.key for f in registry.FACETS]
    assert len(set(kinds)) == len(kinds) and len(set(keys)) == len(keys)
    for facet in registry.FACETS:
        assert set(facet.kinds) <= set(kinds), facet.key
        if facet.field:  # a facet with a field of its own is a field of each type that carries it
            for kind in facet.kinds:
                assert facet.field in [f.name for f in FIELDS[kind]], (facet.key, kind)
        if facet.feed_folder:
            assert facet.vocabulary and facet.page and facet.feed_title, facet.key


@pytest.fixture(scope="module")
def with_new_facet(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("facet")
    (root / "path").mkdir()
    (root / "path" / "sitecustomize.py").write_text(NEW_FACET, encoding="utf-8")
    extra = {**real_config()["extra"], "organisation_types": TYPES}
    site = make_site(root / "repo", extra={**extra, "listing": {**extra["listing"], "blog_page_size": 5}})
    case = next(p for p in sorted((site / "case_studies").glob("*.md")) if "draft: true" not in p.read_text())
    text = case.read_text(encoding="utf-8").replace("\n---\n", "\norganisation_type: council\n---\n", 1)
    case.write_text(text, encoding="utf-8")
    env = {**ENV, "PYTHONPATH": f"{root / 'path'}:{ENV['PYTHONPATH']}"}
    result = mkdocs_build(site, env=env)
    assert result.code == 0, result.text
    return site


def case_slug(site: Path) -> str:
    return next(
        p.stem for p in (site / "case_studies").glob("*.md") if "organisation_type: council" in p.read_text()
    )


def test_a_new_facet_is_a_filter_a_page_and_a_feed(with_new_facet):
    built = with_new_facet / "site"
    slug = case_slug(with_new_facet)
    library = read(built, "case-studies/index.html")
    assert "<legend>Organisation type</legend>" in library
    assert 'name="organisation-type" value="council"' in library
    assert 'data-organisation-type="council"' in library
    page = read(built, "case-studies/organisation-type/council/index.html")
    assert "<h1>Case studies led by councils</h1>" in page
    assert f'href="../../{slug}/"' in page
    assert 'href="../../../feeds/organisation-types/council.xml"' in page  # announced in the head
    feed = ET.fromstring(read(built, "feeds/organisation-types/council.xml"))
    assert [i.findtext("link").rsplit("/", 2)[-2] for i in feed.iter("item")] == [slug]
    assert "feeds/organisation-types/council.xml" in read(built, "subscribe/index.html")


def test_a_new_facet_is_in_the_open_data(with_new_facet):
    rows = list(csv.DictReader(io.StringIO(read(with_new_facet / "site", "catalogue.csv"))))
    chosen = [r for r in rows if r["organisation_type_id"]]
    assert [(r["slug"], r["organisation_type"], r["organisation_type_id"]) for r in chosen] == [
        (case_slug(with_new_facet), "Councils", "council")
    ]


def test_a_new_facet_is_checked_and_documented(with_new_facet, tmp_path):
    env = {**ENV, "PYTHONPATH": f"{with_new_facet.parent / 'path'}:{ENV['PYTHONPATH']}"}
    case = with_new_facet / "case_studies" / f"{case_slug(with_new_facet)}.md"
    case.write_text(
        case.read_text(encoding="utf-8").replace("organisation_type: council", "organisation_type: councl")
    )
    result = run([sys.executable, "-m", "ishub", "check"], cwd=with_new_facet, env=env)
    assert result.code == 1
    assert "organisation_type: 'councl' is not an organisation type; did you mean 'council'?" in result.out
    reference = run(
        [
            sys.executable,
            "-c",
            "import yaml; from pathlib import Path; from ishub.config import load_hub_config; "
            "from ishub.reference import field_reference; "
            "hub, _ = load_hub_config(Path('.'), yaml.safe_load(Path('mkdocs.yml').read_text())); "
            "print(field_reference(hub))",
        ],
        cwd=with_new_facet,
        env=env,
    )
    assert (
        "| `organisation_type` | no | one organisation type id ([allowed organisation types]" in reference.out
    )
    assert "### Allowed organisation types" in reference.out
    assert "| `police-force` | Police forces |" in reference.out
