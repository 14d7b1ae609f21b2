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

BUILDS = ("floor", "hub", "stack")
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

    growth = {k: ratio(cpu(results, large, k), cpu(results, small, k)) for k in BUILDS}
    lines = ["| Measure | " + " | ".join(f"{n(s)} items" for s in sizes) + " |",
             "| --- | " + " | ".join("---" for _ in sizes) + " |",
             row("Floor: Python-Markdown + PyYAML", lambda s: secs(b[str(s)]["floor"])),
             row("Hub: strict build", lambda s: secs(b[str(s)]["hub"])),
             row("Standard stack: blog + tags + RSS", lambda s: secs(b[str(s)]["stack"])),
             row("Hub / floor", lambda s: ratio(cpu(results, s, "hub"), cpu(results, s, "floor"))),
             row("Stack / hub", lambda s: ratio(cpu(results, s, "stack"), cpu(results, s, "hub"))),
             row(f"t({n(large)}) / t({n(small)}): floor, hub, stack",
                 lambda s: f"{growth['floor']}, {growth['hub']}, {growth['stack']}" if s == large else ""),
             row("Peak memory: floor, hub, stack",
                 lambda s: ", ".join(mib(b[str(s)][k]) for k in BUILDS)),
             row("Hooks' own share of the hub build", lambda s: f"{results['profiles'][str(s)]['share']:.1%}"),
             row("Post page HTML: hub, stack",
                 lambda s: f"{kb(w[str(s)]['hub']['html'])}, {kb(w[str(s)]['stack']['html'])}"),
             row("First visit, hub: HTML, CSS, JS, images",
                 lambda s: f"{kb(w[str(s)]['hub']['first_visit'])} ({kb(w[str(s)]['hub']['first_visit_gz'])} gzip)"),
             row("First visit, hub: search index as well",
                 lambda s: f"{kb(w[str(s)]['hub']['search_index'])} ({kb(w[str(s)]['hub']['search_index_gz'])} gzip)"),
             row("Repeat visit, hub: HTML only",
                 lambda s: f"{kb(w[str(s)]['hub']['html'])} ({kb(w[str(s)]['hub']['html_gz'])} gzip)")]
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
        Target(f"Hub at {n(small)} items within 2.0x the floor", f"{hub_floor:.2f}x", hub_floor <= 2.0,
               why_slower(results, small)),
        Target(f"Hub t({n(large)}) / t({n(small)}) at most {1.1 * scale:.1f}", f"{growth:.2f}x",
               growth <= 1.1 * scale, why_growth(results, small, large)),
        Target(f"At least 3x faster than the stack at {n(small)} items", f"{vs_small:.1f}x", vs_small >= 3),
        Target(f"At least 6x faster than the stack at {n(large)} items", f"{vs_large:.1f}x", vs_large >= 6),
        Target(f"Hub peak memory under 1 GiB at {n(large)} items", f"{memory:,.0f} MiB", memory < 1024),
        Target("Hooks' own time under 10% of the build", f"{share:.1%}", share < 0.10, why_hooks(results, large)),
        Target("Post page HTML under 60 KB", kb(html), html < HTML_LIMIT),
    ]


def _packages(profile: dict) -> dict[str, float]:
    return dict(profile["packages"])


def why_slower(results: dict, size: int) -> str:
    prof = results["profiles"][str(size)]
    parts = [f"{name} {t / prof['total']:.0%}" for name, t in prof["packages"][:6]]
    return (f"Where the profiled hub build at {n(size)} items spends its own time, by package: "
            + ", ".join(parts) + ". The floor spends nearly all of its time in markdown and pymdownx.")


def why_growth(results: dict, small: int, large: int) -> str:
    a, b = _packages(results["profiles"][str(small)]), _packages(results["profiles"][str(large)])
    rows = sorted(((b[k] - a.get(k, 0.0), k) for k in b), reverse=True)[:5]
    parts = [f"{k} {a.get(k, 0.0):.1f} s to {b[k]:.1f} s" for _, k in rows]
    return f"Profiled time from {n(small)} to {n(large)} items, the packages that grew most: " + ", ".join(parts) + "."


def why_hooks(results: dict, size: int) -> str:
    prof = results["profiles"][str(size)]
    top = [f"`{h['name']}` {h['cumulative']:.1f} s" for h in prof["hotspots"][:6]]
    return f"Hook functions by cumulative time at {n(size)} items: " + ", ".join(top) + "."


def targets_table(found: list[Target]) -> str:
    lines = ["| Target | Measured | Holds |", "| --- | --- | --- |"]
    lines += [f"| {t.text} | {t.measured} | {'yes' if t.holds else 'no'} |" for t in found]
    return "\n".join(lines)


