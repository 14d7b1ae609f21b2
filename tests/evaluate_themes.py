"""Measure theme inference against the labelled quality sets in tests/data/.

    python tests/evaluate_themes.py [--set old|new|all] [--split tune|holdout|all] [--show-misses]

Two sets, each with a tuning part and a held-out part:

- old: tests/data/theme_texts.yaml (96 texts, no summaries);
- new: tests/data/theme_dev_texts.yaml (tuning) and theme_heldout_texts.yaml
  (held out), texts in the registers of the field, with titles and summaries,
  labelled under tests/data/THEME_LABELLING.md.

For each part it prints precision, recall and F1 per theme and macro-F1 for the
taxonomy in mkdocs.yml, the same for a naive baseline (ten obvious keywords per
theme, any match tags the text), the hub's errors split by kind (a labelled
primary or secondary theme missed, or a theme not labelled inferred as the
leading theme or as a further one), and the confusion of roles: for every theme
of every text, whether it was labelled primary, secondary or not at all,
against whether it was inferred as the leading theme, as a further one or not.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from ishub.themes import Taxonomy, infer_themes, read_mkdocs_config, taxonomy_from_config  # noqa: E402

DATA = ROOT / "tests" / "data"
TEXTS = DATA / "theme_texts.yaml"
SPLITS = ("tune", "holdout")
# set -> split -> (file, key in that file)
SETS = {
    "old": {"tune": (TEXTS, "tune"), "holdout": (TEXTS, "holdout")},
    "new": {
        "tune": (DATA / "theme_dev_texts.yaml", "tune"),
        "holdout": (DATA / "theme_heldout_texts.yaml", "holdout"),
    },
}
SET_NAMES = {"old": "old set", "new": "new set"}
SPLIT_NAMES = {"tune": "tuning part", "holdout": "held-out part", "all": "all texts"}
MISSED_PRIMARY = "missed primary"
MISSED_SECONDARY = "missed secondary"
EXTRA_PRIMARY = "extra theme inferred as leading"
EXTRA_SECONDARY = "extra secondary"
PRIMARY_NOT_FIRST = "primary ranked below another (not an F1 error)"
ERROR_KINDS = (MISSED_PRIMARY, MISSED_SECONDARY, EXTRA_PRIMARY, EXTRA_SECONDARY, PRIMARY_NOT_FIRST)

# What a first attempt would list: ten obvious keywords per theme, any match tags.
BASELINE_KEYWORDS = {
    "culture": (
        "culture", "cultural", "trust", "leadership", "leaders", "confidence",
        "confident", "behaviour", "relationships", "training",
    ),
    "governance": (
        "GDPR", "data protection", "lawful", "legal", "law", "consent",
        "agreement", "DPIA", "Caldicott", "governance",
    ),
    "technology": (
        "system", "technology", "software", "platform", "database",
        "interoperability", "digital", "data matching", "integration", "cloud",
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Text:
    id: str
    title: str
    text: str
    themes: frozenset[str]
    summary: str = ""
    primary: str = ""


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    support: int


def _text(item: dict) -> Text:
    themes = list(item["themes"])
    primary = item.get("primary") or themes[0]
    return Text(
        item["id"], item["title"], item["text"], frozenset(themes), item.get("summary") or "", primary
    )


def load_texts(split: str = "all", dataset: str = "old") -> list[Text]:
    """The texts of one part of a set ('tune' or 'holdout'), or of both ('all')."""
    names = SPLITS if split == "all" else (split,)
    texts = []
    for name in names:
        path, key = SETS[dataset][name]
        texts += [_text(item) for item in yaml.safe_load(path.read_text(encoding="utf-8"))[key]]
    return texts


def load_taxonomy() -> Taxonomy:
    """The taxonomy shipped in mkdocs.yml; fails loudly if the configuration has problems."""
    taxonomy, problems = taxonomy_from_config(read_mkdocs_config(ROOT / "mkdocs.yml"))
    if problems:
        raise SystemExit("\n".join(str(p) for p in problems))
    return taxonomy


def ranked(taxonomy: Taxonomy) -> Callable[[Text], tuple[str, ...]]:
    """Predict with the hub's inference: the themes best first."""
    return lambda t: tuple(d.theme for d in infer_themes(t.title, t.summary, t.text, taxonomy))


def inferred(taxonomy: Taxonomy) -> Callable[[Text], frozenset[str]]:
    """Predict with the hub's inference: the set of themes."""
    rank = ranked(taxonomy)
    return lambda t: frozenset(rank(t))


def baseline(keywords: dict[str, tuple[str, ...]] = BASELINE_KEYWORDS) -> Callable[[Text], frozenset[str]]:
    """Predict with the naive keyword lists: any whole-word match (plural allowed) tags."""
    patterns = {
        theme: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")s?\b", re.I)
        for theme, words in keywords.items()
    }
    return lambda t: frozenset(
        theme for theme, p in patterns.items() if p.search("\n".join((t.title, t.summary, t.text)))
    )


def score(
    texts: Iterable[Text], predict: Callable[[Text], frozenset[str]], themes: Iterable[str]
) -> dict[str, Score]:
    """Precision, recall and F1 per theme."""
    pairs = [(t.themes, predict(t)) for t in texts]
    result = {}
    for theme in themes:
        tp = sum(theme in gold and theme in got for gold, got in pairs)
        fp = sum(theme not in gold and theme in got for gold, got in pairs)
        fn = sum(theme in gold and theme not in got for gold, got in pairs)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[theme] = Score(precision, recall, f1, tp + fn)
    return result


