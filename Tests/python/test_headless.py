"""Headless execution (`shopmine execute`, `shopmine run`) against the real Jupyter tools.

The contract: a notebook executed by `shopmine execute` stores the same outputs that nbclient stores when it
runs the notebook through the installed ShopMine kernel; what ShopMine writes is valid nbformat, written
byte for byte as Jupyter writes it; papermill, nbconvert and jupyter console drive the kernel too.
"""

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

FIXTURES = Path(__file__).parent / "fixtures"


def run_cli(shopmine_bin, *args, cwd=None, input=None, timeout=120):
    return subprocess.run(
        [shopmine_bin, *args], cwd=cwd, input=input, capture_output=True, text=True, timeout=timeout
    )


def comparable(nb):
    """Cells as a user sees them: source, outputs, counts; without timestamps and ids."""
    cells = []
    for cell in nb["cells"]:
        item = {"cell_type": cell["cell_type"], "source": cell["source"]}
        if cell["cell_type"] == "code":
            item["outputs"] = cell["outputs"]
            item["execution_count"] = cell["execution_count"]
        cells.append(item)
    return cells


def test_execute_matches_nbclient_through_the_kernel(shopmine_bin, jupyter_env, tmp_path):
    out = tmp_path / "headless.out.ipynb"
    proc = run_cli(shopmine_bin, "execute", str(FIXTURES / "headless.ipynb"), "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    ours = nbformat.read(out, as_version=4)

    theirs = nbformat.read(FIXTURES / "headless.ipynb", as_version=4)
    NotebookClient(theirs, kernel_name="shopmine", timeout=60).execute()

    assert comparable(ours) == comparable(theirs)
    assert ours.metadata["language_info"] == theirs.metadata["language_info"]
    # What a user sees, spelled out, so the comparison cannot pass on two empty notebooks.
    by_id = {c["id"]: c for c in ours["cells"]}
    assert by_id["print"]["outputs"] == [{"output_type": "stream", "name": "stdout", "text": "hello 4\n"}]
    assert by_id["warn"]["outputs"] == [{"output_type": "stream", "name": "stderr", "text": "careful\n"}]
    assert by_id["value"]["outputs"][0]["data"]["text/plain"] == "42"
    assert by_id["value"]["execution_count"] == 4
    assert by_id["empty"]["execution_count"] is None
    two = by_id["two-values"]["outputs"]
    assert [o["output_type"] for o in two] == ["display_data", "execute_result"]
    assert [o["data"]["text/plain"] for o in two] == ["3", "12"]
    assert set(by_id["value"]["metadata"]["execution"]) == {
        "iopub.status.busy", "iopub.execute_input", "shell.execute_reply", "iopub.status.idle"}


def test_written_notebook_is_valid_and_byte_identical_to_jupyters_writer(shopmine_bin, tmp_path):
    out = tmp_path / "out.ipynb"
    assert run_cli(shopmine_bin, "execute", str(FIXTURES / "headless.ipynb"), "-o", str(out)).returncode == 0
    nb = nbformat.read(out, as_version=4)
    nbformat.validate(nb)
    assert nb.nbformat == 4 and nb.nbformat_minor == 5
    assert len({c["id"] for c in nb.cells}) == len(nb.cells)
    text = out.read_text(encoding="utf-8")
    assert text == nbformat.writes(nb) + "\n"
    # The input is never modified without --inplace.
    assert "outputs\": []" in (FIXTURES / "headless.ipynb").read_text()


# Every character json.dumps escapes or Python's splitlines breaks on, with ASCII and wide text around them.
HOSTILE = (
    "".join(chr(c) for c in range(0x20)) + ' "q" \\ back\x7fdel é 中文 😀'
    + "a\x85b\u2028c\u2029d\re\r\nf\x0bg\x0ch\x1ci\x1dj\x1ek\n"
)


def test_hostile_text_is_written_byte_for_byte_as_jupyter_writes_it(shopmine_bin, tmp_path):
    src = tmp_path / "hostile.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(HOSTILE),
        # The same line breaks and quotes, printed through the language's escapes into a stream output.
        nbformat.v4.new_code_cell('print "x\\u{85}y\\u{2028}z\\rw\\r\\nv\\u{1C}\\\\ \\"q\\" é 😀"'),
    ]
    nbformat.write(nb, src)
    out = tmp_path / "hostile.out.ipynb"
    result = run_cli(shopmine_bin, "execute", str(src), "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_bytes().decode("utf-8")  # no newline translation: the bytes as written
    executed = nbformat.reads(text, as_version=4)
    assert text == nbformat.writes(executed) + "\n"
    assert executed.cells[0].source == HOSTILE
    assert executed.cells[1].outputs[0].text == 'x\x85y\u2028z\rw\r\nv\x1c\\ "q" é 😀\n'
    # The stored lists are Python's splitlines(keepends=True).
    stored = json.loads(text)
    assert stored["cells"][0]["source"] == HOSTILE.splitlines(keepends=True)
    assert stored["cells"][1]["outputs"][0]["text"] == executed.cells[1].outputs[0].text.splitlines(keepends=True)


def test_rerun_of_unchanged_notebook_differs_only_in_timestamps(shopmine_bin, tmp_path):
    first, second = tmp_path / "a.ipynb", tmp_path / "b.ipynb"
    run_cli(shopmine_bin, "execute", str(FIXTURES / "headless.ipynb"), "-o", str(first))
    run_cli(shopmine_bin, "execute", str(first), "-o", str(second))
    timing = re.compile(r'^\s*"(iopub|shell)\.[a-z_.]+": "[0-9T:.Z-]+",?$')
    a = [l for l in first.read_text().splitlines() if not timing.match(l)]
    b = [l for l in second.read_text().splitlines() if not timing.match(l)]
    assert len(a) > 40
    assert a == b


def test_parameters_are_injected_after_the_parameters_cell(shopmine_bin, tmp_path):
    out = tmp_path / "p.ipynb"
    proc = run_cli(shopmine_bin, "execute", str(FIXTURES / "headless.ipynb"), "-o", str(out),
                   "-p", "greeting", "bonjour", "-p", "n", "7")
    assert proc.returncode == 0, proc.stderr
    nb = nbformat.read(out, as_version=4)
    ids = [c["id"] for c in nb.cells]
    assert ids.index("injected-parameters") == ids.index("params") + 1
    injected = nb.cells[ids.index("injected-parameters")]
    assert injected.source == '# Parameters\ngreeting = "bonjour"\nn = 7'
    assert injected.metadata.tags == ["injected-parameters"]
    by_id = {c["id"]: c for c in nb.cells}
    assert by_id["print"].outputs[0]["text"] == "bonjour 7\n"
    assert by_id["value"].outputs[0]["data"]["text/plain"] == "72"
    assert nb.metadata["shopmine"]["parameters"] == {"greeting": "bonjour", "n": 7}


def test_params_file_yaml(shopmine_bin, tmp_path):
    params = tmp_path / "p.yaml"
    params.write_text("greeting: hi there\nn: 1\n")
    out = tmp_path / "p.ipynb"
    proc = run_cli(shopmine_bin, "execute", str(FIXTURES / "headless.ipynb"), "-o", str(out),
                   "--params-file", str(params))
    assert proc.returncode == 0, proc.stderr
    by_id = {c["id"]: c for c in nbformat.read(out, as_version=4).cells}
    assert by_id["print"].outputs[0]["text"] == "hi there 1\n"


def test_error_stops_marks_saves_and_exits_nonzero(shopmine_bin, tmp_path):
    out = tmp_path / "f.ipynb"
    proc = run_cli(shopmine_bin, "execute", str(FIXTURES / "failing.ipynb"), "-o", str(out))
    assert proc.returncode == 1
    assert "error in cell 2" in proc.stderr
    assert "nosuchname" in proc.stderr
    nb = nbformat.read(out, as_version=4)
    nbformat.validate(nb)
    assert nb.cells[0].id == "shopmine-error-marker"
    bad = next(c for c in nb.cells if c.id == "bad")
    assert bad.outputs[-1]["output_type"] == "error"
    assert bad.metadata["shopmine"]["status"] == "failed"
    after = next(c for c in nb.cells if c.id == "after")
    assert after.outputs == [] and after.execution_count is None


def test_allow_errors_runs_every_cell(shopmine_bin, tmp_path):
    out = tmp_path / "f.ipynb"
    proc = run_cli(shopmine_bin, "execute", str(FIXTURES / "failing.ipynb"), "-o", str(out), "--allow-errors")
    assert proc.returncode == 1
    after = next(c for c in nbformat.read(out, as_version=4).cells if c.id == "after")
    assert after.outputs[0]["text"] == "after\n"


def test_notebook_for_another_language_is_refused(shopmine_bin, tmp_path):
    proc = run_cli(shopmine_bin, "execute", str(FIXTURES / "python.ipynb"), "-o", str(tmp_path / "x.ipynb"))
    assert proc.returncode == 2
    assert "'python' language" in proc.stderr
    assert not (tmp_path / "x.ipynb").exists()


def test_timeout_interrupts_a_cell(shopmine_bin, tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("sleep 30"), nbformat.v4.new_code_cell('print "never"')]
    src = tmp_path / "t.ipynb"
    nbformat.write(nb, src)
    start = time.monotonic()
    proc = run_cli(shopmine_bin, "execute", str(src), "--timeout", "0.5")
    assert time.monotonic() - start < 10
    assert proc.returncode == 1
    assert "cell timed out after 0.5 seconds" in proc.stderr


@pytest.mark.parametrize("allow_errors", [False, True])
def test_ctrl_c_interrupts_the_running_cell_saves_and_stops(shopmine_bin, tmp_path, allow_errors):
    """SIGINT (Ctrl-C) to `shopmine execute` interrupts the running cell: its outputs so far and a
    KeyboardInterrupt are saved, later cells do not run (even with --allow-errors), the exit status is 130."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 41"), nbformat.v4.new_code_cell('print "before"\nsleep 30'),
                nbformat.v4.new_code_cell('print "never"')]
    src = tmp_path / "c.ipynb"
    out = tmp_path / "c.out.ipynb"
    nbformat.write(nb, src)
    args = [shopmine_bin, "execute", str(src), "-o", str(out), "--no-progress"]
    proc = subprocess.Popen(args + (["--allow-errors"] if allow_errors else []), stderr=subprocess.PIPE, text=True)
    # Wait until the first cell is saved (the run is inside the sleeping cell soon after).
    deadline = time.monotonic() + 30
    while not out.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.5)
    start = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=30)
    elapsed = time.monotonic() - start
    print(f"exit {proc.returncode} after {elapsed * 1000:.0f} ms")
    assert proc.returncode == 130, stderr
    assert elapsed < 2, f"took {elapsed:.2f} s to stop"
    assert "interrupted in cell 2" in stderr
    saved = nbformat.read(out, as_version=4)
    nbformat.validate(saved)
    cells = [c for c in saved.cells if c.cell_type == "code"]
    assert cells[0].execution_count == 1
    assert [o.get("text") for o in cells[1].outputs if o.output_type == "stream"] == ["before\n"]
    errors = [o for o in cells[1].outputs if o.output_type == "error"]
    assert [(e.ename, e.evalue) for e in errors] == [("KeyboardInterrupt", "interrupted")]
    assert cells[2].execution_count is None and cells[2].outputs == []
    assert "An error stopped this run at cell 2" in saved.cells[0].source


def test_kill_at_random_moments_never_leaves_a_truncated_notebook(shopmine_bin, tmp_path):
    src = FIXTURES / "slow.ipynb"
    rng = random.Random(7)
    for attempt in range(8):
        out = tmp_path / f"k{attempt}.ipynb"
        proc = subprocess.Popen([shopmine_bin, "execute", str(src), "-o", str(out), "--no-progress"])
        time.sleep(rng.uniform(0.05, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if out.exists():
            nb = nbformat.read(out, as_version=4)  # raises on a partial file
            nbformat.validate(nb)


def test_html_report_is_self_contained(shopmine_bin, tmp_path):
    report = tmp_path / "r.html"
    proc = run_cli(shopmine_bin, "execute", str(FIXTURES / "headless.ipynb"), "-o", str(tmp_path / "o.ipynb"),
                   "--html", str(report))
    assert proc.returncode == 0, proc.stderr
    html = report.read_text()
    assert "<h1>Headless fixture</h1>" in html
    assert "hello 4" in html and "careful" in html
    assert "<script" not in html
    assert "http://" not in html and "https://" not in html


def venv_bin(name):
    """A console script of the test environment (jupyter, papermill), beside this Python."""
    return str(Path(sys.executable).parent / name)


def test_jupyter_execute_nbconvert_and_papermill_run_shopmine_notebooks(jupyter_env, tmp_path):
    src = FIXTURES / "headless.ipynb"
    env = os.environ.copy()
    work = tmp_path / "nb.ipynb"
    work.write_text(src.read_text())
    proc = subprocess.run([venv_bin("jupyter"), "execute", "--kernel_name=shopmine", str(work)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    proc = subprocess.run([venv_bin("jupyter"), "nbconvert", "--to", "html", "--execute", str(work),
                           "--output-dir", str(tmp_path)], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "hello 4" in (tmp_path / "nb.html").read_text()
    out = tmp_path / "pm.ipynb"
    proc = subprocess.run([venv_bin("papermill"), "-k", "shopmine", str(work), str(out)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    cells = {c["id"]: c for c in nbformat.read(out, as_version=4).cells}
    assert cells["print"]["outputs"][0]["text"] == "hello 4\n"


def test_jupyter_console_talks_to_the_kernel(jupyter_env):
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(venv_bin("jupyter"), ["console", "--kernel", "shopmine", "--simple-prompt",
                                                "--ZMQTerminalInteractiveShell.confirm_exit=False"],
                          env=os.environ.copy(), encoding="utf-8", timeout=60)
    child.expect(r"In \[1\]: ")
    child.sendline("x = 20")
    child.expect(r"In \[2\]: ")
    child.sendline("x + 22")
    child.expect(r"Out\[2\]: 42")
    child.expect(r"In \[3\]: ")
    child.sendline('print "from console"')
    child.expect("from console")
    child.expect(r"In \[4\]: ")
    # Leave without waiting on the console's exit dialogue; stop the kernel it started as well.
    kernels = children_of(child.pid)
    child.terminate(force=True)
    for pid in kernels:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def children_of(pid):
    """Process ids whose parent is `pid` (Linux /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # The parent pid is the second field after the parenthesised command name.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry))
    return found


# shopmine run


def test_run_text_format_and_parameters(shopmine_bin, tmp_path):
    script = tmp_path / "s.mine"
    script.write_text('print "n is", n\nwarn "w"\nn * 2\n')
    proc = run_cli(shopmine_bin, "run", str(script), "-p", "n", "21", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "n is 21\n42\n"
    assert proc.stderr == "w\n"


def test_run_json_format_is_the_kernels_content(shopmine_bin, tmp_path):
    proc = run_cli(shopmine_bin, "run", "-", "--format", "json", input='print "a"\n1 + 1\n', cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(l) for l in proc.stdout.splitlines()]
    assert lines == [
        {"output_type": "stream", "name": "stdout", "text": "a\n"},
        {"output_type": "display_data", "data": {"text/plain": "2"}, "metadata": {}},
    ]


def test_run_error_points_at_file_line_column(shopmine_bin, tmp_path):
    script = tmp_path / "bad.mine"
    script.write_text('x = 1\nprint "ok"\ny = x + nosuch\nprint "not reached"\n')
    proc = run_cli(shopmine_bin, "run", str(script), cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout == "ok\n"
    assert f"{script}:3:9: error:" in proc.stderr
    assert "nosuch" in proc.stderr and "^" in proc.stderr


def test_run_keep_going_continues_after_errors(shopmine_bin, tmp_path):
    script = tmp_path / "bad.mine"
    script.write_text('print "one"\nnosuch\nprint "two"\n')
    proc = run_cli(shopmine_bin, "run", str(script), "--keep-going", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout == "one\ntwo\n"
    assert "bad.mine:2:1: error:" in proc.stderr


def test_run_html_report(shopmine_bin, tmp_path):
    script = tmp_path / "r.mine"
    script.write_text('print "in the report"\n')
    proc = run_cli(shopmine_bin, "run", str(script), "--format", "html", "--output", str(tmp_path / "r.html"),
                   cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "r.html").read_text()
    assert "in the report" in html and "<script" not in html


NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_project_notebooks_run_under_papermill_and_nbconvert(notebook, jupyter_env, tmp_path):
    """Every notebook in notebooks/ executes through the installed kernel with papermill and nbconvert."""
    env = os.environ.copy()
    # The whole folder, so notebooks that read data/ find it; runs write out/ and models/ there, not in the repo.
    shutil.copytree(notebook.parent, tmp_path, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("out", "models", ".ipynb_checkpoints"))
    work = tmp_path / notebook.name
    # nbclient itself (what `jupyter execute` runs) is exercised on every notebook by test_notebooks.py.
    proc = subprocess.run([venv_bin("papermill"), "-k", "shopmine", str(work), str(tmp_path / "pm.ipynb")],
                          env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    executed = nbformat.read(tmp_path / "pm.ipynb", as_version=4)
    code = [c for c in executed.cells if c.cell_type == "code" and c.source.strip()]
    failed = [c for c in code if any(o.get("output_type") == "error" for o in c.outputs)]
    # Papermill, unlike nbclient, stops at a cell tagged `raises-exception` (the tour shows an error on
    # purpose); every cell up to it must have run, and that cell must be the only failure.
    if proc.returncode != 0:
        assert len(failed) == 1 and "raises-exception" in failed[0].metadata.get("tags", []), proc.stderr
        code = code[: code.index(failed[0]) + 1]
    assert code and all(c.execution_count is not None for c in code)
    proc = subprocess.run([venv_bin("jupyter"), "nbconvert", "--to", "html", "--execute", str(work),
                           "--output-dir", str(tmp_path / "html")],
                          env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "html" / notebook.with_suffix(".html").name).stat().st_size > 10_000


def test_execute_help_says_what_ctrl_c_does(shopmine_bin):
    result = subprocess.run([shopmine_bin, "execute", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "Ctrl-C (SIGINT) interrupts the running cell" in text and "exits 130" in text, result.stdout
