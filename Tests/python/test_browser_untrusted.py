"""Which chart representation a user sees in an *untrusted* notebook in JupyterLab (issue 4).

A real JupyterLab (started on a free loopback port with a token, every Jupyter directory private and
temporary, so its notebook signature database is empty and any notebook file is untrusted) is opened in
a real headless Chromium. The fixture notebook `browser/untrusted_candidates.ipynb` has one code cell
per candidate bundle of the same chart — a red 80 × 60 rectangle on white — and the screenshots of the
output areas decide by pixels what is visible. The Vega-Lite spec in the combined bundles draws a blue
bar, so the colour also tells which renderer won.

The findings pinned here (JupyterLab 4.6.6, Chromium 156) are written up in docs/RENDERING.md,
section "Untrusted notebooks".

Needs Chromium + chromedriver (Debian: chromium, chromium-driver) and the Python packages jupyterlab and
selenium (scripts/browser-deps.sh installs them all); the browser tests SKIP, with the reason, when any is
missing — unless SHOPMINE_REQUIRE_BROWSER=1, which turns the skip into a failure (for CI, where the
dependencies are installed and a silent skip would hide a broken install). The last test also needs the
shopmine binary ($SHOPMINE_BIN) to render a real `plot`.

Screenshots are kept in $SHOPMINE_BROWSER_SHOTS when that is set (look at them), else in a temp dir.
"""
from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from browser import candidates, lab, png  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
FIXTURE = HERE / "browser" / "untrusted_candidates.ipynb"
RED_AREA = candidates.RED_BOX[2] * candidates.RED_BOX[3]  # 4,800 pixels at device scale 1


@pytest.fixture(scope="session", autouse=True)
def jupyter_env():
    """Overrides conftest's autouse fixture: the browser check makes its own private Jupyter dirs and
    needs the shopmine binary only for its last test (which asks for it itself)."""
    yield None


def is_red(r: int, g: int, b: int) -> bool:
    return r > 200 and g < 60 and b < 60


def is_blue(r: int, g: int, b: int) -> bool:
    return b > 200 and r < 60 and g < 60


def is_coloured(r: int, g: int, b: int) -> bool:
    """Saturated colour: chart marks, never the black/grey of text or the white ground."""
    return max(r, g, b) - min(r, g, b) > 90


def renderer(output: lab.RenderedOutput) -> str:
    """The renderer JupyterLab used, from the output node's classes (Vega's node has no data-mime-type)."""
    classes = output.classes.split()
    for css, name in (
        ("jp-RenderedVegaLite", "vega-lite"),
        ("jp-RenderedHTML", "text/html"),
        ("jp-RenderedSVG", "image/svg+xml"),
        ("jp-RenderedImage", "image/png"),
        ("jp-RenderedText", "text/plain"),
    ):
        if css in classes:
            return name
    return f"unknown ({output.classes})"


@pytest.fixture(scope="module")
def lab_session(shots_dir):
    """(server, browser, workdir): one JupyterLab and one Chromium for the whole module, torn down after.

    `untrusted.ipynb` is the fixture as is; `trusted.ipynb` is the same cells signed in the server's
    private database, for comparison. Its metadata differs on purpose: a signature covers the content,
    not the path, so signing an identical copy would make the fixture trusted too.
    """
    lab.require_browser()
    work = pathlib.Path(tempfile.mkdtemp(prefix="shopmine-lab-"))
    root = work / "root"
    root.mkdir()
    shutil.copy(FIXTURE, root / "untrusted.ipynb")
    trusted = candidates.notebook()
    trusted["metadata"]["shopmine_fixture"] = "trusted copy"
    (root / "trusted.ipynb").write_text(candidates.notebook_text(trusted), encoding="utf-8")
    server = lab.JupyterLabServer(root, work / "state")
    server.trust(root / "trusted.ipynb")
    try:
        with server, lab.Browser() as browser:
            yield server, browser, root
    finally:
        if os.environ.get("SHOPMINE_BROWSER_SHOTS"):
            shutil.copy(server.log_path, shots_dir / "jupyterlab.log")
        shutil.rmtree(work, ignore_errors=True)


