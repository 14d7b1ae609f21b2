"""Theme taxonomy configuration, text preparation, signal counting and inference.

Also: set-aside clauses ("this is not a technology problem"), the rules that
admit a second or third theme, explanations that match decisions, and quality
on the labelled sets in tests/data/ (see tests/evaluate_themes.py).
"""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

import pytest
from ishub.cli import _decision_json
from ishub.signals import compile_matcher
from ishub.theme_config import SET_ASIDE_AFTER, SET_ASIDE_BEFORE, SET_ASIDE_UNTIL
from ishub.themes import (
    MIN_WORDS,
    Evidence,
    InferenceSettings,
    Signal,
    Taxonomy,
    Theme,
    ThemeDecision,
    count_signals,
    infer_themes,
    parse_taxonomy,
    prepare_text,
    read_mkdocs_config,
    score_themes,
    sentences_asked,
    taxonomy_from_config,
)

from tests.evaluate_themes import (
    SETS,
    error_kinds,
    inferred,
    load_texts,
    macro_f1,
    ranked,
    role_confusion,
    score,
)

ROOT = Path(__file__).resolve().parents[1]
GOVERNANCE_PARAGRAPH = (
    "Before sharing, record the lawful basis under UK GDPR and check the Data Protection Act "
    "2018 conditions. The data protection officer reviewed the DPIA, and the information "
    "sharing agreement names each controller and the retention period. "
)


@pytest.fixture(scope="module")
def shipped() -> dict:
    return read_mkdocs_config(ROOT / "mkdocs.yml")


@pytest.fixture(scope="module")
def taxonomy(shipped: dict) -> Taxonomy:
    result, problems = taxonomy_from_config(shipped)
    assert problems == []
    return result


def raw_theme(theme_id: str = "culture", **changes: object) -> dict:
    theme = {
        "id": theme_id,
        "label": theme_id.title(),
        "description": f"Everything about {theme_id}.",
        "signals": ["trust", {"phrase": "leadership", "weight": 2}],
    }
    theme.update(changes)
    return theme


def messages(raw_themes: object, raw_settings: object = None) -> list[str]:
    return [str(p) for p in parse_taxonomy(raw_themes, raw_settings)[1]]


# --- configuration -------------------------------------------------------------------


def test_shipped_configuration_is_valid_and_rich(shipped: dict, taxonomy: Taxonomy) -> None:
    raw = shipped["extra"]["themes"]
    assert taxonomy.ids() == tuple(t["id"] for t in raw)
    for theme in taxonomy.themes:
        assert 40 <= len(theme.signals) <= 200, theme.id
        assert all(0 < s.weight <= 3 for s in theme.signals)
        assert any(s.weight >= 2 for s in theme.signals) and any(s.weight < 1.5 for s in theme.signals)
    assert taxonomy.get(raw[0]["id"]) is taxonomy.themes[0]
    assert taxonomy.get("no-such-theme") is None
    # The shipped cue lists are the code's defaults, written out so they can be edited.
    settings = taxonomy.settings
    assert settings.set_aside_after == SET_ASIDE_AFTER and settings.set_aside_before == SET_ASIDE_BEFORE
    assert settings.set_aside_until == SET_ASIDE_UNTIL and settings.set_aside_weight == 0
    assert settings.passing_signals and settings.min_topic_signals >= 1 and settings.min_signals >= 2


def test_mkdocs_tags_are_read_as_empty_values(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "extra:\n"
        "  analytics: !ENV [ANALYTICS_KEY, none]\n"
        "  themes: [{id: a, label: A, description: About a., signals: [apple]}]\n",
        encoding="utf-8",
    )
    loaded = read_mkdocs_config(config)
    assert loaded["markdown_extensions"][0]["pymdownx.emoji"]["emoji_index"] is None
    assert loaded["extra"]["analytics"] is None
    taxonomy, problems = taxonomy_from_config(loaded)
    assert problems == [] and taxonomy.ids() == ("a",)
    assert taxonomy.settings == InferenceSettings()


def test_parse_taxonomy_builds_typed_values() -> None:
    taxonomy, problems = parse_taxonomy(
        [raw_theme()], {"min_score": 2, "min_share": 0.5, "max_themes": 2, "ignore": ["NHS trust"]}
    )
    assert problems == []
    assert taxonomy.themes == (
        Theme(
            "culture", "Culture", "Everything about culture.", (Signal("trust"), Signal("leadership", 2.0))
        ),
    )
    assert taxonomy.settings == InferenceSettings(2, 0.5, 2, ("NHS trust",))


P = "mkdocs.yml:0: extra.themes"
ADD_THEMES = "add a list of themes, each with id, label, description, signals"
THEME_KEYS = "remove it or use only: id, label, description, signals"
LABEL_FIX = "give the short name readers see, e.g. 'Data quality'"
DESCRIPTION_FIX = "say in a sentence or two what the theme covers; theme pages show it"
SIGNALS_FIX = "list the words and phrases that suggest this theme"
PHRASE_FIX = "write a word or phrase using letters, digits, spaces, hyphens and apostrophes"


