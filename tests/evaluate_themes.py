"""Measure theme inference against the quality set in tests/data/theme_texts.yaml.

    python tests/evaluate_themes.py [--split tune|holdout|all] [--show-misses]

Prints precision, recall and F1 per theme and macro-F1 for the taxonomy in
mkdocs.yml, and the same for a naive baseline (ten obvious keywords per theme,
any match tags the text), so a change to signals or scoring can be judged.
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

TEXTS = ROOT / "tests" / "data" / "theme_texts.yaml"
SPLITS = ("tune", "holdout")

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


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    support: int


def load_texts(split: str = "all") -> list[Text]:
    """The quality-set texts of one split, or of both."""
    data = yaml.safe_load(TEXTS.read_text(encoding="utf-8"))
    names = SPLITS if split == "all" else (split,)
    return [
        Text(item["id"], item["title"], item["text"], frozenset(item["themes"]))
        for name in names
        for item in data[name]
    ]


def load_taxonomy() -> Taxonomy:
    """The taxonomy shipped in mkdocs.yml; fails loudly if the configuration has problems."""
    taxonomy, problems = taxonomy_from_config(read_mkdocs_config(ROOT / "mkdocs.yml"))
    if problems:
        raise SystemExit("\n".join(str(p) for p in problems))
    return taxonomy


def inferred(taxonomy: Taxonomy) -> Callable[[Text], frozenset[str]]:
    """Predict with the hub's inference (the text is the body; there is no summary)."""
    return lambda t: frozenset(d.theme for d in infer_themes(t.title, "", t.text, taxonomy))


def baseline(keywords: dict[str, tuple[str, ...]] = BASELINE_KEYWORDS) -> Callable[[Text], frozenset[str]]:
    """Predict with the naive keyword lists: any whole-word match (plural allowed) tags."""
    patterns = {
        theme: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")s?\b", re.I)
        for theme, words in keywords.items()
    }
    return lambda t: frozenset(theme for theme, p in patterns.items() if p.search(t.title + "\n" + t.text))


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


def report(name: str, scores: dict[str, Score]) -> str:
    lines = [f"  {name}", f"    {'theme':<12} {'precision':>9} {'recall':>7} {'F1':>6} {'texts':>6}"]
    for theme, s in scores.items():
        lines.append(f"    {theme:<12} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} {s.support:>6}")
    lines.append(f"    {'macro-F1':<12} {'':>9} {'':>7} {macro_f1(scores):>6.3f}")
    return "\n".join(lines)


def misses(texts: Iterable[Text], predict: Callable[[Text], frozenset[str]]) -> list[str]:
    lines = []
    for t in texts:
        got = predict(t)
        if got != t.themes:
            lines.append(f"    {t.id}: expected {sorted(t.themes)}, got {sorted(got)}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("--show-misses", action="store_true", help="list texts tagged wrongly")
    args = parser.parse_args(argv)
    taxonomy = load_taxonomy()
    splits = (*SPLITS, "all") if args.split == "all" else (args.split,)
    for split in splits:
        texts = load_texts(split)
        print(f"{split} ({len(texts)} texts)")
        print(report("hub inference", score(texts, inferred(taxonomy), taxonomy.ids())))
        print(report("naive baseline", score(texts, baseline(), taxonomy.ids())))
        if args.show_misses:
            print("\n".join(["  misses (hub inference)", *misses(texts, inferred(taxonomy))]))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
