"""ShopMine kernel vs ipykernel, side by side in one run.

Measures, for each kernel, with two clients:
- "wire": a minimal pyzmq client that speaks the protocol directly (sign, send, wait for the frames). It adds
  as little of its own time as a Python client can, so the figures are mostly the kernel's;
- "jupyter_client": KernelManager + BlockingKernelClient, what notebooks and nbclient use; its own overhead
  (asyncio wrappers, message (de)serialisation, date parsing) is part of both kernels' figures.
For each:
- startup: process start → first kernel_info_reply, median of several starts;
- execute round trip: execute_request → execute_reply and status idle, for a trivial cell (median and p99),
  both kernels running at once and timed in alternating blocks, with the CPU steal time (the hypervisor's
  share) recorded while each was timed.

Usage: $(bash scripts/venv.sh)/bin/python bench/kernel_bench.py [--shopmine BIN] [--starts 7] [--requests 1000]
                                                                [--blocks 10]
The shopmine kernelspec is installed into a temporary prefix; ipykernel is the venv's own "python3".
"""
from __future__ import annotations

import argparse
import gc
import os
import pathlib
import shutil
import statistics
import subprocess
import tempfile
import time

import hashlib
import hmac
import json
import socket
import sys
import uuid

import zmq
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


class StealMeter:
    """CPU time the hypervisor gave to other guests ("steal" in /proc/stat), as a share of all CPU time, summed
    over the intervals it was started and stopped around. On a shared virtual machine a vCPU taken away for a
    few milliseconds lands in the tail of whichever kernel is being timed, so the table says how much of it
    there was while each kernel ran."""

    def __init__(self):
        self.steal = self.total = 0
        self._start = None

    @staticmethod
    def _read() -> tuple[int, int]:
        try:
            with open("/proc/stat") as f:
                fields = [int(v) for v in f.readline().split()[1:]]
        except OSError:
            return 0, 0
        # user nice system idle iowait irq softirq steal [guest guest_nice, already counted in user/nice]
        return (fields[7] if len(fields) > 7 else 0), sum(fields[:8])

    def __enter__(self):
        self._start = self._read()
        return self

    def __exit__(self, *exc):
        steal, total = self._read()
        self.steal += steal - self._start[0]
        self.total += total - self._start[1]

    @property
    def percent(self) -> float:
        return 100.0 * self.steal / self.total if self.total else 0.0


