"""What a JupyterLab user sees: every kind of ShopMine output, in a real JupyterLab in headless Chromium.

One notebook holds one output of every kind (table, describe, model summary with its chart,
recommendation list, chart, progress display, error, help pager) and a last cell for the completion
popup. For the light and the dark theme it is
- run live in the browser on the shopmine kernel (JupyterLab's own "run all"),
- saved, and reopened from the saved file,
- and, executed headlessly by `shopmine execute`, opened as the untrusted file a headless run makes.
Each time the DOM says which renderer showed each output: an HTML `<table>` for tables (never JupyterLab's
JSON tree, `.jp-RenderedJSON`), an `<img>` that loaded for charts, a `<progress>` for the progress
display, the stderr renderer for the error, rendered Markdown for help. In the dark theme a table's text
must be light on a dark page. Screenshots of the page (and crops of a table, a summary and a chart, for
docs/RENDERING.md) go to $SHOPMINE_BROWSER_SHOTS when set, else a temporary folder that is kept when a
test fails.

Needs Chromium, chromedriver, JupyterLab and selenium (scripts/browser-deps.sh); skips without them
unless SHOPMINE_REQUIRE_BROWSER=1 (CI), as test_browser_untrusted.py does.
"""
from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from browser import lab  # noqa: E402

THEMES = {"light": "JupyterLab Light", "dark": "JupyterLab Dark"}

# (key, source). The key names what the cell's first output is; the last cell is only typed into.
CELLS = [
    ("setup", "users = generate users 300 seed 1\norders = generate orders 5000 seed 1\n"
              "products = generate products 500 seed 1"),
    ("table", "users | head 5"),
    ("describe", "describe users"),
    ("summary", "seg = kmeans users k 3 on browse_time, spend seed 0\nseg"),
    # A table whose `share` column the verb marks as shares: shown as percentages.
    ("shares", "p = profile seg\np | sort share desc | select cluster, size, share"),
    # A model summary with share columns and a biplot (#22's pca).
    ("pca", "pc = pca users on browse_time, purchase_freq, spend, review_count, rating components 2 scale\npc"),
    # A remote table (#23): a pipeline run in SQLite, its first rows fetched; and the SQL it runs.
    ("remote", 'db = connect "sqlite::memory:"\nsave orders to table orders in db\n'
               "db.orders | where price > 50 | group by category aggregate n = count(), revenue = sum(price) | sort n desc"),
    ("explain", "explain (db.orders | where price > 50 | group by category aggregate n = count())"),
    ("recommendations", "cf = itemcf orders user user_id item product_id\n"
                        "recommend cf for user 17 top 5 with products"),
    ("chart", 'plot scatter users x browse_time y spend color city title "Browse vs spend"'),
    # Long enough (several seconds) that the progress display, which waits half a second, shows.
    ("progress", "many = generate orders 6000000 seed 2"),
    ("help", "help kmeans"),
    # Last but one: a failing cell makes the kernel skip the cells queued after it (stop_on_error). Two
    # syntax errors, both reported in the one error output (#24).
    ("error", "users | groupby city aggregate n = count()\nusers | where spend >"),
    ("completion", "users | where sp"),
]
KEYS = [key for key, _ in CELLS]

# Per output kind: (MIME type JupyterLab must pick, what the rendered node must contain).
EXPECTED = {
    "table": ("text/html", "table"),
    "describe": ("text/html", "table"),
    "summary": ("text/html", "table img"),
    "shares": ("text/html", "table"),
    "pca": ("text/html", "table img"),
    "remote": ("text/html", "table"),
    "explain": ("text/html", "pre"),
    "recommendations": ("text/html", "table"),
    "chart": ("text/html", "img"),
    "progress": ("text/html", "progress"),
    "error": ("application/vnd.jupyter.stderr", ""),
    "help": ("text/markdown", "h2 pre"),
}

_APP_READY = """
const app = window.jupyterapp;
if (!app || !app.shell || !app.shell.currentWidget) return false;
const panel = app.shell.currentWidget;
return !!(panel.content && panel.sessionContext && panel.sessionContext.session &&
          panel.sessionContext.session.kernel && panel.sessionContext.session.kernel.connectionStatus === 'connected' &&
          panel.sessionContext.session.kernel.status === 'idle' && panel.context.isReady);
"""

