"""The rendered course as a learner opens it from disk, with every network request refused.

The course runner renders lessons 03 (the map builder: buttons with Font Awesome icons), 05 (the
funnel explorer: drop-downs, date pickers) and 07 (the attribution explorer: sliders; formulas) with their exercises and solutions into a temporary
folder. Headless Chromium (Debian's, driven by Playwright) opens the pages from ``file://`` with
a route that aborts every request that is not ``file://`` or ``data:``: the saved widgets must
still be drawn (the renderer, require.js and MathJax come from the course's ``assets/``), each
widget must carry the note that moving it needs a kernel, and no request may even try the
network. Without a kernel the widget controls are drawn but nothing recomputes, which is what
the note says. Another test walks every relative link of every page of the built folder.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from journeykit import course

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
LESSONS = ("03", "05", "07")
RENDER_TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "course"
    results = course.run_course(
        ROOT, out, only=LESSONS, exercises=True, solutions=True, progress=None
    )
    failed = [r.message() for r in results if not r.ok]
    assert not failed, failed
    assert len(results) == 3 * len(LESSONS)
    return out


@pytest.fixture
def offline_page(browser) -> Iterator[tuple[object, list[str], list[str]]]:
    """A page whose every request outside ``file://``/``data:`` is aborted (and recorded)."""
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    refused: list[str] = []
    errors: list[str] = []

    def route(r) -> None:  # noqa: ANN001
        url = r.request.url
        if url.startswith(("file://", "data:")):
            r.continue_()
        else:
            refused.append(url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.on("requestfailed", lambda req: errors.append(f"request failed: {req.url[:200]}"))
    try:
        yield page, refused, errors
    finally:
        page.close()


def _title(path: Path) -> str:
    m = re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), re.S)
    assert m, f"{path}: no <title>"
    return html.unescape(m.group(1)).strip()


def test_lesson_shows_its_saved_widgets_with_the_network_blocked(site, offline_page, build_dir):
    page, refused, errors = offline_page
    page.goto((site / "05_measuring.html").as_uri())
    explorer = page.locator(".jk-funnelexplorer")
    explorer.first.wait_for(state="visible", timeout=RENDER_TIMEOUT_MS)
    dropdowns = page.locator(".jk-funnelexplorer .widget-dropdown select")
    # persona, channel, device, campaign, stage model: the explorer's five drop-downs
    assert dropdowns.count() == 5 and all(d.is_visible() for d in dropdowns.all())
    assert page.locator(".jk-funnelexplorer .widget-datepicker input").count() == 2
    assert page.locator(".jk-funnelexplorer .jk-funnel .jk-users").count() == 5  # 5 stages
    note = page.locator(".jk-kernel-note").first
    assert note.is_visible() and "make lab" in note.inner_text()
    note.scroll_into_view_if_needed()
    page.screenshot(path=str(build_dir / "course-05-offline.png"))
    assert page.title() == _title(site / "05_measuring.html")
    assert refused == [], f"the page asked the network for {refused}"
    assert errors == []


def test_sliders_and_formulas_render_with_the_network_blocked(site, offline_page, build_dir):
    page, refused, errors = offline_page
    page.goto((site / "07_attribution.html").as_uri())
    sliders = page.locator(".jk-attributionexplorer .widget-slider")
    sliders.first.wait_for(state="visible", timeout=RENDER_TIMEOUT_MS)
    assert sliders.count() >= 2  # lookback window and half-life
    page.locator("mjx-container").first.wait_for(state="attached", timeout=RENDER_TIMEOUT_MS)
    assert page.locator("mjx-container svg").count() > 0  # MathJax drew the formulas
    assert page.locator(".jk-kernel-note").count() >= 1
    sliders.first.scroll_into_view_if_needed()
    page.screenshot(path=str(build_dir / "course-07-offline.png"))
    assert refused == [], f"the page asked the network for {refused}"
    assert errors == []


def test_icons_fonts_load_from_the_assets_folder(site, offline_page):
    # the renderer looks for its Font Awesome fonts next to its modules' URLs; a failed font
    # request (a path outside assets/) shows as a failed request
    page, refused, errors = offline_page
    page.goto((site / "03_journey_maps.html").as_uri())
    page.locator(".jk-mapbuilder").first.wait_for(state="visible", timeout=RENDER_TIMEOUT_MS)
    page.wait_for_timeout(1500)  # fonts load after the widgets are drawn
    assert page.evaluate("document.fonts.check('900 16px \"Font Awesome 5 Free\"')")
    assert refused == [] and errors == []


def test_exercise_page_exists_and_links_back(site, offline_page):
    exercise = site / "exercises" / "05_measuring.html"
    assert exercise.exists()
    page, refused, _ = offline_page
    page.goto(exercise.as_uri())
    assert page.title() == "Exercise 05 · Measuring the journey"
    back = page.locator('a[href="../05_measuring.html"]')
    assert back.count() >= 1
    back.first.click()
    assert page.title().startswith("05 · Measuring the journey")
    assert refused == []


def test_every_page_has_its_own_title(site):
    pages = sorted(site.rglob("*.html"))
    titles = {p.relative_to(site).as_posix(): _title(p) for p in pages}
    assert len(set(titles.values())) == len(titles), titles
    assert "Notebook" not in titles.values()
    assert titles["05_measuring.html"].startswith("05 · Measuring the journey")
    assert titles["solutions/07_attribution.html"] == (
        "Exercise 07 · Assisted conversions and attribution (solution)"
    )
    assert titles["teaching.html"].startswith("Teaching the journeykit course")


_LINK = re.compile(r'(?:href|src)="([^"]*)"')


def _relative_links(page: Path) -> list[str]:
    links = []
    for raw in _LINK.findall(page.read_text(encoding="utf-8")):
        url = html.unescape(raw)
        parsed = urlparse(url)
        if parsed.scheme or url.startswith(("#", "//")) or not parsed.path:
            continue
        links.append(unquote(parsed.path))
    return links


def lesson_links(site: Path) -> list[str]:
    """Links from the rendered pages to pages of this run that went to a source notebook."""
    rendered = {p.stem for p in site.glob("[0-9][0-9]_*.html")}
    return [
        link
        for page in site.rglob("*.html")
        for link in _relative_links(page)
        if Path(link).stem in rendered and link.endswith(".ipynb") and "../" in link
    ]


def test_every_relative_link_of_the_built_site_resolves(site):
    checked = 0
    broken = []
    for page in sorted(site.rglob("*.html")):
        for link in _relative_links(page):
            checked += 1
            if not (page.parent / link).exists():
                broken.append(f"{page.relative_to(site)} -> {link}")
    assert not broken, broken
    assert checked > 30
    # between pages of this run the links stay inside the folder, and never open raw JSON
    assert {"exercises/05_measuring.html", "index.html"} <= set(
        _relative_links(site / "05_measuring.html")
    )
    # lesson 07 points at its solution ("solutions in ...")
    assert "solutions/07_attribution.html" in set(_relative_links(site / "07_attribution.html"))
    assert lesson_links(site) == []
    index = set(_relative_links(site / "index.html"))
    for name in ("05_measuring", "07_attribution"):
        assert {f"{name}.html", f"exercises/{name}.html", f"solutions/{name}.html"} <= index
    assert "teaching.html" in index