@pytest.mark.parametrize(
    ("raw_themes", "expected"),
    [
        (None, f"{P}: is missing; {ADD_THEMES}"),
        ([], f"{P}: is empty; {ADD_THEMES}"),
        ({"id": "x"}, f"{P}: must be a list, not a mapping; {ADD_THEMES}"),
        (
            ["culture"],
            f"{P}[0]: must be a mapping, not text; give each theme id, label, description, signals",
        ),
        ([raw_theme(colour="blue")], f"{P}[0].colour: 'colour' is not a known key; {THEME_KEYS}"),
        (
            [{**raw_theme(), "signal": ["x"]}],
            f"{P}[0].signal: 'signal' is not a known key; did you mean 'signals'? {THEME_KEYS}",
        ),
        (
            [raw_theme(), raw_theme()],
            f"{P}[1].id: 'culture' is already the id of extra.themes[0]; give each theme its own id",
        ),
        (
            [raw_theme("Data Quality")],
            f"{P}[0].id: 'Data Quality' is not a valid theme id; "
            "use lower-case words joined by hyphens, e.g. 'data-quality'",
        ),
        ([raw_theme(id=None)], f"{P}[0].id: is missing; add an id such as 'culture'"),
        ([raw_theme(label=None)], f"{P}[0].label: is missing; {LABEL_FIX}"),
        ([raw_theme(label=3)], f"{P}[0].label: must be text, not a number; {LABEL_FIX}"),
        ([raw_theme(description="")], f"{P}[0].description: is missing; {DESCRIPTION_FIX}"),
        ([raw_theme(signals=None)], f"{P}[0].signals: is missing; {SIGNALS_FIX}"),
        ([raw_theme(signals="trust")], f"{P}[0].signals: must be a list, not text; {SIGNALS_FIX}"),
        ([raw_theme(signals=[])], f"{P}[0].signals: is empty; {SIGNALS_FIX}"),
        (
            [raw_theme(signals=["trust", "Trust"])],
            f"{P}[0].signals[1]: 'Trust' is already listed at extra.themes[0].signals[0]; "
            "keep one of the two",
        ),
        (
            [raw_theme(signals=["trust", "#trust"])],
            f"{P}[0].signals[1]: '#trust' is not a usable phrase; {PHRASE_FIX}",
        ),
        (
            [raw_theme(signals=[{"phrase": "trust", "weigth": 2}])],
            f"{P}[0].signals[0].weigth: 'weigth' is not a known key; "
            "did you mean 'weight'? remove it or use only: phrase, weight",
        ),
        (
            [raw_theme(signals=[{"weight": 2}])],
            f"{P}[0].signals[0].phrase: empty is not a usable phrase; {PHRASE_FIX}",
        ),
        (
            [raw_theme(signals=[7])],
            f"{P}[0].signals[0]: must be a phrase, not a number; "
            "write the phrase as text, or as {phrase: ..., weight: ...}",
        ),
    ],
)
def test_bad_themes_are_reported_exactly(raw_themes: object, expected: str) -> None:
    assert messages(raw_themes) == [expected]


@pytest.mark.parametrize(
    ("weight", "shown"),
    [
        (0, "0"),
        (-1, "-1"),
        (10.5, "10.5"),
        (float("nan"), "nan"),
        ("heavy", "text"),
        (True, "true/false"),
        (None, "empty"),
    ],
)
def test_bad_weights_are_reported_exactly(weight: object, shown: str) -> None:
    raw = [raw_theme(signals=["trust", {"phrase": "leadership", "weight": weight}])]
    assert messages(raw) == [
        f"{P}[0].signals[1].weight: {shown} is not a valid weight; use a number above 0 and at most 10: "
        "about 0.5 for a weak signal, 2-3 for a strong one"
    ]


S = "mkdocs.yml:0: extra.theme_inference"
ALL_SETTINGS = (
    "min_score, min_share, max_themes, title_weight, summary_weight, min_sentences, min_signals, "
    "min_topic_signals, set_aside_weight, set_aside_words, set_aside_penalty, one_sentence_share, "
    "sentence_words, one_sentence_signals, ignore, passing_signals, set_aside_after, set_aside_before, set_aside_until"
)
SETTING_KEYS = f"remove it or use only: {ALL_SETTINGS}"
MAX_FIX = "use a whole number from 1 to 3 (the most themes inferred for one item)"


@pytest.mark.parametrize(
    ("raw_settings", "expected"),
    [
        ([], f"{S}: must be a mapping, not a list; give {ALL_SETTINGS}"),
        (
            {"min_shares": 0.5},
            f"{S}.min_shares: 'min_shares' is not a known key; did you mean 'min_share'? {SETTING_KEYS}",
        ),
        (
            {"min_share": 1.5},
            f"{S}.min_share: 1.5 is out of range; "
            "use a number from 0 to 1 (the lowest share of the best theme's score)",
        ),
        (
            {"min_score": -1},
            f"{S}.min_score: -1 is out of range; "
            "use a number from 0 to 100 (the lowest score an inferred theme may have)",
        ),
        ({"max_themes": 4}, f"{S}.max_themes: 4 is out of range; {MAX_FIX}"),
        ({"max_themes": 2.5}, f"{S}.max_themes: 2.5 is not a whole number; {MAX_FIX}"),
        ({"max_themes": "two"}, f"{S}.max_themes: must be a whole number, not text; {MAX_FIX}"),
        (
            {"ignore": "NHS trust"},
            f"{S}.ignore: must be a list, not text; "
            "list phrases that look like signals but are not, e.g. 'NHS trust'",
        ),
        ({"ignore": ["ok", "(bad)"]}, f"{S}.ignore[1]: '(bad)' is not a usable phrase; {PHRASE_FIX}"),
        (
            {"set_aside_weight": 1.5},
            f"{S}.set_aside_weight: 1.5 is out of range; "
            "use a number from 0 to 1 (how much a signal in a set-aside clause still counts)",
        ),
        (
            {"min_topic_signals": -1},
            f"{S}.min_topic_signals: -1 is out of range; use a whole number from 0 to 10 "
            "(the fewest distinct signals, not passing_signals, a second or third theme needs)",
        ),
        (
            {"set_aside_after": "rather than"},
            f"{S}.set_aside_after: must be a list, not text; "
            "list phrases that set aside what follows them, e.g. 'rather than'",
        ),
        (
            {"set_aside_until": ["but", "--"]},
            f"{S}.set_aside_until[1]: '--' is not a usable phrase; {PHRASE_FIX}",
        ),
    ],
)
def test_bad_settings_are_reported_exactly(raw_settings: object, expected: str) -> None:
    taxonomy, problems = parse_taxonomy([raw_theme()], raw_settings)
    assert [str(p) for p in problems] == [expected]
    # A bad value falls back to its default; good values (the phrases 'ok', 'but') are kept.
    assert replace(taxonomy.settings, ignore=(), set_aside_until=SET_ASIDE_UNTIL) == InferenceSettings()