_RUN_ALL = """
const done = arguments[arguments.length - 1];
const app = window.jupyterapp;
app.commands.execute('notebook:run-all-cells').then(() => done(true), e => done(String(e)));
"""

# True once every code cell but the last has an execution count and the kernel is idle.
_RUN_FINISHED = """
const panel = window.jupyterapp.shell.currentWidget;
const cells = panel.content.widgets.filter(c => c.model.type === 'code');
const kernel = panel.sessionContext.session.kernel;
return kernel.status === 'idle' && cells.slice(0, -1).every(c => c.model.executionCount !== null);
"""

_COMMAND = """
const done = arguments[arguments.length - 1];
window.jupyterapp.commands.execute(arguments[0], arguments[1] || {}).then(() => done(true), e => done(String(e)));
"""

# Per code cell: every output's chosen MIME type, classes, tag names inside, and whether images loaded.
_DESCRIBE = """
const panel = window.jupyterapp.shell.currentWidget;
return panel.content.widgets.filter(c => c.model.type === 'code').map(cell => {
  return Array.from(cell.node.querySelectorAll('.jp-OutputArea-output')).map(out => ({
    mime: out.getAttribute('data-mime-type'),
    classes: out.className,
    tags: Array.from(new Set(Array.from(out.querySelectorAll('*')).map(e => e.tagName.toLowerCase()))),
    images: Array.from(out.querySelectorAll('img')).map(i => i.complete && i.naturalWidth > 0),
    text: out.innerText.slice(0, 400),
  }));
});
"""

# The computed text colour of the first table cell in output `index` of code cell `cell`, and the
# background of the notebook behind it, as [r, g, b] lists.
_TABLE_COLOURS = """
const panel = window.jupyterapp.shell.currentWidget;
const cell = panel.content.widgets.filter(c => c.model.type === 'code')[arguments[0]];
const td = cell.node.querySelector('.jp-OutputArea-output td');
const rgb = s => s.match(/[0-9.]+/g).slice(0, 3).map(Number);
let node = td, background = null;
while (node && !background) {
  const b = getComputedStyle(node).backgroundColor;
  if (b && b !== 'transparent' && !b.startsWith('rgba(0, 0, 0, 0')) background = rgb(b);
  node = node.parentElement;
}
return {text: rgb(getComputedStyle(td).color), background: background || [255, 255, 255]};
"""

_COMPLETE = """
const panel = window.jupyterapp.shell.currentWidget;
const notebook = panel.content;
notebook.activeCellIndex = notebook.widgets.length - 1;
notebook.mode = 'edit';
const editor = notebook.activeCell.editor;
editor.focus();
const text = notebook.activeCell.model.sharedModel.getSource();
editor.setCursorPosition(editor.getPositionAt(text.length));
window.jupyterapp.commands.execute('completer:invoke-notebook');
"""

_COMPLETER_ITEMS = """
const completer = document.querySelector('.jp-Completer:not(.lm-mod-hidden)');
if (!completer) return null;
return Array.from(completer.querySelectorAll('.jp-Completer-item')).map(i => i.getAttribute('data-value') || i.innerText);
"""


