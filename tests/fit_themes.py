"""Fit theme-inference weights and settings on the tuning part, by cross-validation.

    python tests/fit_themes.py [--folds 5] [--seed 1] [--show]

Each tuning text (tests/data/theme_dev_texts.yaml) is read once with the hub's
own matcher (`Taxonomy.find`, the code `infer_themes` uses) and turned into per
theme features: for every signal, its matches counted and set aside in the
title, the summary and the body; the signals named; the sentences its evidence
comes from; the length of the body. A theme's score is linear in its signal
weights, so it can be worked out again for other weights without reading the
texts again; the themes kept are then chosen by `themes._choose`, the decision
step of `infer_themes` itself. The script first checks that, with the shipped
weights and settings, it gives exactly the themes `infer_themes` gives.

What is fitted, under the rule for choosing in THEME_LABELLING.md (the best
macro-F1 with precision of at least 0.90 on every theme):

- settings: a small grid of the thresholds in `extra.theme_inference`;
- signal weights: a multiplier per signal (0.5 to 2 times its shipped weight),
  by coordinate search, each change kept only if it gains more macro-F1 than a
  penalty on how far the weights move from the shipped ones (shrinkage).

Every option is scored by k-fold cross-validation: fitted on k-1 folds, its
themes predicted on the fold left out, and macro-F1 and precision worked out on
the pooled predictions. The held-out part is never read.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tests"))

from evaluate_themes import Text, load_taxonomy, load_texts  # noqa: E402
from ishub.plain_text import markdown_to_text  # noqa: E402
from ishub.themes import (  # noqa: E402
    DAMPING,
    MIN_WORDS,
    InferenceSettings,
    Taxonomy,
    _choose,
    _Result,
    infer_themes,
)

PRECISION_FLOOR = 0.90
MULTIPLIERS = (0.5, 0.75, 1.5, 2.0)
MIN_TEXTS = 3  # a signal's weight is fitted only if it occurs in this many training texts


@dataclass(frozen=True)
class ThemeFeatures:
    """One theme's signals in one text: per zone (title, summary, body), counted and set aside."""

    counted: tuple[dict[int, int], dict[int, int], dict[int, int]]
    aside: tuple[dict[int, int], dict[int, int], dict[int, int]]
    named: frozenset[int]
    sentences: int


@dataclass(frozen=True)
class Features:
    text: Text
    words: int
    themes: tuple[ThemeFeatures, ...]

    def signals(self) -> set[tuple[int, int]]:
        """(theme index, signal index) of every signal found, counted or set aside."""
        return {(t, i) for t, f in enumerate(self.themes) for zone in (*f.counted, *f.aside) for i in zone}


def features(text: Text, taxonomy: Taxonomy) -> Features:
    """The features of one text, read with the hub's matcher (as `themes._scores` reads it)."""
    zones = (markdown_to_text(text.title), markdown_to_text(text.summary), markdown_to_text(text.text))
    found, scans = zip(*(taxonomy.find(z) for z in zones), strict=True)
    per_theme = []
    for i in range(len(taxonomy.themes)):
        parts = tuple(zone[i] for zone in found)
        per_theme.append(
            ThemeFeatures(
                tuple(dict(p.counted) for p in parts),
                tuple(dict(p.aside) for p in parts),
                frozenset().union(*(p.named for p in parts)),
                taxonomy.sentences(i, scans),
            )
        )
    return Features(text, len(zones[2].split()), tuple(per_theme))


Weights = list[list[float]]  # theme index -> signal index -> weight


def shipped_weights(taxonomy: Taxonomy) -> Weights:
    return [[s.weight for s in theme.signals] for theme in taxonomy.themes]


def _zone(weights: list[float], counts: dict[int, int], power: float) -> float:
    return sum(weights[i] * n**power for i, n in counts.items())


def _merged(zones: Sequence[dict[int, int]]) -> dict[int, int]:
    total: dict[int, int] = {}
    for zone in zones:
        for i, n in zone.items():
            total[i] = total.get(i, 0) + n
    return total


def results(f: Features, weights: Weights, settings: InferenceSettings) -> list[_Result]:
    """Per theme, the `_Result` `themes._scores` would give with these weights and settings."""
    length = (max(f.words, MIN_WORDS) / 100) ** DAMPING
    out = []
    for t, tf in enumerate(f.themes):
        w = weights[t]

        def zone_score(counts, w=w) -> float:
            title, summary, body = counts
            return (
                _zone(w, body, DAMPING) / length
                + settings.title_weight * _zone(w, title, 1.0)
                + settings.summary_weight * _zone(w, summary, 1.0)
            )

        score = zone_score(tf.counted)
        if settings.set_aside_weight:
            d = settings.set_aside_weight
            score += zone_score(tuple({i: d * n for i, n in z.items()} for z in tf.aside))
        aside_score = zone_score(tf.aside)
        score = max(0.0, score - settings.set_aside_penalty * aside_score)
        out.append(_Result(round(score, 4), _merged(tf.counted), _merged(tf.aside), tf.named, aside_score))
    return out