def test_an_ignored_phrase_that_is_also_a_signal_is_reported() -> None:
    assert messages([raw_theme()], {"ignore": ["NHS trust", "Leadership"]}) == [
        f"{S}.ignore: 'Leadership' is also a signal of theme 'culture'; remove it from one of the two lists"
    ]


def test_cues_and_passing_signals_are_checked_against_the_signals() -> None:
    settings = {"set_aside_after": ["rather than", "trust"], "passing_signals": ["leadership", "budget"]}
    assert messages([raw_theme()], settings) == [
        f"{S}.set_aside_after: 'trust' is also a signal of theme 'culture'; remove it from one of the two lists",
        f"{S}.passing_signals: 'budget' is not a signal of any theme; list only phrases that are signals",
    ]


def test_settings_left_out_take_their_defaults() -> None:
    taxonomy, problems = parse_taxonomy([raw_theme()], {"min_share": 0.5, "set_aside_after": []})
    assert problems == []
    assert taxonomy.settings == InferenceSettings(min_share=0.5, set_aside_after=())


def test_every_problem_is_reported_at_once_and_good_themes_kept() -> None:
    raw = [
        raw_theme(),
        raw_theme("tech", label=None),
        raw_theme("law", signals=["consent", {"phrase": "gdpr", "weight": 0}]),
    ]
    taxonomy, problems = parse_taxonomy(raw, {"max_themes": 9})
    assert [p.field for p in problems] == [
        "extra.themes[1].label",
        "extra.themes[2].signals[1].weight",
        "extra.theme_inference.max_themes",
    ]
    assert all(p.line == 0 and p.path == "mkdocs.yml" and p.is_error for p in problems)
    assert taxonomy.ids() == ("culture", "law")
    assert taxonomy.get("law").signals == (Signal("consent"),)


# --- preparing text --------------------------------------------------------------------


def test_prepare_text_keeps_prose_and_drops_code_urls_and_markup() -> None:
    body = (
        "---\ntitle: Not part of the text\n---\n"
        'Read the [sharing agreement](https://example.org/dpia-template.pdf "a DPIA") and '
        "![a firewall diagram](img/cloud.svg) first.\n\n"
        "Ask at <https://ico.org.uk/consent> or www.example.org/gdpr or dpo@gdpr.example.org.\n\n"
        '<div class="encryption">Kept words</div> <!-- a hidden caldicott note -->\n\n'
        "Run `sql --dpia` now.\n\n"
        "```python\nconsent = lawful_basis()\n```\n\n"
        "Paragraph before code:\n\n    interoperability = True\n\n"
        "- list item\n\n    continuation about trust\n\n"
        "!!! note\n\n    admonition about leadership\n\n"
        "[ref]: https://example.org/caldicott\n"
    )
    text = prepare_text("The *title*", "A summary", body)
    assert text.startswith(
        "The title\n\nA summary\n\nRead the sharing agreement and a firewall diagram first."
    )
    for kept in ("Kept words", "continuation about trust", "admonition about leadership", "Run now."):
        assert kept in text
    for dropped in ("Not part", "http", "dpia", "DPIA", "cloud", "ico", "gdpr", "encryption", "caldicott",
                    "sql", "consent", "interoperability"):  # fmt: skip
        assert dropped not in text, dropped


def test_signals_inside_code_and_urls_do_not_count() -> None:
    taxonomy = Taxonomy(
        (Theme("law", "Law", "Law.", (Signal("consent"), Signal("DPIA"))),), InferenceSettings()
    )
    body = (
        "See https://example.org/consent-dpia and `consent`.\n\n```\nconsent dpia\n```\n\nOne consent here."
    )
    assert count_signals(prepare_text("", "", body), taxonomy) == {"law": (Evidence("consent", 1),)}


# --- counting signals ------------------------------------------------------------------


@pytest.fixture
def small() -> Taxonomy:
    themes = (
        Theme(
            "people",
            "People",
            "People.",
            (Signal("trust", 2), Signal("professional curiosity", 3), Signal("leader")),
        ),
        Theme(
            "law",
            "Law",
            "Law.",
            (Signal("information sharing agreement", 3), Signal("policy"), Signal("share")),
        ),
        Theme(
            "tech",
            "Tech",
            "Tech.",
            (Signal("data matching", 3), Signal("API", 2), Signal("children's services")),
        ),
    )
    return Taxonomy(themes, InferenceSettings(ignore=("NHS trust", "trust board")))


