"""ShopMine kernel vs ipykernel, side by side in one run.

Measures, for each kernel:
- startup: process start (KernelManager.start_kernel) → first kernel_info_reply, median of several starts;
- execute round trip: execute_request → execute_reply and status idle, for a trivial cell, over 300 requests
  (median and p99).

Usage: /tmp/reqprobe/venv/bin/python bench/kernel_bench.py [--shopmine BIN] [--starts 7] [--requests 300]
The shopmine kernelspec is installed into a temporary prefix; ipykernel is the venv's own "python3".
"""
from __future__ import annotations

import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import tempfile
import time

from jupyter_client.manager import KernelManager

ROOT = pathlib.Path(__file__).resolve().parents[1]


def start_to_kernel_info(kernel_name: str) -> float:
    km = KernelManager(kernel_name=kernel_name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    # The DEALER socket queues the request until the kernel has bound its shell port.
    msg_id = kc.kernel_info()
    while True:
        reply = kc.get_shell_msg(timeout=60)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    elapsed = time.perf_counter() - t0
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    return elapsed


def execute_round_trips(kernel_name: str, code: str, requests: int) -> list[float]:
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    for _ in range(10):  # warm-up
        kc.execute_interactive(code, timeout=60, output_hook=lambda msg: None)
    times = []
    for _ in range(requests):
        t0 = time.perf_counter()
        msg_id = kc.execute(code)
        got_reply = got_idle = False
        while not (got_reply and got_idle):
            if not got_reply:
                reply = kc.get_shell_msg(timeout=60)
                got_reply = reply["parent_header"].get("msg_id") == msg_id
            else:
                msg = kc.get_iopub_msg(timeout=60)
                got_idle = (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                            and msg["content"]["execution_state"] == "idle")
        times.append(time.perf_counter() - t0)
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    return times


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shopmine", default=os.environ.get("SHOPMINE_BIN", str(ROOT / ".build/release/shopmine")))
    parser.add_argument("--starts", type=int, default=7)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()

    root = pathlib.Path(tempfile.mkdtemp(prefix="shopmine-bench-"))
    try:
        subprocess.run([args.shopmine, "install", "--prefix", str(root)], check=True, capture_output=True)
        data = root / "share" / "jupyter"
        os.environ["JUPYTER_PATH"] = str(data)
        os.environ["JUPYTER_DATA_DIR"] = str(data)
        rows = {}
        for name, kernel, code in (("shopmine", "shopmine", "1 + 2"), ("ipykernel", "python3", "1 + 2")):
            starts = [start_to_kernel_info(kernel) for _ in range(args.starts)]
            trips = execute_round_trips(kernel, code, args.requests)
            rows[name] = (statistics.median(starts), statistics.median(trips), p99(trips))
    finally:
        shutil.rmtree(root, ignore_errors=True)

    s, i = rows["shopmine"], rows["ipykernel"]
    print(f"{'metric':<34}{'shopmine':>12}{'ipykernel':>12}{'ratio':>9}")
    labels = ("start → kernel_info_reply (median)", "execute round trip (median)", "execute round trip (p99)")
    for label, a, b in zip(labels, s, i):
        print(f"{label:<34}{a * 1000:>10.2f}ms{b * 1000:>10.2f}ms{a / b:>9.3f}")
    print(f"({args.starts} starts, {args.requests} execute requests each; ratio = shopmine / ipykernel)")


if __name__ == "__main__":
    main()