def open_and_capture(lab_session, shots_dir, name: str, outputs: int) -> list[lab.RenderedOutput | None]:
    """Opens notebook `name` in JupyterLab, waits for `outputs` outputs; each code cell's first output."""
    server, browser, _ = lab_session
    try:
        browser.open_notebook(server.notebook_url(name), name, outputs)
    finally:
        browser.screenshot(shots_dir / f"{pathlib.Path(name).stem}-page.png")
    return browser.outputs(name)


@pytest.fixture(scope="module")
def untrusted_outputs(lab_session, shots_dir) -> dict[str, lab.RenderedOutput]:
    items = candidates.candidates()
    outputs = open_and_capture(lab_session, shots_dir, "untrusted.ipynb", len(items))
    assert all(o is not None for o in outputs), "a cell of the fixture shows no output"
    for item, output in zip(items, outputs):
        (shots_dir / f"untrusted-{item.key}.png").write_bytes(output.png)
    return {item.key: output for item, output in zip(items, outputs)}


@pytest.fixture(scope="module")
def trusted_outputs(lab_session, shots_dir) -> dict[str, lab.RenderedOutput]:
    items = candidates.candidates()
    outputs = open_and_capture(lab_session, shots_dir, "trusted.ipynb", len(items))
    assert all(o is not None for o in outputs), "a cell of the fixture shows no output"
    for item, output in zip(items, outputs):
        (shots_dir / f"trusted-{item.key}.png").write_bytes(output.png)
    return {item.key: output for item, output in zip(items, outputs)}


def pixels(output: lab.RenderedOutput) -> tuple[int, int]:
    """(red, blue) pixel counts of an output's screenshot."""
    image = png.decode(output.png)
    return image.count(is_red), image.count(is_blue)


# --- without a browser -------------------------------------------------------------------------------


def test_committed_fixture_notebook_matches_its_generator():
    assert FIXTURE.read_text(encoding="utf-8") == candidates.notebook_text(candidates.notebook()), (
        "regenerate with: cd Tests/python && python -m browser.candidates browser/untrusted_candidates.ipynb"
    )


def test_fixture_png_decodes_to_the_red_rectangle():
    image = png.decode(candidates.chart_png())
    assert (image.width, image.height) == (160, 100)
    assert image.count(is_red) == RED_AREA
    assert image.pixel(0, 0) == (255, 255, 255)
    assert image.pixel(40, 20) == (255, 0, 0)
    assert image.pixel(119, 79) == (255, 0, 0)
    assert image.pixel(120, 80) == (255, 255, 255)


# --- in JupyterLab, untrusted ------------------------------------------------------------------------


def test_server_reports_the_fixture_untrusted_and_the_signed_copy_trusted(lab_session):
    server, _, _ = lab_session
    untrusted = server.api("contents/untrusted.ipynb")["content"]["cells"]
    trusted = server.api("contents/trusted.ipynb")["content"]["cells"]
    assert [c["metadata"]["trusted"] for c in untrusted] == [False] * len(untrusted)
    assert [c["metadata"]["trusted"] for c in trusted] == [True] * len(trusted)


# key → (renderer JupyterLab picks, red pixels expected, blue bar expected), untrusted notebook.
UNTRUSTED = {
    "a": ("text/plain", 0, False),  # image/svg+xml is unsafe: JupyterLab falls back to the text line
    "b": ("text/html", RED_AREA, False),  # the sanitiser keeps <img src="data:image/svg+xml;base64,…">
    "c": ("text/html", 0, False),  # the sanitiser strips <svg>/<rect>; only <title>/<desc> text is left
    "d": ("image/png", RED_AREA, False),
    "shopmine": ("text/html", RED_AREA, False),  # ShopMine's bundle: the <img> wins and shows the chart
    "vegalite": ("vega-lite", 0, True),  # the Vega-Lite renderer is "safe": it draws untrusted too
    "svg+vegalite": ("vega-lite", 0, True),
}


@pytest.mark.parametrize("key", list(UNTRUSTED))
def test_untrusted_notebook_shows(untrusted_outputs, key):
    want_renderer, want_red, want_blue = UNTRUSTED[key]
    output = untrusted_outputs[key]
    red, blue = pixels(output)
    assert renderer(output) == want_renderer, output.html
    assert red == want_red, f"{key}: {red} red pixels, expected {want_red}"
    assert (blue > 1000) == want_blue, f"{key}: {blue} blue pixels"


