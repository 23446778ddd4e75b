"""A private JupyterLab server and a headless Chromium, for looking at notebooks the way a user does.

`JupyterLabServer` runs `python -m jupyterlab` on a free loopback port with a random token, with every
Jupyter directory (config, data, runtime, settings, workspaces) inside a temporary folder: the notebook
signature database starts empty, so any notebook file put there is *untrusted*, exactly as a notebook
made headlessly is on a user's machine. `Browser` drives Debian's `chromium` through `chromedriver`
(selenium), never downloading anything (`SE_OFFLINE`).
"""
from __future__ import annotations

import json
import os
import pathlib
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
CHROMEDRIVER_CANDIDATES = ("chromedriver",)


def find_executable(names, env_var: str) -> str | None:
    """`$env_var` if set, else the first of `names` on PATH (Debian also keeps chromedriver in /usr/lib/chromium)."""
    explicit = os.environ.get(env_var)
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    for name in names:
        found = shutil.which(name) or shutil.which(name, path="/usr/lib/chromium")
        if found:
            return found
    return None


def missing_requirements() -> list[str]:
    """What is missing for the browser check, as human-readable reasons (empty when it can run)."""
    missing = []
    if find_executable(CHROMIUM_CANDIDATES, "SHOPMINE_CHROMIUM") is None:
        missing.append("no Chromium (apt-get install chromium, or set SHOPMINE_CHROMIUM)")
    if find_executable(CHROMEDRIVER_CANDIDATES, "SHOPMINE_CHROMEDRIVER") is None:
        missing.append("no chromedriver (apt-get install chromium-driver, or set SHOPMINE_CHROMEDRIVER)")
    for module, pip_name in (("jupyterlab", "jupyterlab"), ("selenium", "selenium")):
        try:
            __import__(module)
        except ImportError:
            missing.append(f"Python package {pip_name} is not installed in {sys.executable}")
    return missing


