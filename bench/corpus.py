"""A deterministic synthetic corpus for the build benchmark.

`make_corpus(n, seed, vocab)` gives n items, half blog posts and half case
studies, each about 1,000 words of public-sector information-sharing prose
with headings, lists and links to other items. Each item draws from its own
`random.Random` seeded with (seed, index), so the same seed always gives the
same files. `write_corpus` lays the items out three ways (see layouts.py):
the hub's own site, the standard Material stack, and plain files for the
floor.

    python bench/corpus.py --items 20 --seed 1 --out /tmp/corpus
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import prose as p  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIRST_DAY = dt.date(2014, 1, 1)
LAST_DAY = dt.date(2026, 11, 1)
POST = "post"
CASE_STUDY = "case-study"
CONTACT = (
    "The team at {org} is happy to talk to other areas planning something similar. Please write to "
    "casestudies@information-sharing-hub.example.org, giving the title of this case study, "
    "and we will pass your message on."
)


@dataclass(frozen=True)
class Vocab:
    """What front matter may use, read from the real repository."""

    authors: tuple[str, ...]
    themes: tuple[tuple[str, str], ...]  # (id, label)
    regions: tuple[tuple[str, str], ...]
    policy_areas: tuple[tuple[str, str], ...]
    post_images: tuple[str, ...]
    case_images: tuple[str, ...]

    def label(self, table: str, term_id: str) -> str:
        return dict(getattr(self, table))[term_id]


def load_vocab(root: Path = ROOT) -> Vocab:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    extra = config["extra"]
    authors_file = root / extra.get("authors_file", "blog/authors.yml")
    authors = yaml.safe_load(authors_file.read_text(encoding="utf-8"))["authors"]

    def terms(key: str) -> tuple[tuple[str, str], ...]:
        return tuple((t["id"], t["label"]) for t in extra[key])

    def images(folder: str) -> tuple[str, ...]:
        base = root / folder / "images"
        return tuple(sorted(f.name for f in base.glob("*.svg"))) if base.is_dir() else ()

    return Vocab(
        tuple(authors),
        terms("themes"),
        terms("regions"),
        terms("policy_areas"),
        images("blog"),
        images("case_studies"),
    )


@dataclass(frozen=True)
class Entry:
    """One generated item. Its body marks links as @@LINK:n@@ and images as @@IMAGE:name@@."""

    index: int
    kind: str
    slug: str
    date: dt.date
    title: str
    summary: str
    fields: tuple[tuple[str, object], ...]  # the other front matter fields, in order
    body: str = ""

    @property
    def filename(self) -> str:
        return f"{self.date.isoformat()}-{self.slug}.md" if self.kind == POST else f"{self.slug}.md"

    def field(self, name: str, default: object = None) -> object:
        return dict(self.fields).get(name, default)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def item_rng(seed: int, index: int) -> random.Random:
    return random.Random(f"ishub-bench:{seed}:{index}")


def make_place(rng: random.Random) -> str:
    return rng.choice(p.PLACE_START) + rng.choice(p.PLACE_END)


def make_context(rng: random.Random, vocab: Vocab) -> dict[str, str]:
    """The facts one item's sentences share: its place, organisation, policy area."""
    place = make_place(rng)
    area_id, area = rng.choice(vocab.policy_areas)
    return {
        "place": place,
        "org": p.fill(rng.choice(p.ORGANISATION), rng, {"place": place}),
        "families": rng.choice(p.SLOTS["families"]),
        "policy": area.lower(),
        "policy_id": area_id,
        "topic": rng.choice(p.TOPIC),
    }


def make_header(index: int, seed: int, vocab: Vocab, taken: set[tuple[str, str]]) -> tuple[Entry, dict]:
    """An item without its body: kind, date, title, slug and front matter."""
    rng = item_rng(seed, index)
    kind = POST if index % 2 == 0 else CASE_STUDY
    ctx = make_context(rng, vocab)
    date = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    title = p.fill(rng.choice(p.POST_TITLE if kind == POST else p.CASE_TITLE), rng, ctx)
    summary = p.fill(rng.choice(p.POST_SUMMARY if kind == POST else p.CASE_SUMMARY), rng, ctx)
    slug, n = slugify(title), 2
    while (kind, slug) in taken:
        slug, n = f"{slugify(title)}-{n}", n + 1
    taken.add((kind, slug))
    themes = tuple(t for t, _ in rng.sample(vocab.themes, rng.randint(1, 2))) if rng.random() < 0.5 else ()
    if kind == POST:
        fields: list[tuple[str, object]] = [
            ("authors", tuple(rng.sample(vocab.authors, rng.choice((1, 1, 2)))))
        ]
    else:
        partner = p.fill(rng.choice(p.PARTNER), rng, {"place": ctx["place"]})
        extra_area = rng.choice(vocab.policy_areas)[0]
        areas = tuple(
            dict.fromkeys((ctx["policy_id"], extra_area) if rng.random() < 0.3 else (ctx["policy_id"],))
        )
        fields = [
            ("organisations", (ctx["org"],)),
            ("place", ctx["place"]),
            ("region", rng.choice(vocab.regions)[0]),
            ("policy_areas", areas),
        ]
        if rng.random() < 0.7:
            fields.append(("partners", (partner,)))
        fields.append(("outcomes", tuple(p.fill(o, rng, ctx) for o in rng.sample(p.OUTCOME, 3))))
    if themes:
        fields.append(("themes", themes))
    if kind == CASE_STUDY and rng.random() < 0.01:
        fields.append(("featured", True))
    return Entry(index, kind, slug, date, title, summary, tuple(fields)), ctx


