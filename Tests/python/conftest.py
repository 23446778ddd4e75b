"""Session fixtures shared by the Python end-to-end tests of the ShopMine kernel.

- the `shopmine` binary: $SHOPMINE_BIN, else .build/release/shopmine in the repository;
- a temporary Jupyter data dir (JUPYTER_DATA_DIR, JUPYTER_PATH) where `shopmine install --prefix` has put the
  kernelspec, so tests never touch the user's own Jupyter setup;
- a running kernel with a blocking client (`kernel` fixture), started through jupyter_client's KernelManager
  exactly as Jupyter starts it;
- `kc`: a fresh kernel whose working directory is the test's tmp_path (the client carries `tmp_path` and its
  manager `km`), and `execute(kc, code)`, which runs one cell and collects its iopub outputs up to idle.
  Test modules import `execute` (`from conftest import execute`) rather than writing their own.
"""
from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import tempfile
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
KERNEL_NAME = "shopmine"

# The vendor MIME types of the displays' machine-readable forms (docs/RENDERING.md). Never plain
# application/json, which JupyterLab would show as a JSON tree instead of the HTML table.
TABLE_MIME = "application/vnd.shopmine.table.v1+json"
SUMMARY_MIME = "application/vnd.shopmine.summary.v1+json"
MODEL_MIME = "application/vnd.shopmine.model.v1+json"
RECOMMENDATIONS_MIME = "application/vnd.shopmine.recommendations.v1+json"


def shopmine_binary() -> str:
    path = os.environ.get("SHOPMINE_BIN", str(ROOT / ".build" / "release" / "shopmine"))
    if not os.path.isabs(path):
        path = str(ROOT / path)
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"shopmine binary not found at {path}: build it or set SHOPMINE_BIN")
    return path


@pytest.fixture(scope="session")
def shopmine_bin() -> str:
    return shopmine_binary()


@pytest.fixture(scope="session", autouse=True)
def jupyter_env(shopmine_bin: str):
    """A private Jupyter data dir with the shopmine kernelspec installed (via `shopmine install --prefix`)."""
    root = pathlib.Path(tempfile.mkdtemp(prefix="shopmine-jupyter-"))
    prefix = root / "prefix"
    subprocess.run([shopmine_bin, "install", "--prefix", str(prefix)], check=True, capture_output=True)
    data_dir = prefix / "share" / "jupyter"
    saved = {k: os.environ.get(k) for k in ("JUPYTER_DATA_DIR", "JUPYTER_PATH", "JUPYTER_RUNTIME_DIR")}
    os.environ["JUPYTER_DATA_DIR"] = str(data_dir)
    os.environ["JUPYTER_PATH"] = str(data_dir)
    os.environ["JUPYTER_RUNTIME_DIR"] = str(root / "runtime")
    yield data_dir
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def kernel(jupyter_env, tmp_path):
    """(KernelManager, BlockingKernelClient) for a fresh shopmine kernel; its stderr goes to tmp_path/stderr.log."""
    from jupyter_client.manager import KernelManager

    stderr_path = tmp_path / "stderr.log"
    stderr = open(stderr_path, "w")
    km = KernelManager(kernel_name=KERNEL_NAME)
    km.start_kernel(stderr=stderr)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=10)
    km.stderr_path = stderr_path
    yield km, kc
    kc.stop_channels()
    if km.is_alive():
        km.shutdown_kernel(now=True)
    stderr.close()


# Seconds to wait for a kernel to start or a cell to answer; generous because up to four builds share the CPUs.
KERNEL_TIMEOUT = 60


@pytest.fixture
def kc(jupyter_env, tmp_path):
    """A fresh shopmine kernel whose working directory is tmp_path; the client carries `tmp_path` and `km`."""
    from jupyter_client.manager import KernelManager

    km = KernelManager(kernel_name=KERNEL_NAME)
    km.start_kernel(cwd=str(tmp_path))
    client = km.client()
    client.start_channels()
    client.wait_for_ready(timeout=KERNEL_TIMEOUT)
    client.tmp_path = tmp_path
    client.km = km
    yield client
    client.stop_channels()
    if km.is_alive():
        km.shutdown_kernel(now=True)