def require_browser() -> None:
    """Skips the calling test when the browser check cannot run, saying why; with SHOPMINE_REQUIRE_BROWSER=1
    (CI, where the dependencies are installed) a missing piece fails instead, so a broken install is not
    hidden by a silent skip."""
    import pytest

    missing = missing_requirements()
    if not missing:
        return
    reason = "browser check not run: " + "; ".join(missing) + " (scripts/browser-deps.sh installs them)"
    if os.environ.get("SHOPMINE_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + " — SHOPMINE_REQUIRE_BROWSER=1 forbids skipping")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class JupyterLabServer:
    """`jupyter lab` on 127.0.0.1 serving `root`; use as a context manager (the process is always stopped)."""

    def __init__(
        self, root: pathlib.Path, state: pathlib.Path, jupyter_path: pathlib.Path | None = None, *,
        theme: str | None = None,
    ):
        """`jupyter_path`: a Jupyter data dir whose kernelspecs the server offers (the shopmine kernel for
        live runs); without it the server knows only its own Python kernel. `theme`: the JupyterLab theme
        the page opens in ("JupyterLab Light", "JupyterLab Dark"), written to the server's settings as a
        user's choice is; without it JupyterLab's default (light)."""
        self.root = root
        self.state = state
        self.jupyter_path = jupyter_path
        self.theme = theme
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.process: subprocess.Popen | None = None
        self.log_path = state / "jupyterlab.log"

    def trust(self, notebook: pathlib.Path) -> None:
        """Signs `notebook` in this server's (private) signature database, as `jupyter trust` would.

        Call before entering the context: the server's notary then finds the secret and the database
        this creates.
        """
        import nbformat
        from nbformat.sign import NotebookNotary

        data_dir = self.state / "data"
        data_dir.mkdir(parents=True, exist_ok=True)
        notary = NotebookNotary(data_dir=str(data_dir))
        notary.sign(nbformat.read(str(notebook), as_version=4))

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "JupyterLabServer":
        env = dict(os.environ)
        for key, sub in (
            ("JUPYTER_CONFIG_DIR", "config"),
            ("JUPYTER_DATA_DIR", "data"),
            ("JUPYTER_RUNTIME_DIR", "runtime"),
            ("JUPYTERLAB_SETTINGS_DIR", "settings"),
            ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
        ):
            (self.state / sub).mkdir(parents=True, exist_ok=True)
            env[key] = str(self.state / sub)
        if self.jupyter_path is not None:
            env["JUPYTER_PATH"] = str(self.jupyter_path)
        # Notebook windowing would leave off-screen cells unrendered: render them all. The news toast
        # ("get notified about official Jupyter news?") would sit over the page: switch it off.
        plugins = [
            ("notebook-extension/tracker", {"windowingMode": "none"}),
            ("apputils-extension/notification", {"fetchNews": "false", "checkForUpdates": False}),
        ]
        if self.theme is not None:
            plugins.append(("apputils-extension/themes", {"theme": self.theme}))
        for plugin, settings in plugins:
            path = self.state / "settings" / "@jupyterlab" / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(settings))
        command = [
            sys.executable, "-m", "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            "--allow-root",  # CI runs as root; the server only listens on loopback with a token
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
            # No network: no news feed, no update check.
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",
            # window.jupyterapp: tests run commands (run all, save, change theme) as a user's menu would.
            "--LabApp.expose_app_in_browser=True",
        ]
        self._log = open(self.log_path, "w")
        self.process = subprocess.Popen(command, env=env, stdout=self._log, stderr=subprocess.STDOUT, cwd=self.root)
        try:
            self._wait_until_ready(timeout=90)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _wait_until_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with {self.process.returncode}; log:\n{self.log()}")
            try:
                self.api("status")
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.25)
        raise TimeoutError(f"jupyter lab did not answer on {self.base_url} within {timeout:.0f} s; log:\n{self.log()}")

    def api(self, path: str) -> dict:
        """GET /api/<path> with the token; the decoded JSON."""
        request = urllib.request.Request(f"{self.base_url}/api/{path}", headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def notebook_url(self, name: str) -> str:
        """The URL opening `name`; `reset` starts from an empty workspace (no tabs from earlier visits)."""
        return f"{self.base_url}/lab/tree/{name}?reset&token={self.token}"

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except OSError:
            return "(no log)"

    def __exit__(self, *exc) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self._log.close()


@dataclass(frozen=True)
class RenderedOutput:
    """One output area as JupyterLab rendered it: its chosen MIME type, the renderer's classes, a screenshot."""

    mime_type: str | None
    classes: str
    html: str
    png: bytes
    image_size: tuple[int, int] | None  # natural size of the first <img> in the output, if any


# Waits until the notebook `name` is the current main-area tab and shows at least `n` outputs, every
# <img> loaded and every Vega view drawn (vega-embed renders asynchronously, into a canvas or an svg).
# Only the visible notebook panel counts: an earlier notebook may still be open in a hidden tab.
_CURRENT_NOTEBOOK = """
const current = () => {
  const tab = document.querySelector('#jp-main-dock-panel .lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current');
  if (!tab || tab.textContent.trim() !== arguments[0]) return null;
  return document.querySelector('#jp-main-dock-panel > .jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
};
"""

_READY_SCRIPT = _CURRENT_NOTEBOOK + """
const notebook = current();
if (!notebook) return false;
const outputs = notebook.querySelectorAll('.jp-CodeCell .jp-OutputArea-output');
if (outputs.length < arguments[1]) return false;
for (const out of outputs) {
  for (const img of out.querySelectorAll('img')) if (!img.complete || img.naturalWidth === 0) return false;
  const vega = out.querySelector('.jp-RenderedVegaCommon5');
  if (vega && !vega.querySelector('canvas, svg')) return false;
}
return true;
"""

_OUTPUTS_SCRIPT = _CURRENT_NOTEBOOK + """
return Array.from(current().querySelectorAll('.jp-CodeCell')).map(cell => {
  const out = cell.querySelector('.jp-OutputArea-output');
  if (!out) return null;
  const img = out.querySelector('img');
  return {
    element: out,
    mime: out.getAttribute('data-mime-type'),
    classes: out.className,
    html: out.innerHTML.slice(0, 600),
    image: img ? [img.naturalWidth, img.naturalHeight] : null,
  };
});
"""


class Browser:
    """Headless Chromium via chromedriver; use as a context manager."""

    def __init__(self, width: int = 1200, height: int = 2400):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        # Never let selenium-manager reach out for a browser or driver: only the system ones are used.
        os.environ["SE_OFFLINE"] = "true"
        options = webdriver.ChromeOptions()
        options.binary_location = find_executable(CHROMIUM_CANDIDATES, "SHOPMINE_CHROMIUM") or ""
        for argument in (
            "--headless=new",
            "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
            "--disable-dev-shm-usage",
            "--disable-gpu",
            "--force-device-scale-factor=1",  # one CSS pixel = one screenshot pixel, so counts are exact
            f"--window-size={width},{height}",
            "--no-first-run",
            "--disable-extensions",
        ):
            options.add_argument(argument)
        service = Service(executable_path=find_executable(CHROMEDRIVER_CANDIDATES, "SHOPMINE_CHROMEDRIVER"))
        self.driver = webdriver.Chrome(options=options, service=service)

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc) -> None:
        self.driver.quit()

    def version(self) -> str:
        return self.driver.capabilities.get("browserVersion", "?")

    def open_notebook(self, url: str, name: str, outputs: int, timeout: float = 90) -> None:
        """Loads `url` (JupyterLab opening notebook `name`) and waits until it shows `outputs` rendered
        outputs, then lets layout settle."""
        from selenium.webdriver.support.ui import WebDriverWait

        self.driver.get(url)
        WebDriverWait(self.driver, timeout, poll_frequency=0.25).until(
            lambda d: d.execute_script(_READY_SCRIPT, name, outputs)
        )
        time.sleep(1.0)

    def outputs(self, name: str) -> list[RenderedOutput | None]:
        """Every code cell's first output in notebook `name` (None for a cell without output): the MIME
        type JupyterLab chose, the renderer's classes, the markup and a screenshot of the output area."""
        described = self.driver.execute_script(_OUTPUTS_SCRIPT, name)
        results: list[RenderedOutput | None] = []
        for info in described:
            if info is None:
                results.append(None)
                continue
            element = info["element"]
            self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
            size = tuple(info["image"]) if info["image"] else None
            results.append(RenderedOutput(info["mime"], info["classes"], info["html"], element.screenshot_as_png, size))
        return results

    def screenshot(self, path: pathlib.Path) -> None:
        self.driver.save_screenshot(str(path))