def link_sentence(draw: p.Draw, target: Entry) -> str:
    return draw.one(p.LINK, title=target.title, href=f"@@LINK:{target.index}@@")


def post_body(draw: p.Draw, links: list[Entry], images: tuple[str, ...]) -> str:
    rng = draw.rng
    parts = [draw.paragraph(4, p.INTRO, p.GENERAL, p.STORY)]
    headings = draw.many(p.HEADING, rng.randint(4, 5))
    extras = ["questions", "steps", "note", "image" if images and rng.random() < 0.3 else "none"]
    rng.shuffle(extras)
    for n, heading in enumerate(headings):
        parts.append(f"## {heading}")
        text = draw.paragraph(rng.randint(4, 6), p.GENERAL, p.STORY, p.GENERAL)
        if n < len(links):
            text += " " + link_sentence(draw, links[n])
        parts.append(text)
        parts.append(draw.paragraph(rng.randint(3, 5), p.GENERAL, p.GENERAL, p.STORY))
        parts += post_extra(extras[n] if n < len(extras) else "none", draw, images)
    parts.append(draw.one(p.CLOSING))
    return "\n\n".join(parts) + "\n"


def post_extra(what: str, draw: p.Draw, images: tuple[str, ...]) -> list[str]:
    if what == "questions":
        return ["### Questions to ask", "\n".join(f"- {q}" for q in draw.many(p.QUESTION, 5))]
    if what == "steps":
        return ["\n".join(f"{k}. {s}" for k, s in enumerate(draw.many(p.GENERAL, 4), start=1))]
    if what == "note":
        return [f'!!! note "Remember"\n\n    {draw.one(p.NOTE)}']
    if what == "image":
        name = draw.rng.choice(images)
        return [f"![A diagram of how information moves between the partners](@@IMAGE:{name}@@)"]
    return []


def case_body(draw: p.Draw, ctx: dict[str, str], links: list[Entry], images: tuple[str, ...]) -> str:
    rng = draw.rng
    parts = ["## The challenge"]
    parts += [draw.paragraph(5, p.CHALLENGE, p.GENERAL, p.CHALLENGE) for _ in range(2)]
    parts.append("## What was done")
    parts += [draw.paragraph(5, p.DONE, p.STORY, p.GENERAL, p.DONE) for _ in range(3)]
    parts.append("\n".join(f"{k}. {s}" for k, s in enumerate(draw.many(p.DONE, 3), start=1)))
    if images and rng.random() < 0.2:
        parts.append(
            f"![A diagram of how notifications pass between the partners](@@IMAGE:{rng.choice(images)}@@)"
        )
    parts.append("## What changed")
    parts += [draw.paragraph(4, p.CHANGED, p.GENERAL) for _ in range(2)]
    if rng.random() < 0.5:
        before, after = rng.randint(20, 60), rng.randint(65, 97)
        parts.append(
            f"| Measure | Before | After |\n| --- | --- | --- |\n"
            f"| Decisions within one working day | {before}% | {after}% |\n"
            f"| Practitioners confident to share | {before - 5}% | {after - 8}% |"
        )
    parts.append("## Lessons")
    parts.append("\n".join(f"- {s}" for s in draw.many(p.LESSON, 5)))
    parts.append(" ".join([draw.paragraph(3, p.GENERAL)] + [link_sentence(draw, t) for t in links]))
    parts += ["## Contact", p.fill(CONTACT, rng, ctx)]
    return "\n\n".join(parts) + "\n"


def make_corpus(n: int, seed: int = 1, vocab: Vocab | None = None) -> tuple[Entry, ...]:
    """n items: even indexes are blog posts, odd ones case studies."""
    vocab = vocab or load_vocab()
    taken: set[tuple[str, str]] = set()
    headers = [make_header(i, seed, vocab, taken) for i in range(n)]
    out = []
    for entry, ctx in headers:
        rng = item_rng(seed, entry.index + 1_000_000)
        draw = p.Draw(rng, ctx)
        others = [i for i in rng.sample(range(n), min(n, 4)) if i != entry.index][:3]
        links = [headers[i][0] for i in others]
        if entry.kind == POST:
            body = post_body(draw, links, vocab.post_images)
        else:
            body = case_body(draw, ctx, links, vocab.case_images)
        out.append(
            Entry(
                entry.index,
                entry.kind,
                entry.slug,
                entry.date,
                entry.title,
                entry.summary,
                entry.fields,
                body,
            )
        )
    return tuple(out)


def main(argv: list[str] | None = None) -> int:
    from layouts import write_corpus

    parser = argparse.ArgumentParser(description="Write the benchmark corpus: hub/, stack/ and floor/.")
    parser.add_argument("--items", type=int, default=20, help="how many items (default 20)")
    parser.add_argument("--seed", type=int, default=1, help="the random seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="the folder to write into")
    args = parser.parse_args(argv)
    corpus = make_corpus(args.items, args.seed)
    write_corpus(corpus, args.out)
    words = sum(len(e.body.split()) for e in corpus) // max(1, len(corpus))
    print(f"{len(corpus)} items, {words} words each on average, in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
