"""Related items: chosen by shared themes and shared signals, in linear time.

Comparing every item with every other is quadratic. Instead each feature
(a theme, or one of an item's strongest signals) keeps its items in catalogue
order, and an item only looks at a fixed window of neighbours in each of its
features' lists: the cost per item is bounded, so the whole pass is linear.
"""

from __future__ import annotations

from collections import defaultdict

from .catalogue import Item

WINDOW = 12
THEME_WEIGHT = 2.0
SIGNAL_WEIGHT = 1.0


def features(item: Item) -> tuple[tuple[str, float], ...]:
    """The item's features with their weights: themes, then top signals."""
    out = [(f"t:{t}", THEME_WEIGHT) for t in item.theme_ids]
    out += [(f"s:{s}", SIGNAL_WEIGHT) for s in item.signals]
    return tuple(out)


def related_items(items: tuple[Item, ...], limit: int = 5) -> dict[str, tuple[Item, ...]]:
    """For each item (by src_uri), up to `limit` others, best first; deterministic."""
    index: dict[str, list[int]] = defaultdict(list)
    feats = [features(i) for i in items]
    for pos, fs in enumerate(feats):
        for name, _w in fs:
            index[name].append(pos)
    where = {name: {p: k for k, p in enumerate(plist)} for name, plist in index.items()}
    out: dict[str, tuple[Item, ...]] = {}
    for pos, item in enumerate(items):
        scores: dict[int, float] = defaultdict(float)
        for name, weight in feats[pos]:
            plist = index[name]
            k = where[name][pos]
            for other in plist[max(0, k - WINDOW) : k + WINDOW + 1]:
                if other != pos:
                    scores[other] += weight
        best = sorted(scores, key=lambda o: (-scores[o], o))[:limit]
        out[item.src_uri] = tuple(items[o] for o in best)
    return out
