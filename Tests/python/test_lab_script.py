"""`bash scripts/lab.sh`, the README's way into JupyterLab: it must start a JupyterLab that serves the
notebooks and offers a working ShopMine kernel.

The script is run as a newcomer runs it, with JupyterLab options after it; SHOPMINE_LAB_VENV points it at
the test environment (which already has the pinned JupyterLab) so the test does not install a second one.
Through JupyterLab's REST API the test then lists the notebooks, finds the kernelspec, starts a ShopMine
kernel and runs a cell on it over the server's websocket, the path JupyterLab's notebook takes.
"""
from __future__ import annotations

import json
import os
import pathlib
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from browser import lab  # noqa: E402


def api(port: int, token: str, path: str, method: str = "GET", body: dict | None = None):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/{path}", method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        text = response.read()
        return json.loads(text) if text else None


def run_cell(port: int, token: str, kernel_id: str, code: str) -> str:
    """Sends one execute_request over /api/kernels/ID/channels; the `text/plain` of its execute_result."""
    import uuid

    import websocket  # websocket-client, a jupyter_server dependency

    ws = websocket.create_connection(
        f"ws://127.0.0.1:{port}/api/kernels/{kernel_id}/channels?token={token}", timeout=30)
    try:
        msg_id = uuid.uuid4().hex
        ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "test", "session": uuid.uuid4().hex,
                       "date": "", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            message = json.loads(ws.recv())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if message["msg_type"] == "execute_result":
                return message["content"]["data"]["text/plain"]
            if message["msg_type"] == "error":
                raise AssertionError(message["content"])
        raise AssertionError("no execute_result within 30 s")
    finally:
        ws.close()


def test_lab_script_serves_the_notebooks_with_a_working_shopmine_kernel(tmp_path):
    venv = pathlib.Path(sys.executable).parent.parent
    if not (venv / "bin" / "jupyter-lab").exists():
        pytest.skip(f"no JupyterLab in {venv} (scripts/browser-deps.sh installs it)")
    port, token = lab.free_port(), secrets.token_hex(16)
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env["SHOPMINE_LAB_VENV"] = str(venv)
    for key, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                     ("JUPYTERLAB_SETTINGS_DIR", "settings"), ("JUPYTERLAB_WORKSPACES_DIR", "workspaces")):
        env[key] = str(tmp_path / sub)
    log = open(tmp_path / "lab.log", "w")
    process = subprocess.Popen(
        ["bash", str(ROOT / "scripts" / "lab.sh"), "--no-browser", f"--port={port}", "--ServerApp.port_retries=0",
         f"--IdentityProvider.token={token}", "--LabApp.news_url=None",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=tempfile.gettempdir(),
    )
    try:
        deadline = time.monotonic() + 300  # a first run may build shopmine
        while True:
            assert process.poll() is None, f"lab.sh exited {process.returncode}:\n{(tmp_path / 'lab.log').read_text()[-3000:]}"
            try:
                api(port, token, "status")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                assert time.monotonic() < deadline, (tmp_path / "lab.log").read_text()[-3000:]
                time.sleep(0.5)

        # The notebooks folder is the server's root.
        names = {item["name"] for item in api(port, token, "contents")["content"]}
        assert {"01-tour.ipynb", "08-chart-gallery.ipynb"} <= names, names

        # The kernelspec is installed into that environment and runs this clone's build.
        specs = api(port, token, "kernelspecs")["kernelspecs"]
        assert "shopmine" in specs, sorted(specs)
        argv = specs["shopmine"]["spec"]["argv"]
        assert pathlib.Path(argv[0]).is_relative_to(ROOT) and argv[1] == "kernel", argv
        assert specs["shopmine"]["spec"]["language"] == "shopmine"

        # A kernel starts and runs a cell over the server's websocket, as JupyterLab's notebook does.
        kernel = api(port, token, "kernels", "POST", {"name": "shopmine"})
        assert run_cell(port, token, kernel["id"], "count(generate users 60 seed 1)") == "60"
        api(port, token, f"kernels/{kernel['id']}", "DELETE")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
        log.close()