def alternating(runners: dict, requests: int, blocks: int) -> tuple[dict, dict]:
    """Times `requests` round trips per kernel in `blocks` blocks, the kernels taking turns block by block, so
    that a noisy minute on a shared machine falls on both kernels instead of on whichever ran then. `runners`
    maps a kernel's name to a function that performs and times one round trip. The client's own garbage
    collector would otherwise add its pauses to the tail of both kernels, so it is off while timing."""
    trips = {name: [] for name in runners}
    steal = {name: StealMeter() for name in runners}
    per_block = [requests // blocks + (1 if b < requests % blocks else 0) for b in range(blocks)]
    for count in per_block:
        for name, one in runners.items():
            gc.disable()
            try:
                with steal[name]:
                    trips[name] += [one() for _ in range(count)]
            finally:
                gc.enable()
    return trips, {name: meter.percent for name, meter in steal.items()}


def jupyter_client_round_trips(kernels: dict, code: str, requests: int, blocks: int) -> tuple[dict, dict]:
    clients = {}
    try:
        for name, spec in kernels.items():
            km = KernelManager(kernel_name=spec)
            km.start_kernel()
            kc = km.client()
            kc.start_channels()
            kc.wait_for_ready(timeout=60)
            clients[name] = (km, kc)
            for _ in range(10):  # warm-up
                kc.execute_interactive(code, timeout=60, output_hook=lambda msg: None)

        def runner(kc):
            def one() -> float:
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
                return time.perf_counter() - t0
            return one

        return alternating({name: runner(kc) for name, (_, kc) in clients.items()}, requests, blocks)
    finally:
        for km, kc in clients.values():
            kc.stop_channels()
            km.shutdown_kernel(now=True)


class WireClient:
    """Just enough of the Jupyter wire protocol to time a kernel: signed requests on shell, iopub status."""

    def __init__(self, argv: list[str], work: pathlib.Path):
        self.key = uuid.uuid4().hex.encode()
        ports = free_ports(5)
        self.conn = {"transport": "tcp", "ip": "127.0.0.1", "signature_scheme": "hmac-sha256",
                     "key": self.key.decode(), "shell_port": ports[0], "iopub_port": ports[1],
                     "stdin_port": ports[2], "control_port": ports[3], "hb_port": ports[4]}
        path = work / f"wire-{uuid.uuid4().hex}.json"
        path.write_text(json.dumps(self.conn))
        self.ctx = zmq.Context()
        # libzmq retries a refused connect every RECONNECT_IVL (100 ms by default). The client connects before
        # the kernel has bound its ports, so with the default a start is measured in steps of 100 ms; 1 ms
        # makes the figure the kernel's own start-up time.
        self.ctx.setsockopt(zmq.RECONNECT_IVL, 1)
        self.shell = self.ctx.socket(zmq.DEALER)
        self.shell.connect(f"tcp://127.0.0.1:{ports[0]}")
        self.iopub = self.ctx.socket(zmq.SUB)
        self.iopub.setsockopt(zmq.SUBSCRIBE, b"")
        self.iopub.connect(f"tcp://127.0.0.1:{ports[1]}")
        self.control = self.ctx.socket(zmq.DEALER)
        self.control.connect(f"tcp://127.0.0.1:{ports[3]}")
        self.started = time.perf_counter()
        self.process = subprocess.Popen([a.replace("{connection_file}", str(path)) for a in argv],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def send(self, sock, msg_type: str, content: dict) -> str:
        msg_id = uuid.uuid4().hex
        header = json.dumps({"msg_id": msg_id, "msg_type": msg_type, "username": "bench", "session": "bench",
                             "date": "2026-01-01T00:00:00Z", "version": "5.3"}).encode()
        parts = [header, b"{}", b"{}", json.dumps(content).encode()]
        sig = hmac.new(self.key, b"".join(parts), hashlib.sha256).hexdigest().encode()
        sock.send_multipart([b"<IDS|MSG>", sig, *parts])
        return msg_id

    @staticmethod
    def parent_id(frames: list[bytes]) -> tuple[str, str, bytes]:
        i = frames.index(b"<IDS|MSG>")
        header, parent = json.loads(frames[i + 2]), json.loads(frames[i + 3])
        return header["msg_type"], parent.get("msg_id", ""), frames[i + 5]

    def kernel_info(self) -> float:
        """Seconds from process start to the first kernel_info_reply."""
        msg_id = self.send(self.shell, "kernel_info_request", {})
        while True:
            if self.shell.poll(60_000) == 0:
                raise TimeoutError("no kernel_info_reply")
            msg_type, parent, _ = self.parent_id(self.shell.recv_multipart())
            if msg_type == "kernel_info_reply" and parent == msg_id:
                return time.perf_counter() - self.started

    def execute(self, code: str) -> float:
        t0 = time.perf_counter()
        msg_id = self.send(self.shell, "execute_request", {"code": code, "silent": False, "store_history": True,
                                                           "user_expressions": {}, "allow_stdin": False})
        got_reply = got_idle = False
        poller = zmq.Poller()
        poller.register(self.shell, zmq.POLLIN)
        poller.register(self.iopub, zmq.POLLIN)
        while not (got_reply and got_idle):
            for sock, _ in poller.poll(60_000):
                msg_type, parent, content = self.parent_id(sock.recv_multipart())
                if parent != msg_id:
                    continue
                if sock is self.shell:
                    got_reply = msg_type == "execute_reply"
                elif msg_type == "status" and b'"idle"' in content:
                    got_idle = True
        return time.perf_counter() - t0

    def close(self) -> None:
        self.send(self.control, "shutdown_request", {"restart": False})
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.ctx.destroy(linger=0)


def free_ports(n: int) -> list[int]:
    sockets = [socket.socket() for _ in range(n)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def wire_start(argv: list[str], work: pathlib.Path) -> float:
    client = WireClient(argv, work)
    try:
        return client.kernel_info()
    finally:
        client.close()


def wire_round_trips(kernels: dict, work: pathlib.Path, code: str, requests: int, blocks: int) -> tuple[dict, dict]:
    clients = {}
    try:
        for name, argv in kernels.items():
            client = clients[name] = WireClient(argv, work)
            client.kernel_info()
        time.sleep(0.3)  # let the iopub subscriptions settle before timing
        for client in clients.values():
            for _ in range(20):
                client.execute(code)
        result = alternating({name: (lambda c=client: c.execute(code)) for name, client in clients.items()},
                             requests, blocks)
        for name, client in clients.items():
            PEAKS[name] = kernel_peak_mb(client.process.pid)
        return result
    finally:
        for client in clients.values():
            client.close()


# Peak resident memory of each kernel process after its round trips (VmHWM), by kernel name.
PEAKS: dict[str, float] = {}


def kernel_peak_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shopmine", default=os.environ.get("SHOPMINE_BIN", str(ROOT / ".build/release/shopmine")))
    parser.add_argument("--starts", type=int, default=7)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--blocks", type=int, default=10,
                        help="the round trips of each kernel are timed in this many blocks, the kernels taking turns")
    parser.add_argument("--json", help="also write the rows for bench/run to this file")
    args = parser.parse_args()

    root = pathlib.Path(tempfile.mkdtemp(prefix="shopmine-bench-"))
    try:
        subprocess.run([args.shopmine, "install", "--prefix", str(root)], check=True, capture_output=True)
        data = root / "share" / "jupyter"
        os.environ["JUPYTER_PATH"] = str(data)
        os.environ["JUPYTER_DATA_DIR"] = str(data)
        kernels = {"shopmine": ("shopmine", [args.shopmine, "kernel", "--connection-file", "{connection_file}"]),
                   "ipykernel": ("python3", [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"])}
        rows: dict[tuple[str, str], tuple[float, float, float]] = {}
        steal: dict[tuple[str, str], float] = {}
        # Alternate the kernels start by start, so both see the same machine load.
        starts = {(c, k): [] for c in ("wire", "jupyter_client") for k in kernels}
        for _ in range(args.starts):
            for name, (spec, argv) in kernels.items():
                starts[("wire", name)].append(wire_start(argv, root))
                starts[("jupyter_client", name)].append(start_to_kernel_info(spec))
        for client in ("wire", "jupyter_client"):
            if client == "wire":
                trips, stolen = wire_round_trips({name: argv for name, (_, argv) in kernels.items()}, root, "1 + 2",
                                                 args.requests, args.blocks)
            else:
                trips, stolen = jupyter_client_round_trips({name: spec for name, (spec, _) in kernels.items()},
                                                           "1 + 2", args.requests, args.blocks)
            for name in kernels:
                rows[(client, name)] = (statistics.median(starts[(client, name)]), statistics.median(trips[name]),
                                        p99(trips[name]))
                steal[(client, name)] = stolen[name]
    finally:
        shutil.rmtree(root, ignore_errors=True)

    print(f"{'client':<16}{'metric':<36}{'shopmine':>12}{'ipykernel':>12}{'ratio':>9}")
    labels = ("start → kernel_info_reply (median)", "execute round trip (median)", "execute round trip (p99)")
    for client in ("wire", "jupyter_client"):
        s, i = rows[(client, "shopmine")], rows[(client, "ipykernel")]
        for label, a, b in zip(labels, s, i):
            print(f"{client:<16}{label:<36}{a * 1000:>10.2f}ms{b * 1000:>10.2f}ms{a / b:>9.3f}")
    print(f"({args.starts} starts, {args.requests} execute requests each in {args.blocks} alternating blocks; "
          f"ratio = shopmine / ipykernel)")
    for client in ("wire", "jupyter_client"):
        print(f"CPU steal while timing through {client}: shopmine {steal[(client, 'shopmine')]:.1f}%, "
              f"ipykernel {steal[(client, 'ipykernel')]:.1f}%")
    if args.json:
        sys.path.insert(0, str(pathlib.Path(__file__).parent))
        from common import row, write_rows

        s, i = rows[("wire", "shopmine")], rows[("wire", "ipykernel")]
        sm_mb, ip_mb = PEAKS.get("shopmine"), PEAKS.get("ipykernel")
        stolen = (f"; CPU steal {steal[('wire', 'shopmine')]:.1f}% / {steal[('wire', 'ipykernel')]:.1f}% while each "
                  f"kernel was timed")
        js, ji = rows[("jupyter_client", "shopmine")], rows[("jupyter_client", "ipykernel")]
        write_rows(args.json, [
            row("kernel start → first kernel_info_reply", s[0], "ipykernel", i[0], "≤ 0.1×", None, None,
                f"median of {args.starts}; wire client; through jupyter_client {js[0] * 1000:.0f} vs "
                f"{ji[0] * 1000:.0f} ms"),
            row(f"trivial execute round trip, median of {args.requests}", s[1], "ipykernel", i[1], "≤ 0.15×",
                sm_mb, ip_mb, f"through jupyter_client {js[1] * 1000:.2f} vs {ji[1] * 1000:.2f} ms"),
            row(f"trivial execute round trip, p99 of {args.requests}", s[2], "ipykernel", i[2], "≤ 0.15×",
                None, None, f"through jupyter_client {js[2] * 1000:.2f} vs {ji[2] * 1000:.2f} ms" + stolen),
        ])


if __name__ == "__main__":
    main()
