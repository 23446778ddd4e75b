"""`help` outside a live front end: a script prints the help text in place, and a headless notebook run stores
it as a display output the way JupyterLab stores the pager (so a saved notebook shows it), marked
`shopmine_pager` so that comparisons with nbclient, which ignores payloads, can set it aside."""
from __future__ import annotations

import json
import subprocess


def test_script_prints_help_in_place_as_plain_text(shopmine_bin, tmp_path):
    script = tmp_path / "h.mine"
    script.write_text('print "before"\nhelp where\nprint "after"\n')
    result = subprocess.run([shopmine_bin, "run", str(script)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.index("before") < out.index("where") < out.index("after"), out
    # Plain text: no Markdown fences or code backticks.
    help_text = out[out.index("before") + len("before"):out.index("after")]
    assert "```" not in help_text and "`" not in help_text, help_text
    assert "TABLE | where CONDITION" in help_text or "where CONDITION" in help_text, help_text


def test_headless_notebook_stores_help_as_a_marked_display(shopmine_bin, tmp_path):
    source = {
        "cells": [{"cell_type": "code", "execution_count": None, "id": "h", "metadata": {}, "outputs": [],
                   "source": "help kmeans"}],
        "metadata": {"kernelspec": {"display_name": "ShopMine", "language": "shopmine", "name": "shopmine"}},
        "nbformat": 4, "nbformat_minor": 5,
    }
    (tmp_path / "in.ipynb").write_text(json.dumps(source))
    result = subprocess.run([shopmine_bin, "execute", str(tmp_path / "in.ipynb"), "-o", str(tmp_path / "out.ipynb"),
                             "--no-progress"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    (output,) = json.loads((tmp_path / "out.ipynb").read_text())["cells"][0]["outputs"]
    assert output["output_type"] == "display_data"
    assert output["metadata"] == {"shopmine_pager": True}
    markdown = "".join(output["data"]["text/markdown"])
    plain = "".join(output["data"]["text/plain"])
    assert markdown.startswith("## kmeans") and "```" in markdown
    assert plain.startswith("kmeans\n") and "```" not in plain