def test_count_signals_finds_variants_and_counts_exactly(small: Taxonomy) -> None:
    text = (
        "Trust, trusted and trusting. The NHS Trust and its trust boards do not count; trustworthy "
        "and distrust do not either. Information-sharing agreements, an information sharing "
        "agreement and INFORMATION SHARING AGREEMENTS. Policies and a policy. Sharing, shared, "
        "shares. Datamatching, data-matching and data matching. APIs and an API. Children\u2019s "
        "services. Professional\ncuriosity. Leaders and a leader."
    )
    assert count_signals(text, small) == {
        "people": (Evidence("trust", 3), Evidence("leader", 2), Evidence("professional curiosity", 1)),
        "law": (Evidence("information sharing agreement", 3), Evidence("share", 3), Evidence("policy", 2)),
        "tech": (Evidence("data matching", 3), Evidence("API", 2), Evidence("children's services", 1)),
    }


def test_count_signals_respects_boundaries_and_longest_match(small: Taxonomy) -> None:
    assert count_signals("", small) == {"people": (), "law": (), "tech": ()}
    # No phrase across a sentence or paragraph break; none inside a longer word.
    text = "Data. Matching\n\ndata\n\nmatching rapid datamatchingx? leaderboard e-leaders"
    assert count_signals(text, small)["tech"] == ()
    assert count_signals(text, small)["people"] == ()


# --- inference -------------------------------------------------------------------------


def test_inference_is_deterministic(taxonomy: Taxonomy, shipped: dict) -> None:
    item = next(t for t in load_texts("tune") if len(t.themes) == 3)
    first = infer_themes(item.title, "", item.text, taxonomy)
    rebuilt, _ = taxonomy_from_config(copy.deepcopy(shipped))
    assert first == infer_themes(item.title, "", item.text, taxonomy)
    assert first == infer_themes(item.title, "", item.text, rebuilt)
    assert [d.score for d in first] == sorted((d.score for d in first), reverse=True)
    assert all(d.source == "inferred" and d.evidence and d.score > 0 for d in first)


def test_decisions_are_sorted_by_score_then_id() -> None:
    themes = tuple(Theme(i, i, i, (Signal(f"{i} word"),)) for i in ("beta", "alpha", "gamma"))
    taxonomy = Taxonomy(themes, InferenceSettings(min_score=0, min_share=0))
    decisions = infer_themes("", "", "gamma word gamma word beta word alpha word", taxonomy)
    assert [d.theme for d in decisions] == ["gamma", "alpha", "beta"]
    assert decisions[1].score == decisions[2].score


@pytest.mark.parametrize("times", [1, 3, 10, 40])
def test_repeating_a_paragraph_changes_nothing(taxonomy: Taxonomy, times: int) -> None:
    # At least MIN_WORDS long: shorter texts are scored as if they were that long.
    texts = {t.id: t.text for t in load_texts("tune")}
    paragraph = texts["t32-vulnerable-adults-view"] + " " + texts["t12-all-three-tangled"]
    assert len(paragraph.split()) >= MIN_WORDS
    once = infer_themes("", "", paragraph, taxonomy)
    assert len(once) == 3
    repeated = infer_themes("", "", "\n\n".join([paragraph] * times), taxonomy)
    assert [d.theme for d in repeated] == [d.theme for d in once]
    assert [d.score for d in repeated] == pytest.approx([d.score for d in once], rel=1e-3)


def test_a_long_text_is_not_tagged_with_everything(taxonomy: Taxonomy) -> None:
    asides = "Staff said the new system was slow. Managers want more trust between teams. "
    body = "\n\n".join([GOVERNANCE_PARAGRAPH * 2] * 5 + [asides] + [GOVERNANCE_PARAGRAPH * 2] * 5)
    assert [d.theme for d in infer_themes("", "", body, taxonomy)] == ["governance"]


def test_nothing_clear_enough_gives_no_themes(taxonomy: Taxonomy) -> None:
    assert infer_themes("Our summer picnic", "", "We met in the park and ate sandwiches.", taxonomy) == ()
    assert infer_themes("", "", "", taxonomy) == ()


def test_title_and_summary_count_more_than_body(small: Taxonomy) -> None:
    anything = Taxonomy(small.themes, InferenceSettings(min_score=0, min_share=0))
    body = "A plain paragraph. " * 100
    in_body = infer_themes("", "", body + "We checked the API.", anything)
    in_title = infer_themes("We checked the API", "", body, anything)
    in_summary = infer_themes("", "We checked the API", body, anything)
    assert in_title[0].score > in_summary[0].score > in_body[0].score > 0
    # With the shipped thresholds one passing mention in a long body is not enough.
    assert infer_themes("", "", body + "We checked the API.", small) == ()


@pytest.mark.parametrize("max_themes", [1, 2, 3])
def test_max_themes_is_respected(taxonomy: Taxonomy, max_themes: int) -> None:
    unlimited = Taxonomy(taxonomy.themes, InferenceSettings(min_score=0, min_share=0, max_themes=3))
    limited = Taxonomy(taxonomy.themes, InferenceSettings(min_score=0, min_share=0, max_themes=max_themes))
    for item in load_texts("all"):
        everything = infer_themes(item.title, "", item.text, unlimited)
        assert infer_themes(item.title, "", item.text, limited) == everything[:max_themes]