def execute(kc, code, timeout=KERNEL_TIMEOUT, with_dates=False):
    """Runs `code`; returns (reply content, outputs up to the request's idle status).

    Each output is (msg_type, content), or (msg_type, content, header date) with `with_dates`; status and
    execute_input messages are left out, and so are messages whose parent is another request.
    """
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=timeout)
    assert reply["parent_header"]["msg_id"] == msg_id
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
        if msg["msg_type"] not in ("status", "execute_input"):
            output = (msg["msg_type"], msg["content"])
            outputs.append(output + (msg["header"]["date"],) if with_dates else output)
    return reply["content"], outputs


def iopub_until_idle(kc, msg_id, timeout=KERNEL_TIMEOUT):
    """The iopub messages of request `msg_id`, in order, up to and including its idle status (whole messages)."""
    messages = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        messages.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return messages


def raw_shell_socket(km):
    """A bare DEALER connected to the kernel's shell port, for sending frames no well-behaved client sends."""
    import zmq

    raw = zmq.Context.instance().socket(zmq.DEALER)
    raw.linger = 0
    raw.connect(f"{km.transport}://{km.ip}:{km.shell_port}")
    return raw


def wait_until_running(kc, msg_id, timeout=KERNEL_TIMEOUT):
    """Blocks until the kernel has published execute_input for `msg_id` (the cell is running)."""
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
            return


def interrupt_after(kc, code, delay, timeout=KERNEL_TIMEOUT):
    """Runs `code` and, `delay` s after the kernel began it, interrupts it the way JupyterLab does (an
    `interrupt_request` on the control channel, the kernelspec's interrupt mode). Fails if the code ended
    before the interrupt. Returns the execute reply's content and the seconds from sending the interrupt to
    its interrupt_reply, to the execute reply and to the idle status."""
    msg_id = kc.execute(code)
    wait_until_running(kc, msg_id, timeout)
    time.sleep(delay)
    if kc.shell_channel.msg_ready():
        # Consume the reply so the next test on this kernel does not take it for its own.
        early = kc.get_shell_msg(timeout=timeout)
        iopub_until_idle(kc, msg_id, timeout)
        pytest.fail(f"'{code[:80]}' ended before it could be interrupted: {early['content']}")
    interrupt = kc.session.msg("interrupt_request", {})
    start = time.perf_counter()
    kc.control_channel.send(interrupt)
    control = kc.control_channel.get_msg(timeout=timeout)
    control_at = time.perf_counter() - start
    reply = kc.get_shell_msg(timeout=timeout)
    reply_at = time.perf_counter() - start
    iopub_until_idle(kc, msg_id, timeout)
    idle_at = time.perf_counter() - start
    assert control["msg_type"] == "interrupt_reply"
    assert control["parent_header"]["msg_id"] == interrupt["header"]["msg_id"]
    assert reply["parent_header"]["msg_id"] == msg_id
    return reply["content"], control_at, reply_at, idle_at


@pytest.fixture(scope="module")
def shots_dir(request):
    """Where a browser test saves its screenshots: $SHOPMINE_BROWSER_SHOTS when set (kept, to look at), else
    a temporary folder that is removed after a passing module and kept, with its path printed, after a
    failure."""
    kept = os.environ.get("SHOPMINE_BROWSER_SHOTS")
    path = pathlib.Path(kept) if kept else pathlib.Path(tempfile.mkdtemp(prefix="shopmine-shots-"))
    path.mkdir(parents=True, exist_ok=True)
    failures_before = request.session.testsfailed
    yield path
    if request.session.testsfailed > failures_before:
        print(f"\nscreenshots kept in {path}")
    elif not kept:
        shutil.rmtree(path, ignore_errors=True)

