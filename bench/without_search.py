"""Run MkDocs with the site's search index left out, to measure what the rest costs.

The hub indexes the finished site with Pagefind (`ishub.search.index_site`); an
earlier hub used Material's search plugin. Neither is the same work, so to
compare two hubs like for like, compare.py --without-search drops the `search`
plugin from each configuration and builds through this wrapper, which makes
`index_site` index nothing. The pages, feeds and checks are built as always.

    python bench/without_search.py build -q --strict -f mkdocs.yml
"""

from __future__ import annotations

import runpy
import sys

try:
    from ishub import search
except ImportError:  # a hub from before the search index was its own
    search = None

if search is not None and hasattr(search, "index_site"):
    search.index_site = lambda site_dir, copies=None: []
if search is not None and hasattr(search, "search_copy"):  # before the hooks import it
    search.search_copy = lambda html, tree=None: None

sys.argv = ["mkdocs", *sys.argv[1:]]
runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