def test_a_fourth_theme_needs_only_configuration(shipped: dict) -> None:
    extra = copy.deepcopy(shipped["extra"])
    extra["themes"].append(
        {
            "id": "data-quality",
            "label": "Data quality",
            "description": "Accurate, complete and timely records.",
            "signals": [
                {"phrase": "data quality", "weight": 3},
                {"phrase": "accuracy", "weight": 2},
                {"phrase": "duplicate record", "weight": 2.5},
                "completeness",
                "out of date",
            ],
        }
    )
    taxonomy, problems = parse_taxonomy(extra["themes"], extra["theme_inference"])
    assert problems == [] and taxonomy.ids()[-1] == "data-quality"
    decisions = infer_themes(
        "Fixing duplicate records",
        "",
        "Our audit found duplicate records for one in ten residents, poor completeness of "
        "addresses and many phone numbers out of date. Improving accuracy is now a priority, "
        "with a data quality check each month.",
        taxonomy,
    )
    assert decisions[0].theme == "data-quality"
    assert dict((e.signal, e.count) for e in decisions[0].evidence)["duplicate record"] == 2


def test_evidence_is_kept_with_each_decision(small: Taxonomy) -> None:
    decisions = infer_themes(
        "Data matching",
        "",
        "Data matching across children's services, using the API and data-matching rules.",
        small,
    )
    evidence = (Evidence("data matching", 3), Evidence("API", 1), Evidence("children's services", 1))
    assert decisions == (ThemeDecision("tech", "inferred", decisions[0].score, evidence),)


# --- set-aside clauses ("not a technology problem") -------------------------


@pytest.fixture
def tiny() -> Taxonomy:
    """Three themes with plain signals and the default set-aside cues."""
    themes = (
        Theme(
            "people", "People", "People.", (Signal("trust", 2), Signal("leadership", 2), Signal("culture", 2))
        ),
        Theme("law", "Law", "Law.", (Signal("law", 2), Signal("legal", 2), Signal("consent", 2))),
        Theme(
            "tech", "Tech", "Tech.", (Signal("technology", 2), Signal("software", 2), Signal("database", 2))
        ),
    )
    return Taxonomy(themes, InferenceSettings(min_score=0, min_share=0))


def found(text: str, taxonomy: Taxonomy) -> dict[str, tuple[dict[str, int], dict[str, int]]]:
    """Theme -> (signals counted, signals set aside), for a body-only text."""
    return {
        s.theme: ({e.signal: e.count for e in s.evidence}, {e.signal: e.count for e in s.set_aside})
        for s in score_themes("", "", text, taxonomy)
    }


@pytest.mark.parametrize(
    ("text", "counted", "aside"),
    [
        (
            "It is not about the technology or the law; it is about trust.",
            {"trust": 1},
            {"technology": 1, "law": 1},
        ),
        ("This is not a technology problem.", {}, {"technology": 1}),
        ("It was a question of trust rather than a legal question.", {"trust": 1}, {"legal": 1}),
        ("Sharing isn't about the law.", {}, {"law": 1}),
        ("Sharing isn\u2019t about the law.", {}, {"law": 1}),
        ("Instead of a new database, the team built trust.", {"trust": 1}, {"database": 1}),
        ("It was less about the software than about leadership.", {"leadership": 1}, {"software": 1}),
        ("Sharing is not just about technology but about culture.", {"culture": 1}, {"technology": 1}),
        ("Rather than buying software, staff rebuilt trust.", {"trust": 1}, {"software": 1}),
        ("No amount of software will build trust.", {"trust": 1}, {"software": 1}),
        ("The law was never the problem; trust was.", {"trust": 1}, {"law": 1}),
        ("In the end the legal position is not the barrier.", {}, {"legal": 1}),
        ("The difference had nothing to do with the law or consent.", {}, {"law": 1, "consent": 1}),
        # A clause ends at its sentence: the law is a subject again in the next one.
        ("This is not about the law. The law matters here.", {"law": 1}, {"law": 1}),
        # A negated state is not a set-aside: distrust is still about trust.
        ("Staff did not trust the database.", {"trust": 1, "database": 1}, {}),
        (
            "Nothing was set aside here: trust, law and technology.",
            {"trust": 1, "law": 1, "technology": 1},
            {},
        ),
    ],
)
def test_signals_in_set_aside_clauses_do_not_count(
    tiny: Taxonomy, text: str, counted: dict[str, int], aside: dict[str, int]
) -> None:
    result = found(text, tiny)
    assert {k: v for theme in result.values() for k, v in theme[0].items()} == counted
    assert {k: v for theme in result.values() for k, v in theme[1].items()} == aside


def test_a_set_aside_clause_reaches_at_most_set_aside_words(tiny: Taxonomy) -> None:
    text = "It is not about the many small and very old technology projects."
    assert found(text, tiny)["tech"] == ({}, {"technology": 1})
    short = Taxonomy(tiny.themes, replace(tiny.settings, set_aside_words=3))
    assert found(text, short)["tech"] == ({"technology": 1}, {})