def predict(f: Features, taxonomy: Taxonomy, weights: Weights, settings: InferenceSettings) -> frozenset[str]:
    kept = _choose(
        results(f, weights, settings),
        taxonomy,
        lambda i, enough: min(f.themes[i].sentences, enough),
        f.words,
        settings,
    )
    return frozenset(taxonomy.themes[i].id for i in kept[: settings.max_themes])


# --- scoring ---------------------------------------------------------------------------


def counts(golds: Sequence[frozenset[str]], gots: Sequence[frozenset[str]], ids: Sequence[str]):
    """theme -> [tp, fp, fn]."""
    table = {t: [0, 0, 0] for t in ids}
    for gold, got in zip(golds, gots, strict=True):
        for t in ids:
            table[t][0] += t in gold and t in got
            table[t][1] += t not in gold and t in got
            table[t][2] += t in gold and t not in got
    return table


def summary(table) -> tuple[float, float, dict[str, tuple[float, float, float]]]:
    """(macro-F1, lowest precision, theme -> (precision, recall, F1))."""
    per = {}
    for t, (tp, fp, fn) in table.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        per[t] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return sum(v[2] for v in per.values()) / len(per), min(v[0] for v in per.values()), per


def objective(table) -> float:
    """Macro-F1, with a steep cost for any theme below the precision floor."""
    macro, low, _ = summary(table)
    return macro - 5 * max(0.0, PRECISION_FLOOR - low)


# --- fitting ---------------------------------------------------------------------------


def fit_weights(
    train: Sequence[Features],
    taxonomy: Taxonomy,
    settings: InferenceSettings,
    shrink: float,
    passes: int = 2,
) -> Weights:
    """Coordinate search on signal weight multipliers, shrunk towards the shipped weights.

    A change is kept only if it gains more objective than `shrink` times the
    growth in sum |log2 multiplier| over all signals.
    """
    base = shipped_weights(taxonomy)
    weights = [list(w) for w in base]
    ids = taxonomy.ids()
    golds = [f.text.themes for f in train]
    gots = [predict(f, taxonomy, weights, settings) for f in train]
    table = counts(golds, gots, ids)
    where: dict[tuple[int, int], list[int]] = {}
    for n, f in enumerate(train):
        for key in f.signals():
            where.setdefault(key, []).append(n)
    keys = sorted(k for k, texts in where.items() if len(texts) >= MIN_TEXTS)
    current = objective(table)
    for _ in range(passes):
        changed = False
        for t, i in keys:
            texts = where[t, i]
            old_weight = weights[t][i]
            old_cost = abs(math.log2(old_weight / base[t][i]))
            best = (0.0, old_weight, None, None)
            for m in MULTIPLIERS + (1.0,):
                w = min(10.0, base[t][i] * m)
                if w == old_weight:
                    continue
                weights[t][i] = w
                new = {n: predict(train[n], taxonomy, weights, settings) for n in texts}
                trial = {k: list(v) for k, v in table.items()}
                for n, got in new.items():
                    if got == gots[n]:
                        continue
                    for k in ids:
                        gold = golds[n]
                        for before, sign in ((gots[n], -1), (got, 1)):
                            trial[k][0] += sign * (k in gold and k in before)
                            trial[k][1] += sign * (k not in gold and k in before)
                            trial[k][2] += sign * (k in gold and k not in before)
                gain = objective(trial) - current - shrink * (abs(math.log2(m)) - old_cost)
                if gain > best[0] + 1e-9:
                    best = (gain, w, trial, new)
            weights[t][i] = old_weight
            if best[2] is not None:
                weights[t][i] = best[1]
                table = best[2]
                for n, got in best[3].items():
                    gots[n] = got
                current = objective(table)
                changed = True
        if not changed:
            break
    return weights


SETTING_GRID = {
    "min_share": (0.15, 0.2, 0.25),
    "one_sentence_share": (0.4, 0.5, 0.6),
    "title_weight": (1.0, 1.5, 2.0),
    "summary_weight": (0.75, 1.0, 1.5),
}


def fit_settings(
    train: Sequence[Features], taxonomy: Taxonomy, weights: Weights, grid: dict = SETTING_GRID
) -> InferenceSettings:
    """The grid point with the best objective on the training texts (ties: the shipped values)."""
    shipped = taxonomy.settings
    names = list(grid)
    best_key, best = None, None
    golds = [f.text.themes for f in train]
    for values in itertools.product(*(grid[n] for n in names)):
        settings = replace(shipped, **dict(zip(names, values, strict=True)))
        table = counts(golds, [predict(f, taxonomy, weights, settings) for f in train], taxonomy.ids())
        moved = sum(values[k] != getattr(shipped, n) for k, n in enumerate(names))
        key = (round(objective(table), 6), -moved)
        if best_key is None or key > best_key:
            best_key, best = key, settings
    return best


