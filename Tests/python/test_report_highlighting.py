"""The HTML reports of `shopmine execute --html` and `shopmine run --format html` colour code with
ShopMine's own lexer (Sources/ShopMineLanguage/Syntax/Highlighter.swift), through the real binary.

The notebooks are copied to tmp_path first, so nothing is written into the repository.
"""

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPAN = re.compile(r'<span class="([a-z0-9]+)">([^<]*)</span>')


def code_rows(report: str) -> list[str]:
    """The inner HTML of every source line of every code cell, in order."""
    return re.findall(r'<td class="ln">\d+</td><td><code>(.*?)</code></td>', report)


def spans(report: str) -> set[tuple[str, str]]:
    """(class, text) of every highlighted token in the report's code."""
    return {(cls, html.unescape(text)) for row in code_rows(report) for cls, text in SPAN.findall(row)}


def plain(row: str) -> str:
    return html.unescape(re.sub(r'</?span[^>]*>', "", row))


def test_execute_report_colours_verbs_strings_numbers_and_comments(shopmine_bin, tmp_path):
    folder = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", folder, ignore=shutil.ignore_patterns("*.out.ipynb", "*.html"))
    tour = folder / "01-tour.ipynb"
    notebook = json.loads(tour.read_text(encoding="utf-8"))
    # The tour has no comment and no kmeans: one more cell, only in the copy.
    extra = "# three segments by spend\nseg = kmeans users k 3 on spend seed 0   # fixed seed\nprint `seg`, 1e3, 'ok'"
    notebook["cells"].append({"cell_type": "code", "execution_count": None, "id": "extra", "metadata": {},
                              "outputs": [], "source": extra})
    tour.write_text(json.dumps(notebook), encoding="utf-8")
    report = tmp_path / "tour.html"
    proc = subprocess.run([shopmine_bin, "execute", str(tour), "-o", str(tmp_path / "tour.out.ipynb"),
                           "--html", str(report)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    page = report.read_text(encoding="utf-8")
    found = spans(page)
    for token in [("k", "generate"), ("k", "kmeans"), ("k", "where"), ("k", "sort"), ("kp", "users"),
                  ("kp", "desc"), ("na", "seed"), ("na", "k"), ("s2", '"Shanghai"'), ("s1", "'ok'"),
                  ("m", "42"), ("m", "1e3"), ("ow", "and"), ("nb", "sum"), ("o", "|"), ("n", "`seg`"),
                  ("c1", "# three segments by spend"), ("c1", "# fixed seed")]:
        assert token in found, token
    # Every line of every code cell is there, in order, character for character.
    sources = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            text = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            sources += text.split("\n")
    rows = code_rows(page)
    assert [plain(row) for row in rows] == sources
    # The stylesheet colours the classes.
    assert "table.source .k {" in page and "table.source .c1 {" in page


def test_run_report_colours_the_script_and_keeps_text_the_lexer_rejects(shopmine_bin, tmp_path):
    script = tmp_path / "s.mine"
    # The last line does not lex (unterminated string): the script fails, and the report still shows
    # that line — coloured up to the string, plain text from there.
    script.write_text('# revenue check\nx = 100.5 * 2  # doubled\nprint x, "a < b & c"\nprint "open <\n',
                      encoding="utf-8")
    proc = subprocess.run([shopmine_bin, "run", str(script), "--format", "html", "-o", str(tmp_path / "s.html")],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    page = (tmp_path / "s.html").read_text(encoding="utf-8")
    rows = code_rows(page)
    assert [plain(row) for row in rows] == script.read_text(encoding="utf-8").split("\n")
    assert rows[0] == '<span class="c1"># revenue check</span>'
    assert rows[1].startswith('<span class="n">x</span> <span class="o">=</span> <span class="m">100.5</span>')
    assert '<span class="s2">&quot;a &lt; b &amp; c&quot;</span>' in rows[2]
    assert rows[3] == '<span class="k">print</span> &quot;open &lt;'
    assert proc.returncode == 1