def test_cues_come_from_the_settings(tiny: Taxonomy) -> None:
    none = Taxonomy(tiny.themes, replace(tiny.settings, set_aside_after=(), set_aside_before=()))
    assert found("This is not a technology problem.", none)["tech"] == ({"technology": 1}, {})
    own = Taxonomy(tiny.themes, replace(tiny.settings, set_aside_after=("hardly a",)))
    assert found("It was hardly a technology problem.", own)["tech"] == ({}, {"technology": 1})
    until = Taxonomy(tiny.themes, replace(tiny.settings, set_aside_until=()))
    # Without "will" ending the clause, the whole sentence is set aside.
    assert found("No amount of software will build trust.", until)["people"] == ({}, {"trust": 1})


def test_set_aside_weight_counts_a_set_aside_signal_partly(tiny: Taxonomy) -> None:
    text = "This is not a technology problem, but the database matters."
    scores = {}
    for weight in (0.0, 0.5, 1.0):
        taxonomy = Taxonomy(tiny.themes, replace(tiny.settings, set_aside_weight=weight))
        scores[weight] = next(s for s in score_themes("", "", text, taxonomy) if s.theme == "tech").score
    assert scores[0.0] < scores[0.5] < scores[1.0]
    assert scores[1.0] == pytest.approx(2 * scores[0.0])


def test_a_theme_found_only_in_set_aside_clauses_is_never_inferred(tiny: Taxonomy) -> None:
    counts_half = Taxonomy(tiny.themes, replace(tiny.settings, set_aside_weight=0.5))
    text = "This is not a technology problem and not about software. Trust and leadership are."
    for taxonomy in (tiny, counts_half):
        decisions = infer_themes("", "", text, taxonomy)
        assert [d.theme for d in decisions] == ["people"]


def test_a_cue_in_the_title_sets_aside_there_too(tiny: Taxonomy) -> None:
    decisions = infer_themes("Why this is not a technology problem", "", "Trust and leadership. " * 5, tiny)
    assert [d.theme for d in decisions] == ["people"]


def test_set_aside_examples_of_the_field(taxonomy: Taxonomy) -> None:
    people = (
        "Practitioners share when they trust each other, when leaders back their judgement and "
        "when colleagues in other agencies are known to them."
    )
    text = f"Sharing well is not about the technology or the law; it is about people. {people}"
    decisions = infer_themes("", "", text, taxonomy)
    assert [d.theme for d in decisions] == ["culture"]
    raw = count_signals(prepare_text("", "", text), taxonomy)
    assert raw["technology"] and raw["governance"]  # found, but set aside
    scored = {s.theme: s for s in score_themes("", "", text, taxonomy)}
    assert scored["technology"].evidence == () and scored["technology"].set_aside == raw["technology"]
    assert scored["governance"].evidence == () and scored["governance"].set_aside == raw["governance"]


def test_a_passing_mention_does_not_add_a_theme(taxonomy: Taxonomy) -> None:
    platform = (
        "The council moved referrals onto a cloud platform with an API for each partner. Records are "
        "matched nightly on the NHS number and loaded into the case management system, and a "
        "dashboard shows caseworkers which services know a family. The integration replaced three "
        "spreadsheets and a fax machine. "
    )
    mention = "A data sharing agreement covers the partners."
    subject = (
        "Each partner relies on public task as its lawful basis, and the agreement sets retention "
        "periods and how subject access requests are handled between the partners."
    )
    assert [d.theme for d in infer_themes("", "", platform + mention, taxonomy)] == ["technology"]
    assert [d.theme for d in infer_themes("", "", platform + subject, taxonomy)] == [
        "technology",
        "governance",
    ]
    culture = (
        "Staff across the partnership told us they hold back out of fear of blame, not doubt about "
        "data protection law. Leaders who back their teams, joint supervision and time to build "
        "working relationships changed that, and practitioners now feel confident to share."
    )
    assert [d.theme for d in infer_themes("", "", culture, taxonomy)] == ["culture"]


# --- admitting a second or third theme ------------------------------------------


@pytest.fixture
def three() -> Taxonomy:
    themes = (
        Theme("main", "Main", "Main.", tuple(Signal(f"main{n}", 3) for n in range(6))),
        Theme("side", "Side", "Side.", (Signal("alpha", 2), Signal("beta", 2), Signal("name", 2))),
    )
    return Taxonomy(themes, InferenceSettings(min_score=0, min_share=0.1, passing_signals=("name",)))


MAIN = "main0 main1 main2. main3 main4 main5. "


def inferred_ids(body: str, taxonomy: Taxonomy, **settings: object) -> list[str]:
    changed = Taxonomy(taxonomy.themes, replace(taxonomy.settings, **settings))
    return [d.theme for d in infer_themes("", "", body, changed)]


def test_a_second_theme_needs_distinct_signals(three: Taxonomy) -> None:
    one = MAIN + "alpha here. alpha there."
    two = MAIN + "alpha here. beta there."
    assert inferred_ids(one, three, min_signals=1) == ["main", "side"]
    assert inferred_ids(one, three, min_signals=2) == ["main"]
    assert inferred_ids(two, three, min_signals=2) == ["main", "side"]


def test_a_second_theme_needs_more_than_passing_signals(three: Taxonomy) -> None:
    named = MAIN + "alpha and name."
    assert inferred_ids(named, three, min_signals=2, min_topic_signals=1) == ["main", "side"]
    assert inferred_ids(named, three, min_signals=2, min_topic_signals=2) == ["main"]
    only_names = MAIN + "name, name and name."
    assert inferred_ids(only_names, three, min_topic_signals=0) == ["main", "side"]
    assert inferred_ids(only_names, three, min_topic_signals=1) == ["main"]