def luminance(rgb) -> float:
    """WCAG relative luminance of an sRGB colour given as 0-255 components."""
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def source_notebook() -> dict:
    return {
        "cells": [
            {"cell_type": "code", "execution_count": None, "id": key, "outputs": [], "source": src,
             "metadata": {"tags": ["raises-exception"]} if key in ("error", "completion") else {}}
            for key, src in CELLS
        ],
        "metadata": {"kernelspec": {"display_name": "ShopMine", "language": "shopmine", "name": "shopmine"},
                     "language_info": {"name": "shopmine"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


@pytest.fixture(scope="module")
def lab_session(jupyter_env, shopmine_bin, shots_dir):
    """(server, browser, root): JupyterLab offering the shopmine kernel, and Chromium, for the module."""
    lab.require_browser()
    work = pathlib.Path(tempfile.mkdtemp(prefix="shopmine-lab-outputs-"))
    root = work / "root"
    root.mkdir()
    (root / "source.ipynb").write_text(json.dumps(source_notebook(), indent=1))
    run = subprocess.run(
        [shopmine_bin, "execute", str(root / "source.ipynb"), "-o", str(root / "headless.ipynb"), "--allow-errors"],
        capture_output=True, text=True, timeout=300, cwd=root,
    )
    assert run.returncode == 0, f"shopmine execute failed ({run.returncode}): {run.stderr[-2000:]}"
    server = lab.JupyterLabServer(root, work / "state", jupyter_path=jupyter_env)
    try:
        with server, lab.Browser(width=1280, height=1600) as browser:
            yield server, browser, root
    finally:
        shutil.copy(server.log_path, shots_dir / "jupyterlab-outputs.log")
        shutil.rmtree(work, ignore_errors=True)


def open_notebook(lab_session, name: str, timeout: float = 120) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    server, browser, _ = lab_session
    browser.driver.get(server.notebook_url(name))
    WebDriverWait(browser.driver, timeout, poll_frequency=0.25).until(lambda d: d.execute_script(_APP_READY))


def command(browser, name: str, args: dict | None = None) -> None:
    result = browser.driver.execute_async_script(_COMMAND, name, args or {})
    assert result is True, f"{name}: {result}"


def set_theme(browser, theme: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    command(browser, "apputils:change-theme", {"theme": THEMES[theme]})
    want = "true" if theme == "light" else "false"
    WebDriverWait(browser.driver, 30, poll_frequency=0.25).until(
        lambda d: d.execute_script("return document.body.dataset.jpThemeLight") == want)
    time.sleep(0.5)


def wait_for_images(browser, timeout: float = 30) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser.driver, timeout, poll_frequency=0.25).until(lambda d: d.execute_script(
        "return Array.from(document.querySelectorAll('.jp-OutputArea-output img')).every(i => i.complete && i.naturalWidth > 0)"))
    time.sleep(0.5)


def describe(browser) -> dict[str, list[dict]]:
    cells = browser.driver.execute_script(_DESCRIBE)
    return dict(zip(KEYS, cells))


def check_outputs(outputs: dict[str, list[dict]], where: str) -> None:
    """Every kind shown by the renderer a user should see; no JSON tree anywhere."""
    problems = []
    for key, cell in outputs.items():
        for out in cell:
            if "jp-RenderedJSON" in out["classes"]:
                problems.append(f"{key}: shown as a JSON tree")
    for key, (mime, tags) in EXPECTED.items():
        cell = outputs[key]
        if not cell:
            problems.append(f"{key}: no output")
            continue
        # The progress display is the cell's first output; the others are the last (the result).
        out = cell[0] if key == "progress" else cell[-1]
        if out["mime"] != mime:
            problems.append(f"{key}: rendered as {out['mime']} ({out['classes']}), expected {mime}")
        for tag in tags.split():
            if tag not in out["tags"]:
                problems.append(f"{key}: no <{tag}> in the rendered output: {out['text'][:120]!r}")
        if not all(out["images"]):
            problems.append(f"{key}: an image did not load")
    assert outputs["setup"] == [], f"{where}: the setup cell showed {outputs['setup']}"
    shares = outputs["shares"][-1]["text"] if outputs["shares"] else ""
    # Three clusters, three percentages (and no fraction such as 0.4033 in the share column).
    if len(re.findall(r"\b\d+(?:\.\d)?%", shares)) != 3:
        problems.append(f"shares: not shown as percentages: {shares[:200]!r}")
    help_text = outputs["help"][-1]["text"] if outputs["help"] else ""
    if "```" in help_text or "`" in help_text:
        problems.append(f"help: raw Markdown shown: {help_text[:200]!r}")
    # Both syntax errors of the cell, each with its line (no ANSI codes left as text).
    error_text = outputs["error"][-1]["text"] if outputs["error"] else ""
    for part in ("did you mean 'group by'?", "2 | users | where spend >"):
        if part not in error_text:
            problems.append(f"error: {part!r} not shown: {error_text[:300]!r}")
    if "\x1b[" in error_text or "[1;31m" in error_text:
        problems.append(f"error: ANSI codes shown as text: {error_text[:200]!r}")
    assert not problems, f"{where}:\n" + "\n".join(problems)


def check_table_readable(browser, theme: str, where: str) -> None:
    colours = browser.driver.execute_script(_TABLE_COLOURS, KEYS.index("table"))
    ratio = contrast(colours["text"], colours["background"])
    assert ratio >= 4.5, f"{where}: table text {colours['text']} on {colours['background']}: contrast {ratio:.2f}"
    if theme == "dark":
        assert luminance(colours["background"]) < 0.1, f"{where}: background {colours['background']} is not dark"


SHOTS = ("table", "summary", "chart", "shares", "pca", "help", "remote", "explain", "error")


def crop_shots(browser, shots_dir: pathlib.Path, prefix: str) -> None:
    """Screenshots of the whole page and of the table, summary, chart, shares, pca, help, remote-table,
    explain and error outputs."""
    browser.screenshot(shots_dir / f"{prefix}-page.png")
    nodes = browser.driver.execute_script("""
const panel = window.jupyterapp.shell.currentWidget;
const cells = panel.content.widgets.filter(c => c.model.type === 'code');
return arguments[0].map(i => { const outs = cells[i].node.querySelectorAll('.jp-OutputArea-output'); return outs[outs.length - 1]; });
""", [KEYS.index(k) for k in SHOTS])
    for name, node in zip(SHOTS, nodes):
        browser.driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", node)
        time.sleep(0.3)
        (shots_dir / f"{prefix}-{name}.png").write_bytes(node.screenshot_as_png)


@pytest.mark.parametrize("theme", list(THEMES))
def test_every_output_kind_renders_live_after_reopening_and_untrusted(lab_session, shots_dir, theme):
    from selenium.webdriver.support.ui import WebDriverWait

    server, browser, root = lab_session
    name = f"live-{theme}.ipynb"
    shutil.copy(root / "source.ipynb", root / name)

    # Live: JupyterLab runs every cell on the shopmine kernel.
    open_notebook(lab_session, name)
    set_theme(browser, theme)
    assert browser.driver.execute_async_script(_RUN_ALL) is True
    WebDriverWait(browser.driver, 240, poll_frequency=0.5).until(lambda d: d.execute_script(_RUN_FINISHED))
    wait_for_images(browser)
    try:
        check_outputs(describe(browser), f"{theme}, live")
        check_table_readable(browser, theme, f"{theme}, live")

        # The completion popup: `users | where sp` offers the column `spend`.
        browser.driver.execute_script(_COMPLETE)
        items = WebDriverWait(browser.driver, 20, poll_frequency=0.25).until(
            lambda d: d.execute_script(_COMPLETER_ITEMS))
        assert "spend" in items, f"{theme}: completion offered {items}"
        browser.screenshot(shots_dir / f"{theme}-completion.png")
        browser.driver.execute_script("document.activeElement.blur()")
        command(browser, "docmanager:save")
    finally:
        crop_shots(browser, shots_dir, f"{theme}-live")

    # Reopened from the saved file.
    open_notebook(lab_session, name)
    wait_for_images(browser)
    try:
        check_outputs(describe(browser), f"{theme}, reopened")
        check_table_readable(browser, theme, f"{theme}, reopened")
    finally:
        browser.screenshot(shots_dir / f"{theme}-reopened-page.png")

    # The untrusted file of a headless run.
    saved = json.loads((root / "headless.ipynb").read_text())
    assert all("application/json" not in o.get("data", {}) for c in saved["cells"] for o in c.get("outputs", []))
    open_notebook(lab_session, "headless.ipynb")
    wait_for_images(browser)
    try:
        check_outputs(describe(browser), f"{theme}, untrusted headless run")
        check_table_readable(browser, theme, f"{theme}, untrusted")
    finally:
        crop_shots(browser, shots_dir, f"{theme}-untrusted")
