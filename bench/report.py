"""Turn the benchmark's results into the performance page and its tables.

`results` is the JSON that run.py writes (bench/out/results.json). Times are
CPU seconds (user + system) of each build process, with wall-clock seconds
beside them; ratios use CPU time, the measure least disturbed by other work on
the machine. Every build is single-threaded, so on an idle machine the two
agree within a few per cent.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
BUILDS = ("floor", "material", "hub", "stack")
HTML_LIMIT = 60_000


@dataclass(frozen=True)
class Target:
    text: str
    measured: str
    holds: bool
    why: str = ""


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def n(items: int) -> str:
    return f"{items:,}"


def secs(runs: list[dict]) -> str:
    return f"{median(runs, 'cpu'):.1f} s (wall {median(runs, 'wall'):.1f} s)" if runs else "not run"


def kb(size: int) -> str:
    return f"{size / 1000:,.1f} KB"


def mib(runs: list[dict]) -> str:
    return f"{max(r['max_rss_mib'] for r in runs):,.0f} MiB" if runs else "not run"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "n/a"


def cpu(results: dict, size: int, build: str) -> float:
    return median(results["builds"][str(size)][build], "cpu")


def results_table(results: dict) -> str:
    sizes = results["sizes"]
    small, large = sizes[0], sizes[-1]
    b = results["builds"]
    w = results["weight"]

    def row(label: str, cell) -> str:
        return f"| {label} | " + " | ".join(cell(s) for s in sizes) + " |"

    def phases(s: int) -> str:
        prof = results["profiles"][str(s)]
        return ", ".join(f"{t / prof['total']:.0%}" for _, t in prof["phases"])

    growth = ", ".join(ratio(cpu(results, large, k), cpu(results, small, k)) for k in BUILDS)
    names = ", ".join(name for name, _ in results["profiles"][str(small)]["phases"])
    lines = [
        "| Measure | " + " | ".join(f"{n(s)} items" for s in sizes) + " |",
        "| --- | " + " | ".join("---" for _ in sizes) + " |",
        row("Floor: Python-Markdown + PyYAML", lambda s: secs(b[str(s)]["floor"])),
        row("Material alone, items out of the nav", lambda s: secs(b[str(s)]["material"])),
        row("Hub: strict build", lambda s: secs(b[str(s)]["hub"])),
        row("Standard stack: blog + tags + RSS", lambda s: secs(b[str(s)]["stack"])),
        row(
            "Hub / floor (Material alone / floor)",
            lambda s: (
                f"{ratio(cpu(results, s, 'hub'), cpu(results, s, 'floor'))} "
                f"({ratio(cpu(results, s, 'material'), cpu(results, s, 'floor'))})"
            ),
        ),
        row("Stack / hub", lambda s: ratio(cpu(results, s, "stack"), cpu(results, s, "hub"))),
        row(
            f"t({n(large)}) / t({n(small)}): floor, Material alone, hub, stack",
            lambda s: growth if s == large else "",
        ),
        row(
            "Peak memory: floor, Material alone, hub, stack",
            lambda s: ", ".join(mib(b[str(s)][k]) for k in BUILDS),
        ),
        row(f"Hub build by phase, profiled: {names}", phases),
        row("Hooks' own share of the hub build", lambda s: f"{results['profiles'][str(s)]['share']:.1%}"),
        row(
            "Post page HTML: hub, stack",
            lambda s: f"{kb(w[str(s)]['hub']['html'])}, {kb(w[str(s)]['stack']['html'])}",
        ),
        row(
            "First visit, hub: HTML, CSS, JS, images",
            lambda s: (
                f"{kb(w[str(s)]['hub']['first_visit'])} ({kb(w[str(s)]['hub']['first_visit_gz'])} gzip)"
            ),
        ),
        row(
            "First search, hub (a post's title): Pagefind's script, worker, chunks, 10 results",
            lambda s: (
                f"{kb(w[str(s)]['hub']['first_query'])} ({kb(w[str(s)]['hub']['first_query_gz'])} gzip)"
            ),
        ),
        row(
            "Repeat visit, hub: HTML only",
            lambda s: f"{kb(w[str(s)]['hub']['html'])} ({kb(w[str(s)]['hub']['html_gz'])} gzip)",
        ),
    ]
    return "\n".join(lines)


def targets(results: dict) -> list[Target]:
    sizes = results["sizes"]
    small, large = sizes[0], sizes[-1]
    scale = large / small
    hub_floor = cpu(results, small, "hub") / cpu(results, small, "floor")
    growth = cpu(results, large, "hub") / cpu(results, small, "hub")
    vs_small = cpu(results, small, "stack") / cpu(results, small, "hub")
    vs_large = cpu(results, large, "stack") / cpu(results, large, "hub")
    memory = max(r["max_rss_mib"] for r in results["builds"][str(large)]["hub"])
    share = results["profiles"][str(large)]["share"]
    html = results["weight"][str(large)]["hub"]["html"]
    return [
        Target(
            f"Hub at {n(small)} items within 2.0x the floor",
            f"{hub_floor:.2f}x",
            hub_floor <= 2.0,
            why_slower(results, small),
        ),
        Target(
            f"Hub t({n(large)}) / t({n(small)}) at most {1.1 * scale:.1f}",
            f"{growth:.2f}x",
            growth <= 1.1 * scale,
            why_growth(results, small, large),
        ),
        Target(
            f"At least 3x faster than the stack at {n(small)} items",
            f"{vs_small:.1f}x",
            vs_small >= 3,
            why_stack(results, small, 3),
        ),
        Target(
            f"At least 6x faster than the stack at {n(large)} items",
            f"{vs_large:.1f}x",
            vs_large >= 6,
            why_stack(results, large, 6),
        ),
        Target(f"Hub peak memory under 1 GiB at {n(large)} items", f"{memory:,.0f} MiB", memory < 1024),
        Target(
            "Hooks' own time under 10% of the build", f"{share:.1%}", share < 0.10, why_hooks(results, large)
        ),
        Target("Post page HTML under 60 KB", kb(html), html < HTML_LIMIT),
    ]


def _phases(results: dict, size: int) -> dict[str, float]:
    return dict(results["profiles"][str(size)]["phases"])


def why_slower(results: dict, size: int) -> str:
    prof = results["profiles"][str(size)]
    material = cpu(results, size, "material") / cpu(results, size, "floor")
    hub = cpu(results, size, "hub") / cpu(results, size, "floor")
    parts = ", ".join(f"{name} {t / prof['total']:.0%}" for name, t in prof["phases"])
    return (
        f"Material alone, with the same items kept out of the navigation and no hooks, already takes "
        f"{material:.2f}x the floor; the hub adds {hub - material:.2f}x on top of that. The profiled "
        f"hub build at {n(size)} items by phase: {parts}. The floor is the Markdown phase alone."
    )


def why_stack(results: dict, size: int, factor: int) -> str:
    stack, hub, material = (cpu(results, size, k) for k in ("stack", "hub", "material"))
    return (
        f"The stack takes {stack:.1f} s and Material alone {material:.1f} s, so the stack's plugins and its "
        f"navigation of every case study cost {stack - material:.1f} s; the hub's own additions cost "
        f"{hub - material:.1f} s. To be {factor}x faster the hub would have to build in "
        f"{stack / factor:.1f} s, {stack / factor / material:.2f}x the time of Material alone."
    )


def why_growth(results: dict, small: int, large: int) -> str:
    a, b = _phases(results, small), _phases(results, large)
    parts = ", ".join(f"{k} {b[k] / a[k]:.1f}x" for k in b if a.get(k))
    return f"Growth of each phase of the profiled hub build from {n(small)} to {n(large)} items: {parts}."


def why_hooks(results: dict, size: int) -> str:
    prof = results["profiles"][str(size)]
    top = [f"`{h['name']}` {h['cumulative']:.1f} s" for h in prof["hotspots"][:8]]
    return (
        f"Of {prof['total']:.0f} s profiled at {n(size)} items, the hooks take {prof['hooks']:.1f} s. "
        f"Hook functions by cumulative time: " + ", ".join(top) + "."
    )


def targets_table(found: list[Target]) -> str:
    lines = ["| Target | Measured | Holds |", "| --- | --- | --- |"]
    lines += [f"| {t.text} | {t.measured} | {'yes' if t.holds else 'no'} |" for t in found]
    return "\n".join(lines)


def unwrap(text: str) -> str:
    """Paragraphs and list items written over several lines, each joined onto one line."""
    blocks = [" ".join(block.split()) for block in text.strip().split("\n\n")]
    return "\n".join(blocks)


def explanations(results: dict) -> str:
    small, large = results["sizes"][0], results["sizes"][-1]
    scale = large / small
    text = (BENCH / "explanations.md").read_text(encoding="utf-8")
    return unwrap(text.format(small=n(small), large=n(large), scale=f"{scale:.0f}", quad=f"{scale**2:.0f}"))


def notes(results: dict) -> str:
    large = results["sizes"][-1]
    w = results["weight"][str(large)]["hub"]
    out = []
    if w.get("alternates"):
        count = w["alternates"]
        out.append(
            '- Material\'s script requests `sitemap.xml` beside every `<link rel="alternate">` in a page '
            f"(a lookup meant for language versions). A hub post page has {count}, its feed links, so a "
            "first visit also asks for `feeds/sitemap.xml`. The build puts an empty sitemap (under 100 "
            "bytes) in each feed folder, so these requests cost almost nothing instead of fetching "
            "`404.html` from a host that answers unknown paths with it."
        )
    runs = results["stack_runs"]
    if any(runs[str(s)] < results["runs"] for s in results["sizes"]):
        fewer = ", ".join(f"{runs[str(s)]} at {n(s)} items" for s in results["sizes"])
        out.append(f"- The standard stack was built fewer times to keep the benchmark short: {fewer}.")
    return "\n".join(out)


def render_page(results: dict) -> str:
    m = results["machine"]
    found = targets(results)
    misses = [t for t in found if not t.holds]
    why = "\n".join(f"- **{t.text}** ({t.measured}). {t.why}" for t in misses if t.why)
    load = results["load"]
    runs = f"Medians of {results['runs']} runs per build." if results["runs"] > 1 else "One run per build."
    intro = unwrap(f"""
        The hub is rebuilt on every change, so its build time has to stay close to the cost of the
        content itself and grow in step with it. This page is written by the benchmark, `make bench`
        (`bench/run.py`), over a synthetic corpus: half blog posts, half case studies, about 1,000
        words each, with headings, lists and links between items, generated the same way every time.

        Measured on {results["date"]}: {m["cpu"]}, {m["cores"]} cores, Python {m["python"]},
        MkDocs {m["mkdocs"]}, Material {m["material"]}. {runs}
        Load average before and after: {load["before"]:.1f} and {load["after"]:.1f}.
    """).replace("\n", "\n\n")
    parts = [
        "---",
        "title: Performance",
        "summary: How long the hub takes to build as its content grows, measured against the bare Markdown "
        "conversion and against the standard Material blog stack, with memory and page weight.",
        "---",
        "",
        intro,
        "",
        "## Results",
        "",
        "Times are CPU seconds of the build process, with wall-clock seconds in brackets; ratios use CPU "
        "time, which other work on the machine disturbs least.",
        "",
        results_table(results),
        "",
        "## What each row means",
        "",
        explanations(results),
        "",
        "## Targets",
        "",
        f"{len(found) - len(misses)} of {len(found)} targets hold.",
        "",
        targets_table(found),
    ]
    if why:
        parts += ["", "### Why the missed targets miss", "", why]
    extra = notes(results)
    if extra:
        parts += ["", "## Notes", "", extra]
    return "\n".join(parts) + "\n"