def test_shopmine_bundle_shows_the_chart_in_an_untrusted_notebook(untrusted_outputs):
    output = untrusted_outputs["shopmine"]
    assert output.mime_type == "text/html"
    assert output.html.startswith('<img src="data:image/svg+xml;base64,')
    assert output.image_size == (160, 100)
    image = png.decode(output.png)
    red = [(x, y) for y in range(image.height) for x in range(image.width) if is_red(*image.pixel(x, y))]
    xs, ys = [x for x, _ in red], [y for _, y in red]
    # The whole 80 × 60 rectangle, solid: every pixel of its bounding box is red.
    assert (max(xs) - min(xs) + 1, max(ys) - min(ys) + 1) == (80, 60)
    assert len(red) == RED_AREA


# --- the same notebook, trusted (for comparison) -----------------------------------------------------

TRUSTED = {
    "a": ("image/svg+xml", RED_AREA, False),
    "b": ("text/html", RED_AREA, False),
    "c": ("text/html", RED_AREA, False),  # unsanitised HTML keeps the inline <svg>
    "d": ("image/png", RED_AREA, False),
    "shopmine": ("text/html", RED_AREA, False),  # text/html (rank 50) outranks Vega-Lite (57) and SVG (80)
    "vegalite": ("vega-lite", 0, True),
    "svg+vegalite": ("vega-lite", 0, True),
}


@pytest.mark.parametrize("key", list(TRUSTED))
def test_trusted_notebook_shows(trusted_outputs, key):
    want_renderer, want_red, want_blue = TRUSTED[key]
    output = trusted_outputs[key]
    red, blue = pixels(output)
    assert renderer(output) == want_renderer, output.html
    assert red == want_red, f"{key}: {red} red pixels, expected {want_red}"
    assert (blue > 1000) == want_blue, f"{key}: {blue} blue pixels"


# --- a real ShopMine chart ---------------------------------------------------------------------------


def test_real_shopmine_plot_shows_in_an_untrusted_notebook(lab_session, shots_dir):
    """`shopmine execute` runs a `plot` cell headlessly; the stored bundle, opened untrusted, shows the chart."""
    sys.path.insert(0, str(HERE))
    from conftest import shopmine_binary  # the shared lookup: $SHOPMINE_BIN, else .build/release/shopmine

    try:
        binary = shopmine_binary()
    except RuntimeError as error:
        pytest.skip(str(error))
    _, _, root = lab_session
    source = {
        "cells": [
            {"cell_type": "code", "execution_count": None, "id": "users", "metadata": {}, "outputs": [],
             "source": "users = generate users 300 seed 1"},
            {"cell_type": "code", "execution_count": None, "id": "plot", "metadata": {}, "outputs": [],
             "source": 'plot scatter users x browse_time y spend color city title "Browse vs spend"'},
        ],
        "metadata": {"kernelspec": {"display_name": "ShopMine", "language": "shopmine", "name": "shopmine"},
                     "language_info": {"name": "shopmine"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (root / "plot-in.ipynb").write_text(json.dumps(source, indent=1))
    run = subprocess.run(
        [binary, "execute", str(root / "plot-in.ipynb"), "-o", str(root / "plot.ipynb"), "--no-progress"],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, f"shopmine execute failed ({run.returncode}): {run.stderr[-2000:]}"
    executed = json.loads((root / "plot.ipynb").read_text())
    bundle = executed["cells"][1]["outputs"][0]["data"]
    # A static chart (the default): the SVG, its <img> and the text line; the Vega-Lite spec goes only
    # into interactive bundles (test_browser_charts.py).
    assert sorted(bundle) == ["image/svg+xml", "text/html", "text/plain"]
    # The server has no shopmine kernelspec; name one it has so JupyterLab opens the notebook without a
    # "select kernel" dialog. Outputs and (lack of) signature are untouched: the file stays untrusted.
    executed["metadata"]["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    (root / "plot.ipynb").write_text(json.dumps(executed, indent=1))

    outputs = open_and_capture(lab_session, shots_dir, "plot.ipynb", sum(len(c["outputs"]) for c in executed["cells"]))
    chart = outputs[1]
    assert chart is not None
    (shots_dir / "untrusted-real-plot.png").write_bytes(chart.png)
    assert renderer(chart) == "text/html", chart.html
    assert chart.image_size == (640, 400)
    # Points coloured by city (Okabe-Ito): hundreds of saturated pixels; a text-only output has none.
    assert png.decode(chart.png).count(is_coloured) > 500
