"""ShopMine charts in a real JupyterLab, light and dark theme, static and interactive (issue 21).

A notebook executed headlessly by `shopmine execute` — and therefore *untrusted* — holds a scatter, a bar,
a line and a histogram drawn static (the default), the same four after `set charts interactive`, and one
`plot … interactive` after `set charts static`. It is opened in a real JupyterLab (private, temporary
Jupyter directories; the theme written to its settings as a user's choice would be) in headless
Chromium, once in "JupyterLab Light" and once in "JupyterLab Dark", and the DOM says which renderer drew
each output:

- static charts are JupyterLab's HTML renderer (`.jp-RenderedHTML`) showing the `<img>` of the SVG;
- interactive ones are its Vega-Lite renderer (`.jp-RenderedVegaLite`, a vega-embed view drawn into a
  canvas), because the interactive bundle leaves `text/html` out.

The screenshots of the output areas then say what a reader sees:

- a static chart in the dark theme is no white card: near-white pixels are a small fraction of its area
  (in the light theme, as a control, they are most of it), and its text and axes stand out from the
  dark background;
- the Vega-Lite view follows the theme the same way, shows tooltips titled with the column names when
  the pointer rests on a point, and zooms on the mouse wheel.

Skips, naming what is missing, without Chromium/chromedriver/JupyterLab/Selenium (scripts/browser-deps.sh)
or the shopmine binary ($SHOPMINE_BIN); SHOPMINE_REQUIRE_BROWSER=1 turns the skip into a failure.
Screenshots are kept in $SHOPMINE_BROWSER_SHOTS when set (look at them), else in a temp dir that is
removed afterwards.
"""
from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from browser import lab, png  # noqa: E402
from test_browser_untrusted import renderer  # noqa: E402  (the shared classification)

HERE = pathlib.Path(__file__).resolve().parent
THEMES = {"light": "JupyterLab Light", "dark": "JupyterLab Dark"}

SETUP = "users = generate users 300 seed 1\norders = generate orders 3000 seed 1"
DAILY = "(orders | derive day = date(ts) | group by day aggregate revenue = sum(price * quantity))"
KINDS = {
    "scatter": 'plot scatter users x browse_time y spend color city title "Browse vs spend"',
    "bar": "plot bar (users | group by city aggregate n = count()) x city y n color city",
    "line": f"plot line {DAILY} x day y revenue",
    "hist": "plot hist users spend bins 30 color city",
}
# (cell id, source, expected renderer): every cell after the first shows one chart.
CELLS = (
    [("setup", SETUP, None)]
    + [(f"static-{k}", code, "text/html") for k, code in KINDS.items()]
    + [("interactive-scatter", "set charts interactive\n" + KINDS["scatter"], "vega-lite")]
    + [(f"interactive-{k}", KINDS[k], "vega-lite") for k in ("bar", "line", "hist")]
    + [("one-interactive", "set charts static\nplot scatter users x browse_time y spend interactive", "vega-lite"),
       ("static-again", "plot hist users spend", "text/html")]
)
EXPECTED = {cell_id: want for cell_id, _, want in CELLS}


@pytest.fixture(scope="session", autouse=True)
def jupyter_env():
    """Overrides conftest's autouse fixture: this check makes its own private Jupyter dirs."""
    yield None


def shopmine_or_skip() -> str:
    from conftest import shopmine_binary  # the shared lookup: $SHOPMINE_BIN, else .build/release/shopmine

    try:
        return shopmine_binary()
    except RuntimeError as error:
        if os.environ.get("SHOPMINE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{error} — SHOPMINE_REQUIRE_BROWSER=1 forbids skipping")
        pytest.skip(str(error))


