"""The map builder and the funnel explorer in a real browser: Voilà serves
``widgets_demo.ipynb`` on 127.0.0.1, headless Chromium (Debian's, driven by Playwright) moves a
slider, types in text fields and picks a filter, and the page must show the new map and numbers.

The expected numbers come from the package run in this process on the same data (same preset,
size and seed as the notebook), not from the page itself.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

NOTEBOOK = Path(__file__).with_name("widgets_demo.ipynb")
N_USERS, SEED = 1500, 7  # as in the notebook's first code cell
FIRST_RENDER_TIMEOUT_MS = 180_000  # cold Chromium + kernel start + data generation
UPDATE_TIMEOUT_MS = 30_000


def _notebook_source() -> str:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


def test_notebook_uses_the_data_this_test_expects():
    source = _notebook_source()
    assert f"n_users={N_USERS}" in source and f"seed={SEED}" in source


def _expected_funnel(persona: str | None) -> list[int]:
    from journeykit.funnels import stage_funnel
    from journeykit.synth import generate

    tables = generate(preset="coffee", n_users=N_USERS, seed=SEED)
    events = tables.events
    if persona is not None:
        people = tables.users.loc[tables.users["persona"] == persona, "user_id"]
        events = events[events["user_id"].isin(people)]
    return stage_funnel(events, "five")["users"].tolist()


def _shown_funnel(page) -> list[int]:  # noqa: ANN001
    cells = page.locator(".jk-funnelexplorer .jk-funnel .jk-users").all_inner_texts()
    return [int(c.replace(",", "")) for c in cells]


def _map_svg(page) -> str:  # noqa: ANN001
    return page.locator(".jk-mapbuilder .jk-plot").inner_html()


def _wait_for_text(page, selector: str, text: str) -> None:  # noqa: ANN001
    page.wait_for_function(
        "([sel, text]) => { const el = document.querySelector(sel);"
        " return el !== null && el.textContent.includes(text); }",
        arg=[selector, text],
        timeout=UPDATE_TIMEOUT_MS,
    )


def test_map_builder_and_funnel_explorer_in_chromium(browser, voila_server, build_dir):
    url = voila_server(NOTEBOOK)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    problems: list[str] = []
    page.on("pageerror", lambda err: problems.append(str(err)))
    try:
        page.goto(url, timeout=FIRST_RENDER_TIMEOUT_MS, wait_until="domcontentloaded")
        # the kernel has run every cell once both widgets are on the page with their output
        try:
            page.wait_for_selector(".jk-mapbuilder .jk-plot svg", timeout=FIRST_RENDER_TIMEOUT_MS)
            page.wait_for_selector(
                ".jk-funnelexplorer .jk-funnel .jk-users", timeout=FIRST_RENDER_TIMEOUT_MS
            )
        except Exception:
            page.screenshot(path=str(build_dir / "widgets-failed.png"), full_page=True)
            raise AssertionError(
                "widgets did not render; page text:\n" + page.inner_text("body")[-3000:]
            ) from None

        # --- funnel explorer: first state, then a filter ---------------------------------------
        everyone = _expected_funnel(None)
        assert _shown_funnel(page) == everyone
        assert f"{everyone[0]:,}" in page.inner_text(".jk-funnelexplorer .jk-summary")
        page.locator(".jk-funnelexplorer .jk-persona select").select_option(label="Student")
        students = _expected_funnel("student")
        assert students != everyone
        page.wait_for_function(
            "(n) => { const c = document.querySelector('.jk-funnelexplorer .jk-funnel .jk-users');"
            " return c !== null && c.textContent.replace(/,/g, '') === String(n); }",
            arg=students[0],
            timeout=UPDATE_TIMEOUT_MS,
        )
        assert _shown_funnel(page) == students
        bar_labels = page.locator(".jk-funnelexplorer .jk-plot svg text").all_text_contents()
        assert any(re.fullmatch(rf"\s*{students[0]:,}\s+\(100\.0 %\)\s*", x) for x in bar_labels)

        # --- map builder: text fields -----------------------------------------------------------
        title = page.locator(".jk-mapbuilder .jk-title input")
        title.fill("Kopi Senja journey")
        _wait_for_text(page, ".jk-mapbuilder .jk-plot", "Kopi Senja journey")
        actions = page.locator(".jk-mapbuilder .jk-lane-actions textarea")
        actions.fill("Sees a TikTok review")
        _wait_for_text(page, ".jk-mapbuilder .jk-plot", "Sees a TikTok review")
        assert "Sees a coffee ad" not in _map_svg(page)  # the awareness actions were replaced

        # --- map builder: the emotion slider (typed into its readout, as a learner can) ---------
        assert "-1.5" not in _map_svg(page)
        readout = page.locator(".jk-mapbuilder .jk-emotion .widget-readout")
        readout.click()
        page.keyboard.press("Control+A")
        page.keyboard.type("-1.5")
        page.keyboard.press("Enter")
        _wait_for_text(page, ".jk-mapbuilder .jk-plot", "-1.5")
        assert "Kopi Senja journey" in _map_svg(page)  # the earlier edits are still there

        # an invalid edit: an empty title shows a message and keeps the map
        title.fill("")
        _wait_for_text(page, ".jk-mapbuilder .jk-status", "title")
        assert "Kopi Senja journey" in _map_svg(page)

        shot = build_dir / "widgets.png"
        height = page.evaluate(  # Voila scrolls inside a container, not the document
            "() => Math.max(...Array.from(document.querySelectorAll('body, body *'),"
            " (e) => e.scrollHeight))"
        )
        page.set_viewport_size({"width": 1400, "height": max(1000, min(int(height), 6000))})
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        assert not [p for p in problems if re.search(r"widget|model", p, re.I)], problems
    finally:
        page.close()
