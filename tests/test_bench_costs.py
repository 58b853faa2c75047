"""bench/hook_costs.py (issue 33): the hook-by-hook timing ``make bench`` prints comes from a real
build of one language, with every hook's events timed."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import hook_costs


def test_a_timed_build_reports_each_hooks_events_and_the_whole_build():
    found = hook_costs.one_build(ROOT, "nn", None)
    hooks = {key: seconds for key, seconds in found.items() if key != "total"}
    # the events that do the most work, under the names the bench prints
    for key in ("search_index.py on_nav", "glossary.py on_page_content", "feed.py on_post_build"):
        assert hooks.get(key, 0) > 0, key
    assert 0 < sum(hooks.values()) < found["total"]