def macro_f1(scores: dict[str, Score]) -> float:
    return sum(s.f1 for s in scores.values()) / len(scores) if scores else 0.0


def error_kinds(text: Text, got: tuple[str, ...]) -> list[tuple[str, str]]:
    """(kind, theme) for each error on one text; `got` is best first."""
    errors = [
        (MISSED_PRIMARY if g == text.primary else MISSED_SECONDARY, g) for g in text.themes if g not in got
    ]
    errors += [
        (EXTRA_PRIMARY if i == 0 else EXTRA_SECONDARY, t) for i, t in enumerate(got) if t not in text.themes
    ]
    if got and text.primary in got and got[0] != text.primary:
        errors.append((PRIMARY_NOT_FIRST, text.primary))
    return errors


def error_table(
    texts: Iterable[Text], rank: Callable[[Text], tuple[str, ...]], themes: tuple[str, ...]
) -> str:
    counts = {(kind, theme): 0 for kind in ERROR_KINDS for theme in themes}
    for t in texts:
        for kind, theme in error_kinds(t, rank(t)):
            counts[kind, theme] += 1
    width = max(len(k) for k in ERROR_KINDS)
    lines = [
        "  errors (hub inference), by labelled or inferred theme",
        f"    {'':<{width}} " + " ".join(f"{t:>10}" for t in themes) + f" {'all':>5}",
    ]
    for kind in ERROR_KINDS:
        row = [counts[kind, t] for t in themes]
        lines.append(f"    {kind:<{width}} " + " ".join(f"{n:>10}" for n in row) + f" {sum(row):>5}")
    return "\n".join(lines)


GOLD_ROLES = ("labelled primary", "labelled secondary", "not labelled")
GOT_ROLES = ("inferred leading", "inferred further", "not inferred")


def role_confusion(texts: Iterable[Text], rank: Callable[[Text], tuple[str, ...]], themes: tuple[str, ...]):
    """(labelled role, inferred role) -> how many (text, theme) pairs, over every theme of every text."""
    counts = {(gold, got): 0 for gold in GOLD_ROLES for got in GOT_ROLES}
    for t in texts:
        got = rank(t)
        for theme in themes:
            gold_role = GOLD_ROLES[0 if theme == t.primary else 1 if theme in t.themes else 2]
            got_role = GOT_ROLES[0 if got[:1] == (theme,) else 1 if theme in got else 2]
            counts[gold_role, got_role] += 1
    return counts


def confusion_table(
    texts: Iterable[Text], rank: Callable[[Text], tuple[str, ...]], themes: tuple[str, ...]
) -> str:
    counts = role_confusion(texts, rank, themes)
    width = max(len(r) for r in GOLD_ROLES)
    lines = [
        "  primary and secondary themes: labelled (rows) against inferred (columns), text-theme pairs",
        f"    {'':<{width}} " + " ".join(f"{r:>16}" for r in GOT_ROLES),
    ]
    for gold in GOLD_ROLES:
        lines.append(f"    {gold:<{width}} " + " ".join(f"{counts[gold, got]:>16}" for got in GOT_ROLES))
    return "\n".join(lines)


def report(name: str, scores: dict[str, Score]) -> str:
    lines = [f"  {name}", f"    {'theme':<12} {'precision':>9} {'recall':>7} {'F1':>6} {'texts':>6}"]
    for theme, s in scores.items():
        lines.append(f"    {theme:<12} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} {s.support:>6}")
    lines.append(f"    {'macro-F1':<12} {'':>9} {'':>7} {macro_f1(scores):>6.3f}")
    return "\n".join(lines)


def misses(texts: Iterable[Text], rank: Callable[[Text], tuple[str, ...]]) -> list[str]:
    lines = []
    for t in texts:
        got = rank(t)
        if frozenset(got) != t.themes:
            kinds = "; ".join(f"{kind} {theme}" for kind, theme in error_kinds(t, got))
            lines.append(f"    {t.id}: labelled {sorted(t.themes)}, inferred {list(got)} ({kinds})")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=(*SETS, "all"), default="all", dest="dataset")
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("--show-misses", action="store_true", help="list texts tagged wrongly")
    args = parser.parse_args(argv)
    taxonomy = load_taxonomy()
    themes = taxonomy.ids()
    rank = ranked(taxonomy)
    datasets = tuple(SETS) if args.dataset == "all" else (args.dataset,)
    splits = (*SPLITS, "all") if args.split == "all" else (args.split,)
    summary = []
    for dataset in datasets:
        for split in splits:
            texts = load_texts(split, dataset)
            hub, naive = score(texts, inferred(taxonomy), themes), score(texts, baseline(), themes)
            print(f"{SET_NAMES[dataset]}, {SPLIT_NAMES[split]} ({len(texts)} texts)")
            print(report("hub inference", hub))
            print(report("naive baseline", naive))
            print(error_table(texts, rank, themes))
            print(confusion_table(texts, rank, themes))
            if args.show_misses:
                print("\n".join(["  misses (hub inference)", *misses(texts, rank)]))
            print()
            summary.append(
                f"  {SET_NAMES[dataset]}, {SPLIT_NAMES[split]}: macro-F1 {macro_f1(hub):.3f} (naive baseline {macro_f1(naive):.3f})"
            )
    print("\n".join(["summary", *summary]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