RULE_GRID = {
    "one_sentence_signals": (0, 3, 4),
    "one_sentence_share": (0.4, 0.5, 0.6),
}


def _rules_then_weights(train, taxonomy, shrink):
    settings = fit_settings(train, taxonomy, shipped_weights(taxonomy), RULE_GRID)
    return fit_weights(train, taxonomy, settings, shrink), settings


Fitter = Callable[[Sequence[Features], Taxonomy], tuple[Weights, InferenceSettings]]


def cross_validate(data: Sequence[Features], taxonomy: Taxonomy, fitter: Fitter, folds: int, seed: int):
    """Pooled predictions on the left-out folds: (macro-F1, lowest precision, per theme)."""
    order = list(range(len(data)))
    random.Random(seed).shuffle(order)
    got: dict[int, frozenset[str]] = {}
    for k in range(folds):
        test = set(order[k::folds])
        train = [data[n] for n in range(len(data)) if n not in test]
        weights, settings = fitter(train, taxonomy)
        for n in test:
            got[n] = predict(data[n], taxonomy, weights, settings)
    table = counts([f.text.themes for f in data], [got[n] for n in range(len(data))], taxonomy.ids())
    return summary(table)


def check_agreement(data: Sequence[Features], taxonomy: Taxonomy) -> None:
    """With the shipped weights and settings the features must give exactly infer_themes' themes."""
    weights = shipped_weights(taxonomy)
    for f in data:
        t = f.text
        expected = frozenset(d.theme for d in infer_themes(t.title, t.summary, t.text, taxonomy))
        got = predict(f, taxonomy, weights, taxonomy.settings)
        if got != expected:
            raise SystemExit(f"{t.id}: features give {sorted(got)}, infer_themes {sorted(expected)}")


def changed_weights(taxonomy: Taxonomy, weights: Weights) -> list[str]:
    lines = []
    for theme, w in zip(taxonomy.themes, weights, strict=True):
        for signal, new in zip(theme.signals, w, strict=True):
            if new != signal.weight:
                lines.append(f"    {theme.id:<11} {signal.phrase:<34} {signal.weight:g} -> {new:g}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, action="append", help="fold shuffles (repeatable)")
    parser.add_argument("--show", action="store_true", help="fit on all tuning texts and show the result")
    args = parser.parse_args(argv)
    seeds = args.seed or [1, 2, 3]
    taxonomy = load_taxonomy()
    data = [features(t, taxonomy) for t in load_texts("tune", "new")]
    check_agreement(data, taxonomy)
    shipped = (shipped_weights(taxonomy), taxonomy.settings)
    options: dict[str, Fitter] = {"shipped": lambda train, tax: shipped}
    options["settings grid"] = lambda train, tax: (shipped[0], fit_settings(train, tax, shipped[0]))
    options["rules grid"] = lambda train, tax: (shipped[0], fit_settings(train, tax, shipped[0], RULE_GRID))
    for name, value in (
        ("one_sentence_signals", 0),
        ("one_sentence_signals", 3),
        ("one_sentence_signals", 4),
    ):
        options[f"{name} {value}"] = lambda train, tax, n=name, v=value: (
            shipped[0],
            replace(tax.settings, **{n: v}),
        )
    options["rules grid, then weights"] = lambda train, tax: _rules_then_weights(train, tax, 0.003)
    for shrink in (0.001, 0.003, 0.01):
        options[f"weights, shrink {shrink}"] = lambda train, tax, s=shrink: (
            fit_weights(train, tax, tax.settings, s),
            tax.settings,
        )
    print(f"cross-validated on {len(data)} tuning texts, {args.folds} folds, seeds {seeds}")
    for name, fitter in options.items():
        runs = [cross_validate(data, taxonomy, fitter, args.folds, seed) for seed in seeds]
        macro = sum(r[0] for r in runs) / len(runs)
        low = min(r[1] for r in runs)
        per = " ".join(
            f"{t} P {sum(r[2][t][0] for r in runs) / len(runs):.3f} R {sum(r[2][t][1] for r in runs) / len(runs):.3f}"
            for t in taxonomy.ids()
        )
        print(f"  {name:<24} macro-F1 {macro:.3f} (lowest precision {low:.3f}; {per})")
    if args.show:
        for shrink in (0.003,):
            weights = fit_weights(data, taxonomy, taxonomy.settings, shrink)
            print(f"fitted on all tuning texts, shrink {shrink}:")
            print("\n".join(changed_weights(taxonomy, weights)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
