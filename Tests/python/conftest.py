"""Session fixtures shared by the Python end-to-end tests of the ShopMine kernel.

- the `shopmine` binary: $SHOPMINE_BIN, else .build/release/shopmine in the repository;
- a temporary Jupyter data dir (JUPYTER_DATA_DIR, JUPYTER_PATH) where `shopmine install --prefix` has put the
  kernelspec, so tests never touch the user's own Jupyter setup;
- a running kernel with a blocking client (`kernel` fixture), started through jupyter_client's KernelManager
  exactly as Jupyter starts it.
"""
from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import tempfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
KERNEL_NAME = "shopmine"


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