def test_a_second_theme_can_be_asked_for_evidence_from_several_sentences(three: Taxonomy) -> None:
    together = MAIN + "alpha and beta in one sentence."
    apart = MAIN + "alpha in one sentence. beta in another."
    assert inferred_ids(together, three, min_sentences=2) == ["main"]
    assert inferred_ids(apart, three, min_sentences=2) == ["main", "side"]
    scored = {s.theme: s.sentences for s in score_themes("alpha title", "beta summary", apart, three)}
    assert scored == {"main": 2, "side": 4}


def test_a_second_theme_needs_its_share_of_the_leading_score(three: Taxonomy) -> None:
    body = MAIN + "alpha here. beta there."
    assert inferred_ids(body, three, min_share=0.1) == ["main", "side"]
    assert inferred_ids(body, three, min_share=0.9) == ["main"]


def test_signals_written_one_after_another_count_as_one(three: Taxonomy) -> None:
    # "data protection law" names one thing, though two signals match it.
    joined = MAIN + "alpha beta here."
    apart = MAIN + "alpha here and beta there."
    assert inferred_ids(joined, three, min_signals=2) == ["main"]
    assert inferred_ids(apart, three, min_signals=2) == ["main", "side"]
    scan = compile_matcher(["alpha", "beta"]).scan("alpha beta, beta alpha. alpha")
    assert scan.indices == [0, 1, 1, 0, 0] and scan.joined == frozenset({1, 3})


def test_a_second_theme_in_one_sentence_needs_a_larger_share(three: Taxonomy) -> None:
    one = MAIN + "alpha and beta in one sentence."
    two = MAIN + "alpha in one sentence. beta in another."
    assert inferred_ids(one, three, one_sentence_share=0.9) == ["main"]
    assert inferred_ids(two, three, one_sentence_share=0.9) == ["main", "side"]
    assert inferred_ids(one, three, one_sentence_share=0.0) == ["main", "side"]


def test_a_theme_that_makes_its_point_in_one_sentence_needs_only_min_share(three: Taxonomy) -> None:
    # Three distinct signals in one sentence make a point; two in one sentence do not.
    three_signals = MAIN + "alpha, beta and name in one sentence."
    two_signals = MAIN + "alpha and beta in one sentence."
    assert inferred_ids(three_signals, three, one_sentence_share=0.9) == ["main"]
    assert inferred_ids(three_signals, three, one_sentence_share=0.9, one_sentence_signals=3) == [
        "main",
        "side",
    ]
    assert inferred_ids(two_signals, three, one_sentence_share=0.9, one_sentence_signals=3) == ["main"]
    # Still not below min_share.
    assert inferred_ids(three_signals, three, min_share=0.9, one_sentence_signals=3) == ["main"]


def test_the_fitting_script_decides_as_the_hub_does(taxonomy: Taxonomy) -> None:
    # tests/fit_themes.py reworks scores from features; with the shipped weights and
    # settings it must give exactly the themes infer_themes gives.
    from tests.fit_themes import check_agreement, features

    texts = load_texts("tune", "new") + load_texts("all", "old")
    check_agreement([features(t, taxonomy) for t in texts], taxonomy)


def test_a_long_body_asks_a_second_theme_for_more_sentences(three: Taxonomy) -> None:
    filler = "words of no theme at all " * 40  # 240 words
    two = MAIN + filler + "alpha in one sentence. beta in another."
    three_sentences = two + " alpha once more."
    assert inferred_ids(two, three, sentence_words=0) == ["main", "side"]
    assert inferred_ids(two, three, sentence_words=100) == ["main"]  # 3 sentences asked
    assert inferred_ids(three_sentences, three, sentence_words=100) == ["main", "side"]
    assert sentences_asked(80, replace(three.settings, sentence_words=100)) == 1
    assert sentences_asked(10_000, replace(three.settings, sentence_words=100)) == 3


def test_a_set_aside_takes_its_worth_off_the_score(tiny: Taxonomy) -> None:
    text = "It is not about the software. Software matters here, and trust matters too."
    plain = {s.theme: s.score for s in score_themes("", "", text, tiny)}
    penalised = Taxonomy(tiny.themes, replace(tiny.settings, set_aside_penalty=1.0))
    scored = {s.theme: s for s in score_themes("", "", text, penalised)}
    assert scored["tech"].score < plain["tech"] and scored["people"].score == plain["people"]
    assert [e.signal for e in scored["tech"].set_aside] == ["software"]
    decisions = infer_themes("", "", text, penalised)
    assert all(d.score == scored[d.theme].score for d in decisions)


@pytest.mark.parametrize(
    "text",
    [
        "It is not about the software, the database or the technology. Trust and leadership are.",
        "A new database alone will not do it. Trust and leadership are what matter.",
        "Beyond the software, little changed. Trust and leadership are what matter.",
        "The teams never needed new software for this. Trust and leadership did the work.",
    ],
)
def test_lists_and_other_set_asides(tiny: Taxonomy, text: str) -> None:
    scored = {s.theme: s for s in score_themes("", "", text, tiny)}
    assert scored["tech"].evidence == () and scored["tech"].set_aside
    assert [d.theme for d in infer_themes("", "", text, tiny)] == ["people"]


