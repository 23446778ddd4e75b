"""The teaching notebooks never rot: each one in notebooks/ runs without an unexpected error, headlessly
(`shopmine execute`) and through the kernel with nbclient, and both runs produce exactly the outputs that are
committed — text, tables, JSON and the chart bytes.

Two things in a fresh run legitimately differ from the committed one, and only those are set aside (and
consecutive writes to one stream are compared as one text, as Jupyter shows them, since the kernel's
batching of a loop's prints depends on timing):
- the live progress display (a `display_data` whose HTML is a `<progress>` bar) appears only when a step takes
  longer than half a second, which depends on the machine, and its final line carries the elapsed time;
- the `execution` timestamps in cell metadata.
A third differs between front ends: the help pager, which `shopmine execute` stores as a display output the
way JupyterLab does (metadata `shopmine_pager`), is not stored by nbclient, which ignores payloads.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))


def is_progress(output: dict) -> bool:
    html = output.get("data", {}).get("text/html", "")
    return output.get("output_type") in ("display_data", "update_display_data") and "<progress" in html


def is_pager(output: dict) -> bool:
    return bool(output.get("metadata", {}).get("shopmine_pager"))


def seen(nb, pager: bool = True) -> list[dict]:
    """What a reader sees of every code cell: its source, execution count and outputs (progress set aside;
    the help pager too unless `pager`)."""
    cells = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        outputs = []
        for o in cell["outputs"]:
            if is_progress(o) or (is_pager(o) and not pager):
                continue
            o = dict(o)
            o.pop("transient", None)
            # Consecutive writes to one stream read as one text, as Jupyter's output area shows them; how
            # the kernel batched them in time differs from run to run.
            last = outputs[-1] if outputs else None
            if o.get("output_type") == "stream" and last and last.get("output_type") == "stream" \
                    and last.get("name") == o.get("name"):
                last["text"] = "".join(last["text"]) + "".join(o["text"])
                continue
            outputs.append(o)
        cells.append({"id": cell["id"], "source": cell["source"], "execution_count": cell["execution_count"],
                      "outputs": json.loads(json.dumps(outputs))})
    return cells


def workspace(tmp_path: Path) -> Path:
    """A copy of notebooks/ (with its data) where a run may write out/ and models/ without touching the repo."""
    work = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOK_DIR, work, ignore=shutil.ignore_patterns("out", "models", ".ipynb_checkpoints"))
    return work


def assert_same(fresh, committed, how: str, pager: bool = True) -> None:
    ours, theirs = seen(fresh, pager), seen(committed, pager)
    assert [c["id"] for c in ours] == [c["id"] for c in theirs]
    for a, b in zip(ours, theirs):
        assert a == b, f"{how}: cell {a['id']} differs from the committed output; re-run " \
                       f"`shopmine execute --inplace` on the notebook if the change is intended"


def test_every_teaching_notebook_is_present():
    names = [p.name for p in NOTEBOOKS]
    for expected in ("01-tour.ipynb", "02-kmeans-users.ipynb", "03-recommendations.ipynb",
                     "04-market-basket.ipynb", "05-classification.ipynb", "06-profiles-prices-risk.ipynb",
                     "07-your-own-data.ipynb"):
        assert expected in names


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_committed_notebook_is_well_formed_and_has_outputs(notebook):
    nb = nbformat.read(notebook, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "shopmine"
    markdown = [c for c in nb.cells if c.cell_type == "markdown"]
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert 10 <= len(nb.cells) <= 40
    assert "What you will learn" in markdown[0].source
    assert markdown[-1].source.startswith("## Exercises")
    # Committed with outputs: every code cell ran, and all but plain assignments show something.
    assert all(c.execution_count is not None for c in code)
    assert sum(1 for c in code if c.outputs) >= len(code) * 2 // 3
    unexpected = [c.id for c in code if any(o.output_type == "error" for o in c.outputs)
                  and "raises-exception" not in c.metadata.get("tags", [])]
    assert unexpected == []


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_fresh_headless_run_reproduces_committed_outputs(notebook, shopmine_bin, tmp_path):
    work = workspace(tmp_path)
    out = tmp_path / "fresh.ipynb"
    proc = subprocess.run([shopmine_bin, "execute", str(work / notebook.name), "--output", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert_same(nbformat.read(out, as_version=4), nbformat.read(notebook, as_version=4), "shopmine execute")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_nbclient_run_through_the_kernel_reproduces_committed_outputs(notebook, jupyter_env, tmp_path):
    work = workspace(tmp_path)
    nb = nbformat.read(work / notebook.name, as_version=4)
    NotebookClient(nb, kernel_name="shopmine", timeout=600,
                   resources={"metadata": {"path": str(work)}}).execute()
    assert_same(nb, nbformat.read(notebook, as_version=4), "nbclient", pager=False)


def test_your_own_data_notebook_runs_on_another_file_through_a_parameter(shopmine_bin, tmp_path):
    work = workspace(tmp_path)
    out = tmp_path / "june.ipynb"
    proc = subprocess.run([shopmine_bin, "execute", str(work / "07-your-own-data.ipynb"),
                           "-p", "path", "data/messy-orders-june.csv", "--output", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    nb = nbformat.read(out, as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and injected[0].source == '# Parameters\npath = "data/messy-orders-june.csv"'
    # The June export has 128 lines of data; the committed run of the default file has 307.
    text = "\n".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert re.search(r"rows: 128 → \d+", text), text[:2000]
    assert (work / "out" / "clean-orders.csv").exists()
