"""The Jinja environment that draws the hub's views as HTML.

The fragments are templates under `fragments/hub/` in the theme's custom_dir
(`overrides/`); a site overrides one by putting its own file at the same path
in its custom_dir, and the hub's own fragments fill in the rest. They render
with autoescape on, so every value from a view is escaped unless a template
says `|safe`; each `|safe` is commented where it stands (grep for it), and is
only ever a fragment drawn by another fragment. A missing name fails the build
(`StrictUndefined`) instead of printing nothing.

Line breaks between tags are taken out with Jinja's whitespace control (`{%-`,
`-%}`; `{#- -#}` joins two lines), so the HTML is as compact as before and the
templates stay readable. Fragments draw one view each; composing them (an
entry with its byline and badges) happens in Python, which draws each distinct
piece once (`Drawing`), as listings repeat the same entries on many pages.

MkDocs' own environment does not autoescape, so the hub renders its fragments
here, into strings MkDocs places as page bodies. Nothing here imports MkDocs:
the build passes the theme's custom_dir; `ishub check` reads it from mkdocs.yml.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from pathlib import Path

import jinja2

FOLDER = "fragments/hub/"
# The hub's own fragments: overrides/ in this repository, beside hooks/ishub/.
HUB_OVERRIDES = Path(__file__).resolve().parents[2] / "overrides"


def make_env(template_dirs: list[Path]) -> jinja2.Environment:
    """An autoescaping, strict environment loading from `template_dirs`, first match wins."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        # Block tags on lines of their own leave nothing behind, so templates can be
        # laid out for reading while the HTML stays as compact as the layout needs.
        trim_blocks=True,
        lstrip_blocks=True,
        # One build reads each template once; `mkdocs serve` makes a new environment
        # on every rebuild, so no file needs to be checked for changes.
        auto_reload=False,
    )
    env.filters["long_date"] = long_date
    return env


def fragment_dirs(root: Path, mkdocs: dict, custom_dirs: list[Path] | None = None) -> list[Path]:
    """Where fragments are looked up, the first match winning: the theme's custom_dir
    (MkDocs gives it to a build; `ishub check`, which runs without MkDocs, reads
    theme.custom_dir from mkdocs.yml, or takes `<root>/overrides`), then the hub's own
    fragments, so a site's custom_dir needs only the fragments it changes."""
    if not custom_dirs:
        theme = mkdocs.get("theme")
        custom = theme.get("custom_dir") if isinstance(theme, dict) else None
        custom_dirs = [root / str(custom)] if custom else [root / "overrides"]
    return list(dict.fromkeys([*custom_dirs, HUB_OVERRIDES]))


def render(env: jinja2.Environment, name: str, **context) -> str:
    """The fragment `fragments/hub/<name>` drawn with `context`; each template is
    fetched from the environment once (kept on it as `hub_templates`)."""
    cache = env.__dict__.setdefault("hub_templates", {})
    template = cache.get(name)
    if template is None:
        template = cache[name] = env.get_template(FOLDER + name)
        # Jinja copies a template's globals into every render's context; as the layered
        # mapping it keeps them in, that copy costs more than drawing a small fragment.
        # The hub never changes globals after make_env, so one plain dict holds the same.
        template.globals = dict(template.globals)
    return template.render(context)


class Drawing:
    """One environment and the HTML it has drawn, for a build to reuse.

    A listing shows the same entry on many pages (a case study on each of its
    facet pages); `once` draws each distinct view a single time.
    """

    def __init__(self, env: jinja2.Environment):
        self.env = env
        self._drawn: dict[Hashable, str] = {}

    def __call__(self, name: str, **context) -> str:
        return render(self.env, name, **context)

    def once(self, key: Hashable, draw: Callable[[], str]) -> str:
        """The HTML `draw()` gives for `key` (a view, with any options), drawn the first time only."""
        html = self._drawn.get(key)
        if html is None:
            html = self._drawn[key] = draw()
        return html


def long_date(day: dt.date) -> str:
    """A date as readers in the UK write it: 4 March 2026."""
    return f"{day.day} {day:%B %Y}"