@pytest.fixture(scope="module")
def executed_notebook() -> dict:
    """The chart notebook, run headlessly by `shopmine execute` (so it is saved untrusted)."""
    lab.require_browser()
    binary = shopmine_or_skip()
    work = pathlib.Path(tempfile.mkdtemp(prefix="shopmine-charts-nb-"))
    try:
        source = {
            "cells": [
                {"cell_type": "code", "execution_count": None, "id": cell_id, "metadata": {}, "outputs": [],
                 "source": code}
                for cell_id, code, _ in CELLS
            ],
            "metadata": {"kernelspec": {"display_name": "ShopMine", "language": "shopmine", "name": "shopmine"},
                         "language_info": {"name": "shopmine"}},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
        (work / "in.ipynb").write_text(json.dumps(source, indent=1))
        run = subprocess.run(
            [binary, "execute", str(work / "in.ipynb"), "-o", str(work / "out.ipynb"), "--no-progress"],
            capture_output=True, text=True, timeout=300, cwd=work,
        )
        assert run.returncode == 0, f"shopmine execute failed ({run.returncode}): {run.stderr[-2000:]}"
        notebook = json.loads((work / "out.ipynb").read_text())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    # The server has no shopmine kernelspec; name one it has so JupyterLab opens the notebook without a
    # "select kernel" dialog. Outputs and (lack of) signature are untouched: the file stays untrusted.
    notebook["metadata"]["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    return notebook


def test_bundles_are_static_or_interactive_as_the_cells_ask(executed_notebook):
    """What `shopmine execute` stored: static charts carry the `<img>` (text/html), interactive ones the
    Vega-Lite spec instead; both keep the SVG."""
    for cell, (cell_id, _, want) in zip(executed_notebook["cells"], CELLS):
        if want is None:
            assert cell["outputs"] == [], cell_id
            continue
        assert len(cell["outputs"]) == 1, (cell_id, cell["outputs"])
        types = sorted(cell["outputs"][0]["data"])
        if want == "text/html":
            assert types == ["image/svg+xml", "text/html", "text/plain"], (cell_id, types)
        else:
            assert types == ["application/vnd.vegalite.v5+json", "image/svg+xml", "text/plain"], (cell_id, types)


@pytest.fixture(scope="module", params=list(THEMES))
def themed_outputs(request, executed_notebook, shots_dir):
    """(theme, {cell id: RenderedOutput}, browser): the notebook opened in JupyterLab in one theme."""
    theme = request.param
    work = pathlib.Path(tempfile.mkdtemp(prefix=f"shopmine-charts-{theme}-"))
    root = work / "root"
    root.mkdir()
    name = f"charts-{theme}.ipynb"
    (root / name).write_text(json.dumps(executed_notebook, indent=1))
    server = lab.JupyterLabServer(root, work / "state", theme=THEMES[theme])
    try:
        with server, lab.Browser(width=1400, height=1400) as browser:
            shown = sum(len(c["outputs"]) for c in executed_notebook["cells"])
            try:
                browser.open_notebook(server.notebook_url(name), name, shown)
            finally:
                browser.screenshot(shots_dir / f"charts-{theme}-page.png")
            light = browser.driver.execute_script("return document.body.dataset.jpThemeLight")
            assert light == ("true" if theme == "light" else "false"), f"JupyterLab did not open in {THEMES[theme]}"
            outputs = dict(zip([cell_id for cell_id, _, _ in CELLS], browser.outputs(name)))
            for cell_id, output in outputs.items():
                if output is not None:
                    (shots_dir / f"charts-{theme}-{cell_id}.png").write_bytes(output.png)
            yield theme, outputs, browser
    finally:
        if os.environ.get("SHOPMINE_BROWSER_SHOTS"):
            shutil.copy(server.log_path, shots_dir / f"jupyterlab-{theme}.log")
        shutil.rmtree(work, ignore_errors=True)


# --- pixels ------------------------------------------------------------------------------------------


def luminance(r: int, g: int, b: int) -> float:
    """WCAG relative luminance of an sRGB pixel."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = luminance(*a), luminance(*b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def background(image: png.Image) -> tuple[int, int, int]:
    """The most common colour of a screenshot: what the output area is painted with."""
    counts: dict[tuple[int, int, int], int] = {}
    for y in range(0, image.height, 2):
        for x in range(0, image.width, 2):
            p = image.pixel(x, y)
            counts[p] = counts.get(p, 0) + 1
    return max(counts, key=counts.get)


def is_near_white(r: int, g: int, b: int) -> bool:
    return min(r, g, b) >= 235


def ink_pixels(image: png.Image, ground: tuple[int, int, int]) -> int:
    """Grey pixels (text, axes: no hue) that stand out from `ground` by at least 3:1."""
    return image.count(lambda r, g, b: max(r, g, b) - min(r, g, b) < 16 and contrast((r, g, b), ground) >= 3)


def coloured_pixels(image: png.Image) -> int:
    """Saturated pixels: the chart's marks, never text, axes or the ground."""
    return image.count(lambda r, g, b: max(r, g, b) - min(r, g, b) > 60)


def measure(output: lab.RenderedOutput) -> dict:
    image = png.decode(output.png)
    ground = background(image)
    area = image.width * image.height
    return {
        "size": (image.width, image.height),
        "ground": ground,
        "white": image.count(is_near_white) / area,
        "ink": ink_pixels(image, ground),
        "coloured": coloured_pixels(image),
    }


# --- which renderer ----------------------------------------------------------------------------------


@pytest.mark.parametrize("cell_id", [c for c, _, want in CELLS if want is not None])
def test_each_chart_is_drawn_by_the_expected_renderer(themed_outputs, cell_id):
    theme, outputs, _ = themed_outputs
    output = outputs[cell_id]
    assert output is not None, f"{theme}: cell {cell_id} shows no output"
    assert renderer(output) == EXPECTED[cell_id], (theme, cell_id, output.classes, output.html)
    if EXPECTED[cell_id] == "text/html":
        assert output.html.startswith('<img src="data:image/svg+xml;base64,'), output.html[:120]
        assert output.image_size == (640, 400)
    else:
        # vega-embed's view: drawn (a canvas or an svg), and no <img> of the static chart anywhere.
        assert "vega-embed" in output.html, output.html[:300]
        assert "<canvas" in output.html or "<svg" in output.html, output.html[:300]
        assert "<img" not in output.html
    assert measure(output)["coloured"] > 300, f"{theme} {cell_id}: no coloured marks drawn"


# --- what a reader sees ------------------------------------------------------------------------------


@pytest.mark.parametrize("cell_id", [c for c, _, want in CELLS if want is not None])
def test_charts_follow_the_theme_no_white_card_and_visible_ink(themed_outputs, cell_id):
    theme, outputs, _ = themed_outputs
    m = measure(outputs[cell_id])
    print(f"{theme} {cell_id}: {m}")
    if theme == "dark":
        # JupyterLab Dark paints the output area near-black, and the chart lets it through.
        assert luminance(*m["ground"]) < 0.02, m
        assert m["white"] < 0.01, f"{cell_id} is a white card in the dark theme: {m}"
    else:
        assert m["ground"] == (255, 255, 255), m
        assert m["white"] > 0.6, m
    assert m["ink"] > 150, f"{theme} {cell_id}: too little text/axis ink stands out from the ground: {m}"


def test_static_chart_ink_reaches_the_designed_contrast(themed_outputs):
    """The static chart's ink (#797979) against JupyterLab's real ground, light and dark, as the browser
    paints it: 4.35:1 on white, 4.34:1 on #111111 (docs/RENDERING.md)."""
    theme, outputs, _ = themed_outputs
    image = png.decode(outputs["static-scatter"].png)
    ground = background(image)
    assert ground == ((255, 255, 255) if theme == "light" else (0x11, 0x11, 0x11)), ground
    greys: dict[tuple[int, int, int], int] = {}
    for y in range(image.height):
        for x in range(image.width):
            r, g, b = image.pixel(x, y)
            if r == g == b:
                greys[(r, g, b)] = greys.get((r, g, b), 0) + 1
    # The strongest grey that covers real area (glyph cores, axis ticks — not a stray antialiased
    # pixel) is the ink itself: nothing in the chart is drawn in a grey further from the ground.
    solid = [p for p, n in greys.items() if n >= 50 and p != ground]
    ink = max(solid, key=lambda p: contrast(p, ground))
    print(f"{theme}: ground {ground}, ink {ink} on {greys[ink]} px, contrast {contrast(ink, ground):.2f}")
    assert ink == (0x79, 0x79, 0x79), (ground, ink)
    assert contrast(ink, ground) > 4.3


# --- the interactive view ----------------------------------------------------------------------------

_VEGA_CANVAS = """
const cells = document.querySelectorAll(
  '#jp-main-dock-panel > .jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-CodeCell');
return cells[arguments[0]].querySelector('.jp-OutputArea-output .vega-embed canvas');
"""

_TOOLTIP = """
const tip = document.getElementById('vg-tooltip-element');
return tip && tip.classList.contains('visible') ? tip.innerText : null;
"""


def vega_canvas(browser, cell_id):
    index = [c for c, _, _ in CELLS].index(cell_id)
    canvas = browser.driver.execute_script(_VEGA_CANVAS, index)
    assert canvas is not None, f"no Vega canvas in {cell_id}"
    browser.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", canvas)
    time.sleep(0.3)
    return canvas


def test_tooltips_name_the_columns(themed_outputs, shots_dir):
    """The pointer resting on a point shows vega-tooltip's box titled with the real column names."""
    from selenium.webdriver.common.action_chains import ActionChains

    theme, _, browser = themed_outputs
    canvas = vega_canvas(browser, "interactive-scatter")
    width, height = canvas.size["width"], canvas.size["height"]
    text = None
    # Sweep the plot area until the pointer lands on one of the 300 points.
    for dy in range(-height // 3, height // 3, 6):
        for dx in range(-width // 3, width // 4, 5):
            ActionChains(browser.driver).move_to_element_with_offset(canvas, dx, dy).perform()
            text = browser.driver.execute_script(_TOOLTIP)
            if text:
                break
        if text:
            break
    browser.screenshot(shots_dir / f"charts-{theme}-tooltip.png")
    # The output area with the tooltip over it (the tooltip floats above the page, inside this crop).
    area = browser.driver.execute_script("return arguments[0].closest('.jp-OutputArea-output')", canvas)
    (shots_dir / f"charts-{theme}-tooltip-output.png").write_bytes(area.screenshot_as_png)
    assert text, "no tooltip appeared anywhere over the scatter"
    for name in ("browse_time", "spend", "city"):
        assert name in text, text
    for internal in ("series", "size"):
        assert internal not in text.split(), text


def test_mouse_wheel_zooms_the_interactive_scatter(themed_outputs, shots_dir):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.actions.wheel_input import ScrollOrigin

    theme, _, browser = themed_outputs
    canvas = vega_canvas(browser, "interactive-scatter")
    # Vega sends a wheel event to the item under the pointer, so the pointer must first be over the plot
    # area (left of centre: the legend is on the right).
    ActionChains(browser.driver).move_to_element_with_offset(canvas, -canvas.size["width"] // 8, 0).perform()
    time.sleep(0.3)
    before = canvas.screenshot_as_png
    ActionChains(browser.driver).scroll_from_origin(
        ScrollOrigin.from_element(canvas, -canvas.size["width"] // 8, 0), 0, -300).perform()
    time.sleep(0.5)
    after = canvas.screenshot_as_png
    (shots_dir / f"charts-{theme}-zoomed.png").write_bytes(after)
    assert before != after, "the wheel did not change the view"
    # Zooming in spreads the points: fewer coloured pixels are left in view than before.
    assert coloured_pixels(png.decode(after)) < coloured_pixels(png.decode(before))