def test_a_comma_and_a_new_clause_end_a_set_aside() -> None:
    matcher = compile_matcher(["software", "trust"], ["not about"], [], ["but"])
    scan = matcher.scan("It is not about the software, and trust or money matter.")
    assert scan.indices == [0, 1] and scan.aside == frozenset({0})


def test_the_leading_theme_needs_only_min_score(three: Taxonomy) -> None:
    # One passing signal in one sentence is still the best the text offers.
    assert inferred_ids("A name.", three, min_signals=3, min_topic_signals=2, min_sentences=5) == ["side"]


def test_sentences_are_counted_between_sentence_ends() -> None:
    matcher = compile_matcher(["trust"])
    scan = matcher.scan("Trust here. Trust there? Trust! And trust again, and trust.")
    assert scan.sentences({0}) == 4
    assert scan.sentences({0}, enough=2) == 2
    assert scan.sentences({1}) == 0
    assert compile_matcher(["trust"]).scan("").sentences({0}) == 0


# --- explanations match decisions -------------------------------------------------


ALL_TEXTS = [t for dataset in SETS for t in load_texts("all", dataset)]


@pytest.mark.parametrize("text", ALL_TEXTS, ids=[t.id for t in ALL_TEXTS])
def test_the_evidence_shown_is_what_counted(taxonomy: Taxonomy, text) -> None:
    decisions = infer_themes(text.title, text.summary, text.text, taxonomy)
    themes, source, evidence = _decision_json(decisions)
    # The themes with evidence shown are exactly the themes decided, each with evidence.
    assert set(evidence) == set(themes) and all(evidence[t] for t in themes)
    assert source == ("inferred" if decisions else "none")
    scored = {s.theme: s for s in score_themes(text.title, text.summary, text.text, taxonomy)}
    raw = count_signals(prepare_text(text.title, text.summary, text.text), taxonomy)
    for d in decisions:
        assert d.evidence == scored[d.theme].evidence and d.score == scored[d.theme].score
        # Counted and set aside are a split of every match: nothing set aside is shown as counting.
        split: dict[str, int] = {}
        for e in d.evidence + d.set_aside:
            split[e.signal] = split.get(e.signal, 0) + e.count
        assert split == {e.signal: e.count for e in raw[d.theme]}
        assert [{"signal": e.signal, "count": e.count} for e in d.evidence] == evidence[d.theme]


# --- quality on the labelled sets ----------------------------------------------------

NEW_TEXTS = load_texts("all", "new")


def test_the_new_sets_are_labelled_as_the_rules_say(taxonomy: Taxonomy) -> None:
    tune, held_out = load_texts("tune", "new"), load_texts("holdout", "new")
    assert len(tune) >= 300 and len(held_out) >= 100
    ids = [t.id for t in ALL_TEXTS]
    assert len(ids) == len(set(ids))
    assert len({t.text for t in ALL_TEXTS}) == len(ALL_TEXTS)
    for t in NEW_TEXTS:
        assert t.title and t.themes <= set(taxonomy.ids()), t.id
        assert t.primary in t.themes, t.id
        assert 60 <= len(t.text.split()) <= 200, t.id
    assert any(len(t.themes) == 1 for t in held_out) and any(len(t.themes) > 1 for t in held_out)


def test_error_kinds_tell_primary_from_secondary() -> None:
    text = replace(NEW_TEXTS[0], themes=frozenset({"culture", "governance"}), primary="culture")
    assert error_kinds(text, ("culture", "governance")) == []
    assert error_kinds(text, ("governance",)) == [("missed primary", "culture")]
    assert error_kinds(text, ("culture", "technology")) == [
        ("missed secondary", "governance"),
        ("extra secondary", "technology"),
    ]
    assert error_kinds(text, ("technology", "culture", "governance")) == [
        ("extra theme inferred as leading", "technology"),
        ("primary ranked below another (not an F1 error)", "culture"),
    ]


@pytest.mark.parametrize("split", ["holdout", "all"])
def test_macro_f1_on_the_quality_set(taxonomy: Taxonomy, split: str) -> None:
    texts = load_texts(split)
    assert macro_f1(score(texts, inferred(taxonomy), taxonomy.ids())) >= 0.85


def test_precision_on_every_theme_of_the_held_out_new_set(taxonomy: Taxonomy) -> None:
    scores = score(load_texts("holdout", "new"), inferred(taxonomy), taxonomy.ids())
    assert all(s.precision >= 0.90 for s in scores.values()), scores
    # Guards the figure reached on the 108 held-out texts (0.907 when last measured;
    # the goal of 0.93 is not reached yet).
    assert macro_f1(scores) >= 0.90


def test_tuning_part_of_the_new_set(taxonomy: Taxonomy) -> None:
    scores = score(load_texts("tune", "new"), inferred(taxonomy), taxonomy.ids())
    # Signals and settings were chosen for the best macro-F1 with precision of at least
    # 0.90 on every theme (0.909 on 480 texts when last measured; no refit by
    # tests/fit_themes.py did better cross-validated).
    assert all(s.precision >= 0.90 for s in scores.values()), scores
    assert macro_f1(scores) >= 0.905


def test_the_role_confusion_counts_every_theme_of_every_text(taxonomy: Taxonomy) -> None:
    texts = load_texts("holdout", "new")
    counts = role_confusion(texts, ranked(taxonomy), taxonomy.ids())
    assert sum(counts.values()) == len(texts) * len(taxonomy.ids())
    assert sum(n for (gold, _), n in counts.items() if gold == "labelled primary") == len(texts)
