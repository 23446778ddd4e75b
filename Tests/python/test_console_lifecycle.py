"""A kernel's life as a console user meets it: it ends with its front end, `exit`/`quit` end the session,
`help` pages readable text, and an idle kernel costs nothing.

Real clients only: `jupyter console` under pexpect and jupyter_client's KernelManager (which sets
JPY_PARENT_PID, the convention the kernel follows to notice that its parent has gone). Linux /proc is used
to find processes and read their CPU time and wake-ups.
"""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import execute

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


def venv_bin(name):
    """A console script of the test environment (jupyter), beside this Python."""
    return str(Path(sys.executable).parent / name)


def proc_stat(pid):
    """The fields of /proc/PID/stat after the command name: [0] state, [1] ppid, [11] utime, [12] stime."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def is_running(pid):
    """Whether `pid` is a live process (a zombie has exited: only its parent has not collected it yet)."""
    try:
        return proc_stat(pid)[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def seconds_until_gone(pid, limit):
    """Seconds until `pid` stops running, or None if it still runs after `limit` seconds."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if not is_running(pid):
            return time.monotonic() - start
        time.sleep(0.02)
    return None


def children_of(pid):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if int(proc_stat(int(entry))[1]) == pid:
                    found.append(int(entry))
            except (OSError, IndexError):
                continue
    return found


def kill_quietly(pid):
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def environment_of(pid):
    raw = Path(f"/proc/{pid}/environ").read_bytes()
    return dict(item.split("=", 1) for item in raw.decode(errors="replace").split("\0") if "=" in item)


def start_console():
    """`jupyter console --kernel shopmine` at its first prompt, and the pid of the kernel it started."""
    child = pexpect.spawn(venv_bin("jupyter"), ["console", "--kernel", "shopmine", "--simple-prompt",
                                                "--ZMQTerminalInteractiveShell.confirm_exit=False"],
                          env=os.environ.copy(), encoding="utf-8", timeout=60)
    child.expect(r"In \[1\]: ")
    [kernel] = children_of(child.pid)
    return child, kernel


# The kernel ends with its parent


def test_killing_jupyter_console_ends_its_kernel(jupyter_env):
    child, kernel = start_console()
    try:
        # jupyter_client names itself as the kernel's parent; the kernel relies on it.
        assert environment_of(kernel).get("JPY_PARENT_PID") == str(child.pid)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        elapsed = seconds_until_gone(kernel, limit=3)
        assert elapsed is not None, "the kernel still runs 3 s after jupyter console was killed"
        print(f"kernel gone {elapsed:.2f} s after its console was killed")
    finally:
        child.terminate(force=True)
        kill_quietly(kernel)


