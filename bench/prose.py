"""Sentence fragments for the benchmark corpus, and the rules that join them.

The fragments are data, in fragments.yml. A sentence is a template with
slots (``{org}``, ``{role}``, ``{pct}``...); `fill` resolves each slot from the
item's own context (its place, its organisations) or by a choice from
`SLOTS`. Every choice goes through the `random.Random` it is given, so the
same seed gives the same text.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml


def _load(path: Path) -> dict[str, tuple[str, ...]]:
    """Each entry of fragments.yml as a tuple of its lines."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {
        name: tuple(line.strip() for line in text.split("\n") if line.strip()) for name, text in data.items()
    }


_F = _load(Path(__file__).resolve().parent / "fragments.yml")
PLACE_START, PLACE_END = _F["place_start"], _F["place_end"]
ORGANISATION, PARTNER = _F["organisation"], _F["partner"]
SLOTS: dict[str, tuple[str, ...]] = {k[len("slot_") :]: v for k, v in _F.items() if k.startswith("slot_")}
INTRO, GENERAL, STORY = _F["intro"], _F["general"], _F["story"]
CHALLENGE, DONE, CHANGED, LESSON = _F["challenge"], _F["done"], _F["changed"], _F["lesson"]
QUESTION, HEADING, CLOSING, NOTE, LINK = _F["question"], _F["heading"], _F["closing"], _F["note"], _F["link"]
POST_TITLE, CASE_TITLE, TOPIC = _F["post_title"], _F["case_title"], _F["topic"]
POST_SUMMARY, CASE_SUMMARY = _F["post_summary"], _F["case_summary"]
OUTCOME, ORGTYPE = _F["outcome"], _F["orgtype"]

_SLOT = re.compile(r"\{(\w+)\}")


def fill(template: str, rng: random.Random, ctx: dict[str, str]) -> str:
    """The template with each slot resolved, from ctx first, then by chance."""

    def value(m: re.Match) -> str:
        name = m.group(1)
        lower = name.lower()
        if lower in ctx:
            text = ctx[lower]
        elif lower in SLOTS:
            text = rng.choice(SLOTS[lower])
        else:
            text = _number(lower, rng)
        return text[:1].upper() + text[1:] if name[:1].isupper() else text

    out = _SLOT.sub(value, template)
    return out[:1].upper() + out[1:]


def _number(name: str, rng: random.Random) -> str:
    if name == "pct":
        return str(rng.randint(70, 97))
    if name == "pct2":
        return str(rng.randint(18, 65))
    if name == "n":
        return str(rng.randint(3, 12))
    if name == "n0":
        return str(rng.choice((50, 80, 100, 120, 150, 200)))
    if name == "months":
        return str(rng.randint(6, 18))
    if name == "year":
        return str(rng.randint(2012, 2024))
    if name == "orgtype":
        return rng.choice(ORGTYPE)
    raise KeyError(f"no value for the slot {{{name}}}")


class Draw:
    """Draws filled-in sentences for one item, not repeating one until its pool runs out."""

    def __init__(self, rng: random.Random, ctx: dict[str, str]) -> None:
        self.rng = rng
        self.ctx = ctx
        self._left: dict[int, list[str]] = {}

    def one(self, pool: tuple[str, ...], **extra: str) -> str:
        left = self._left.get(id(pool))
        if not left:
            left = list(pool)
            self.rng.shuffle(left)
            self._left[id(pool)] = left
        return fill(left.pop(), self.rng, {**self.ctx, **extra})

    def many(self, pool: tuple[str, ...], k: int) -> list[str]:
        return [self.one(pool) for _ in range(k)]

    def paragraph(self, k: int, *pools: tuple[str, ...]) -> str:
        """k sentences, taking from the pools in turn."""
        return " ".join(self.one(pools[n % len(pools)]) for n in range(k))