def explanations(results: dict) -> str:
    small, large = results["sizes"][0], results["sizes"][-1]
    return "\n".join([
        "- **Floor**: `bench/floor.py` reads every Markdown file of the hub's corpus, parses its front matter "
        "with PyYAML, converts the body with Python-Markdown and the extensions of `mkdocs.yml`, and writes the "
        "HTML. No theme, no navigation, no checks: the least any build of these files has to do.",
        "- **Hub**: `mkdocs build --strict` of this repository's configuration, docs, hooks and overrides, with "
        "the generated items as its blog and case studies: every item page, the paged listings, theme and facet "
        "pages, feeds and the search index.",
        "- **Standard stack**: the same items on Material for MkDocs with its blog plugin (themes as "
        "categories), the tags plugin and mkdocs-rss-plugin, and the case studies as ordinary pages in an "
        "automatic navigation, as a typical site would have them.",
        "- **Hub / floor**: what the hub's site costs over the bare conversion of the same text.",
        "- **Stack / hub**: how many times faster the hub builds than the standard stack.",
        f"- **t({n(large)}) / t({n(small)})**: how the build grows with the content. For {large // small}x the "
        f"items, linear growth is {large / small:.1f}x; a build that is quadratic in the content would approach "
        f"{(large / small) ** 2:.0f}x.",
        "- **Peak memory**: the largest resident set of the build process (`ru_maxrss` of the child, one "
        "fresh wrapper process per run), the largest over the runs.",
        "- **Hooks' own share**: one hub build at each size run under cProfile; the time spent in code under "
        "`hooks/` (counted where MkDocs, Jinja or Material call into it, including what that code calls) "
        "divided by the whole build.",
        "- **Post page HTML**: the bytes of the first generated blog post's page, on the hub and on the stack.",
        "- **First visit**: the post page's HTML with every style sheet, script, image, font and icon it "
        "references, from the built files. Material's search script also fetches its worker (counted) and the "
        "search index of the whole site (the next row) as soon as any page opens.",
        "- **Repeat visit**: the HTML alone; the theme's files carry a content hash in their names and come from "
        "the browser's cache.",
    ])


def notes(results: dict) -> str:
    large = results["sizes"][-1]
    w = results["weight"][str(large)]["hub"]
    out = []
    if w.get("alternates"):
        out.append(
            f"- Material's script requests `sitemap.xml` beside every `<link rel=\"alternate\">` in a page "
            f"(a lookup meant for language versions). A hub post page has {w['alternates']} of them, its feed "
            f"links, so a first visit also makes {w['alternates']} requests for `feeds/sitemap.xml`, which does "
            f"not exist; on a host that answers unknown paths with `404.html`, that is "
            f"{kb(w['alternates'] * w.get('not_found', 0))} more.")
    runs = results["stack_runs"]
    if any(runs[str(s)] < results["runs"] for s in results["sizes"]):
        fewer = ", ".join(f"{runs[str(s)]} at {n(s)} items" for s in results["sizes"])
        out.append(f"- The standard stack was built fewer times to keep the benchmark short: {fewer}.")
    return "\n".join(out)


def render_page(results: dict) -> str:
    m = results["machine"]
    found = targets(results)
    held = sum(t.holds for t in found)
    misses = [t for t in found if not t.holds]
    why = "\n".join(f"- **{t.text}** ({t.measured}). {t.why}" for t in misses if t.why)
    load = results["load"]
    parts = [
        "---",
        "title: Performance",
        "summary: How long the hub takes to build as its content grows, measured against the bare Markdown "
        "conversion and against the standard Material blog stack, with memory and page weight.",
        "---",
        "",
        "The hub is rebuilt on every change, so its build time has to stay close to the cost of the content "
        "itself and grow in step with it. This page is written by the benchmark, `make bench` "
        "(`bench/run.py`), over a synthetic corpus: half blog posts, half case studies, about 1,000 words each, "
        "with headings, lists and links between items, generated the same way every time.",
        "",
        f"Measured on {results['date']}: {m['cpu']}, {m['cores']} cores, Python {m['python']}, "
        f"MkDocs {m['mkdocs']}, Material {m['material']}. Medians of {results['runs']} runs per build. "
        f"Load average before and after: {load['before']:.1f} and {load['after']:.1f}.",
        "",
        "## Results",
        "",
        "Times are CPU seconds of the build process, with wall-clock seconds in brackets; ratios use CPU time, "
        "which other work on the machine disturbs least.",
        "",
        results_table(results),
        "",
        "## What each row means",
        "",
        explanations(results),
        "",
        "## Targets",
        "",
        f"{held} of {len(found)} targets hold.",
        "",
        targets_table(found),
    ]
    if why:
        parts += ["", "### Why the missed targets miss", "", why]
    extra = notes(results)
    if extra:
        parts += ["", "## Notes", "", extra]
    return "\n".join(parts) + "\n"