def test_killing_a_kernel_managers_process_ends_its_kernel(jupyter_env, tmp_path):
    # A front end that starts its kernel the way JupyterLab's server does, then dies without a shutdown.
    script = textwrap.dedent("""
        import sys, time
        from jupyter_client.manager import KernelManager
        km = KernelManager(kernel_name="shopmine")
        km.start_kernel()
        print(km.provisioner.process.pid, flush=True)
        time.sleep(600)
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    kernel = int(parent.stdout.readline())
    try:
        time.sleep(0.5)
        assert is_running(kernel)
        parent.kill()
        parent.wait()
        elapsed = seconds_until_gone(kernel, limit=3)
        assert elapsed is not None, "the kernel still runs 3 s after the process that started it was killed"
    finally:
        parent.kill()
        kill_quietly(kernel)


# exit and quit


@pytest.mark.parametrize("word", ["exit", "quit"])
def test_exit_and_quit_end_the_console_session_and_its_kernel(jupyter_env, word):
    child, kernel = start_console()
    try:
        child.sendline("x = 1")
        child.expect(r"In \[2\]: ")
        child.sendline(word)
        child.expect("Shutting down kernel")
        child.expect(pexpect.EOF)
        child.wait()
        assert child.exitstatus == 0
        assert seconds_until_gone(kernel, limit=5) is not None, f"the kernel still runs after '{word}'"
    finally:
        child.terminate(force=True)
        kill_quietly(kernel)


def test_exit_leaves_the_rest_of_the_cell_unrun_and_asks_to_end_the_session(kc):
    reply, outputs = execute(kc, 'print "before"\nexit\nprint "after"')
    assert reply["status"] == "ok"
    assert reply["payload"] == [{"source": "ask_exit", "keepkernel": False}]
    assert outputs == [("stream", {"name": "stdout", "text": "before\n"})]
    # A notebook front end ignores the request: the session goes on.
    reply, outputs = execute(kc, 'print "still here"')
    assert outputs == [("stream", {"name": "stdout", "text": "still here\n"})]


def test_exit_in_a_script_stops_it_successfully(shopmine_bin, tmp_path):
    script = tmp_path / "s.mine"
    script.write_text('print "one"\nexit\nprint "two"\n')
    proc = subprocess.run([shopmine_bin, "run", str(script)], capture_output=True, text=True, timeout=60)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "one\n", "")


def test_exit_in_a_headless_notebook_ends_its_cell_as_nbclient_does(shopmine_bin, jupyter_env, tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('print "a"\nquit\nprint "b"'), nbformat.v4.new_code_cell('print "c"')]
    nb.metadata["kernelspec"] = {"name": "shopmine", "display_name": "ShopMine", "language": "shopmine"}
    path = tmp_path / "exit.ipynb"
    nbformat.write(nb, path)
    out = tmp_path / "exit.out.ipynb"
    proc = subprocess.run([shopmine_bin, "execute", str(path), "--output", str(out)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    ours = nbformat.read(out, as_version=4)
    texts = [[o.get("text") for o in c["outputs"]] for c in ours.cells]
    assert texts == [["a\n"], ["c\n"]]
    theirs = nbformat.read(path, as_version=4)
    NotebookClient(theirs, kernel_name="shopmine", timeout=60).execute()
    assert [[o.get("text") for o in c["outputs"]] for c in theirs.cells] == texts


# help in the pager


def test_help_pages_plain_text_without_markdown_syntax(kc):
    reply, _ = execute(kc, "help kmeans")
    [page] = reply["payload"]
    assert page["source"] == "page"
    plain = page["data"]["text/plain"]
    assert plain.startswith("kmeans\n------\n")
    assert "```" not in plain and "`" not in plain
    assert "\n    m = kmeans TABLE k N on COLUMN" in plain
    # The Markdown stays for front ends that render it.
    assert page["data"]["text/markdown"].startswith("## kmeans\n")


# An idle kernel


def wakeups(pid):
    """Context switches so far of each thread of `pid`, by thread id: each is a wake-up from sleep or a
    preemption, so an idle thread that nothing wakes adds none."""
    counts = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            status = Path(f"/proc/{pid}/task/{tid}/status").read_text()
        except FileNotFoundError:
            continue
        counts[tid] = sum(int(line.split()[1]) for line in status.splitlines() if "ctxt_switches" in line)
    return counts


def test_an_idle_kernel_uses_no_measurable_cpu(kc):
    pid = kc.km.provisioner.process.pid
    execute(kc, "x = 1")
    time.sleep(1)
    ticks = os.sysconf("SC_CLK_TCK")
    before_cpu = sum(int(f) for f in proc_stat(pid)[11:13]) / ticks
    before_wakeups = wakeups(pid)
    time.sleep(5)
    cpu = sum(int(f) for f in proc_stat(pid)[11:13]) / ticks - before_cpu
    after_wakeups = wakeups(pid)
    woken = sum(count - before_wakeups.get(tid, 0) for tid, count in after_wakeups.items())
    print(f"idle 5 s: {cpu:.3f} s CPU, {woken} wake-ups")
    assert cpu < 0.05
    # The client pings the heartbeat once a second and the parent watch looks once a second; a single
    # channel polling with a 50 ms time-out would add 100 wake-ups here.
    assert woken < 60, f"{woken} wake-ups in 5 s idle: something polls"
