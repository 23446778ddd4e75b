"""Issue 11 through the real binary with jupyter_client: interrupt during long model and plot commands,
heartbeat during a long computation, 10,000 queued requests with three iopub subscribers, output bursts,
the memory budget, and a 100 MB frame.

Interrupts of `group by` and `load` are in test_data_interrupt.py, of `sleep` (message and SIGINT) and
SIGINT while idle in test_kernel_protocol.py; this file covers the other long commands.

Timings are measured on the client from the moment the interrupt is sent, so they include the client's own
latency: what a user would see.
"""
from __future__ import annotations

import csv
import json
import os
import pathlib
import signal
import statistics
import subprocess
import threading
import time

import pytest
import zmq
from jupyter_client.manager import KernelManager

from conftest import interrupt_after, iopub_until_idle, raw_shell_socket, wait_until_running

KERNEL_NAME = "shopmine"
TIMEOUT = 180
# Interrupt reply, execute reply and idle must all arrive within this many seconds of the interrupt.
INTERRUPT_BUDGET = 0.100
# A heartbeat ping must come back within this many seconds.
HEARTBEAT_BUDGET = 0.050


# MARK: helpers


def start_kernel(tmp_path, env=None):
    """A fresh kernel (stderr in tmp_path/stderr.log, working directory tmp_path) and its blocking client."""
    stderr = open(tmp_path / "stderr.log", "w")
    km = KernelManager(kernel_name=KERNEL_NAME)
    km.start_kernel(cwd=str(tmp_path), stderr=stderr, env={**os.environ, **(env or {})})
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    km.stderr_file = stderr
    return km, kc


def stop_kernel(km, kc):
    kc.stop_channels()
    if km.is_alive():
        km.shutdown_kernel(now=True)
    km.stderr_file.close()


@pytest.fixture
def kernel(jupyter_env, tmp_path):
    km, kc = start_kernel(tmp_path)
    yield km, kc
    stop_kernel(km, kc)


def run(kc, code, timeout=TIMEOUT):
    """Runs `code`; returns (reply content, this request's iopub messages up to and including idle)."""
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=timeout)
    assert reply["parent_header"]["msg_id"] == msg_id
    return reply["content"], until_idle(kc, msg_id, timeout)


def until_idle(kc, msg_id, timeout=TIMEOUT):
    return iopub_until_idle(kc, msg_id, timeout)


def ok(kc, code, timeout=TIMEOUT):
    reply, messages = run(kc, code, timeout)
    assert reply["status"] == "ok", (code, reply, [m["content"] for m in messages])
    return messages


def plain(messages):
    for msg in messages:
        if msg["msg_type"] == "execute_result":
            return msg["content"]["data"]["text/plain"]
    return None


def stream_text(messages, name="stdout"):
    return "".join(m["content"]["text"] for m in messages
                   if m["msg_type"] == "stream" and m["content"]["name"] == name)


# MARK: interrupt during long commands


@pytest.fixture(scope="module")
def busy_kernel(jupyter_env, tmp_path_factory):
    """One kernel holding big generated data and a fitted model, shared by the interrupt tests (generating
    three million orders once keeps the module fast)."""
    tmp = tmp_path_factory.mktemp("interrupts")
    km, kc = start_kernel(tmp)
    ok(kc, "x = 7")
    ok(kc, "orders = generate orders 3000000 seed 1")
    ok(kc, "users = generate users 200000 seed 1")
    ok(kc, "small = orders | head 20000")
    ok(kc, "mf = als small user user_id item product_id factors 8 iterations 2 seed 1")
    ok(kc, "reviews = generate reviews 300000 seed 1")
    ok(kc, "usmall = users | head 20000")
    ok(kc, "u8k = users | head 8000")
    ok(kc, "rsmall = reviews | head 20000")
    ok(kc, "sm = sentiment rsmall text text label rating")
    ok(kc, "seg = kmeans usmall k 8 on browse_time, spend seed 1")
    ok(kc, "kn = knn usmall target churned k 5 on browse_time, purchase_freq")
    yield kc
    stop_kernel(km, kc)


REPEATS = 40


def repeated(statement, prefix, times=REPEATS):
    """One cell running `statement` many times, binding PREFIX0, PREFIX1, … (a prefix per test, so that no
    test sees another's): long enough to interrupt however fast the machine, and the statements that
    finished before the interrupt must keep their bindings."""
    return "\n".join(statement.replace("NAME", f"{prefix}{i}") for i in range(times))

FEATURES = "browse_time, purchase_freq, spend, review_count, rating"


# Every long command, each statement run REPEATS times in one cell and interrupted half a second in (or
# after the seconds given). A statement that takes over half a second is interrupted in its first run; a
# quicker one in a later run, so the test never depends on how fast this machine runs it.
LONG_COMMANDS = {
    # 11 s natively before products polled the token (found by the language fuzz target: the
    # watchdog's interrupt of `generate products 84380` came back after 0.4-0.5 s under ASan).
    "generate products": "NAME = generate products 5000000 seed 1",
    "generate users": "NAME = generate users 5000000 seed 1",
    # The self-join of 3M orders is in SPREAD: interrupted at fractions of its own time (a join binds about
    # 600 MB, too much to repeat).
    "kmeans": "NAME = kmeans users k 50 on browse_time, purchase_freq, spend, review_count, rating restarts 200 seed 1",
    "als fit": "NAME = als small user user_id item product_id factors 64 iterations 10000 seed 1",
    "als on 3M rows": "NAME = als orders user user_id item product_id factors 64 iterations 50 seed 1",
    "itemcf": ("NAME = itemcf orders user user_id item product_id", 0.2),
    "recommend all": "NAME = recommend mf top 50",
    # Every other fit, and the predictions that score every row. The sentiment fit was found by the
    # language fuzz target: tokenising 75,777 reviews did not poll the token.
    "sentiment": "NAME = sentiment reviews text text label rating",
    "sentiment predict": "NAME = predict sm on reviews",
    "sentiment evaluate": "NAME = evaluate sm on reviews",
    "tree": f"NAME = tree users target churned on {FEATURES}",
    "logistic": f"NAME = logistic users target churned on {FEATURES}",
    "bayes": f"NAME = bayes users target churned on {FEATURES}",
    "knn": "NAME = knn users target churned k 5 on browse_time, purchase_freq",
    "knn predict": "NAME = predict kn on usmall",
    "dbscan": "NAME = dbscan users eps 0.5 minpts 5 on browse_time, purchase_freq",
    # An eps that reaches every row: 64M neighbour pairs. Found by the language fuzz target: the search
    # polled once per 4,096 rows, and each row's neighbourhood was every row.
    "dbscan wide eps": "NAME = dbscan u8k eps 1000 minpts 5 on browse_time, purchase_freq",
    "kdist": "NAME = kdist usmall k 5 on browse_time, purchase_freq",
    "silhouette": "NAME = silhouette seg",
    "elbow": "NAME = elbow usmall k 1..10 on browse_time, spend seed 0",
    "apriori": "NAME = apriori orders basket order_id item product_id support 0.00003 confidence 0.1",
    "svd": "NAME = svd orders user user_id item product_id rating quantity factors 50 epochs 20 seed 1",
    "usercf": "NAME = usercf orders user user_id item product_id",
    "popular": "NAME = popular orders user user_id item product_id",
    "anomalies": "NAME = anomalies orders on price, quantity method isolation seed 1 contamination 0.01",
    "rfm": "NAME = rfm orders customer user_id time ts value price * quantity order order_id",
}


# Long commands interrupted at points spread over their steps, not only half a second in: at fractions of
# the time the same command takes uninterrupted on this machine (`spread_durations`), so the points fall in
# the same steps on a fast machine and a slow one. The cell runs the statement SPREAD_COPIES times: a run
# that happens to be quicker than the timing run is then interrupted early in the next copy instead of
# ending before the interrupt. Their names are their own: the timing run binds them.
SPREAD = [
    # itemcf on 3M orders (0.4-1.6 s, by machine): key columns, recoding, three counting sorts, the
    # transpose, then the neighbour lists. Before every pass over the rows polled its token, an interrupt
    # 0.20-0.52 s in took over 100 ms at 7 of 39 points, up to 193 ms (three `map`s over the rows).
    ("itemcf", "sp_icf = itemcf orders user user_id item product_id", 0.1),
    ("itemcf", "sp_icf = itemcf orders user user_id item product_id", 0.3),
    ("itemcf", "sp_icf = itemcf orders user user_id item product_id", 0.5),
    ("itemcf", "sp_icf = itemcf orders user user_id item product_id", 0.65),
    # The self-join of 3M orders: the memory estimate, key codes, matches, then gathering about 600 MB of
    # output columns. Before, the estimate's dictionary grew unpolled and the half-built output was freed
    # before the reply: 0.77-0.97 s in, the reply took 321-405 ms.
    ("join", "sp_j = orders | join orders on order_id", 0.1),
    ("join", "sp_j = orders | join orders on order_id", 0.3),
    ("join", "sp_j = orders | join orders on order_id", 0.45),
    # FP-Growth on 3M orders (about 0.6 s): baskets, their sort, the FP-tree, the conditional trees. Before
    # the sort of a million baskets polled its token, an interrupt 0.3 s in was answered after 231 ms.
    ("fpgrowth", "sp_fp = fpgrowth orders basket order_id item product_id support 0.00003 confidence 0.1", 0.1),
    ("fpgrowth", "sp_fp = fpgrowth orders basket order_id item product_id support 0.00003 confidence 0.1", 0.3),
    ("fpgrowth", "sp_fp = fpgrowth orders basket order_id item product_id support 0.00003 confidence 0.1", 0.5),
    ("fpgrowth", "sp_fp = fpgrowth orders basket order_id item product_id support 0.00003 confidence 0.1", 0.65),
    # A tree on 200k users: the presort of each feature (one sort of 200k rows), then the splits. Before the
    # sorts polled, an interrupt in a cell of 40 such fits was answered after 106.8 ms in a clean-clone CI.
    ("tree", f"sp_tr = tree users target churned on {FEATURES}", 0.1),
    ("tree", f"sp_tr = tree users target churned on {FEATURES}", 0.3),
    ("tree", f"sp_tr = tree users target churned on {FEATURES}", 0.5),
    ("tree", f"sp_tr = tree users target churned on {FEATURES}", 0.65),
    # kNN on 200k users: storing the rows, then scoring them for the training accuracy, which first builds
    # a k-d tree (a sort per node, 200k rows at the root). Before the build polled: 102.0 ms in CI.
    ("knn", "sp_kn = knn users target churned k 5 on browse_time, purchase_freq", 0.1),
    ("knn", "sp_kn = knn users target churned k 5 on browse_time, purchase_freq", 0.3),
    ("knn", "sp_kn = knn users target churned k 5 on browse_time, purchase_freq", 0.5),
    ("knn", "sp_kn = knn users target churned k 5 on browse_time, purchase_freq", 0.65),
    # DBSCAN with an eps that reaches all of 8,000 rows: the k-d tree, the search (64M neighbour pairs), the
    # gathering of the lists and the expansion. One clean-clone CI answered after 376.4 ms when the
    # expansion's stack grew to the number of pairs and the lists were freed on the shell thread.
    ("dbscan wide eps", "sp_db = dbscan u8k eps 1000 minpts 5 on browse_time, purchase_freq", 0.1),
    ("dbscan wide eps", "sp_db = dbscan u8k eps 1000 minpts 5 on browse_time, purchase_freq", 0.3),
    ("dbscan wide eps", "sp_db = dbscan u8k eps 1000 minpts 5 on browse_time, purchase_freq", 0.5),
    ("dbscan wide eps", "sp_db = dbscan u8k eps 1000 minpts 5 on browse_time, purchase_freq", 0.65),
    ("dbscan wide eps", "sp_db = dbscan u8k eps 1000 minpts 5 on browse_time, purchase_freq", 0.8),
    # RFM of 3M order lines: the value expression, the customer and order codes, the days, the pass over the
    # rows, then scoring 200k customers. Before every pass polled (and the value column was boxed row by
    # row, and every customer id turned into text), a quiet run answered after 109.4 ms once in nine, and
    # interrupts at 30 points of one run took up to 95.7 ms.
    ("rfm", "sp_rfm = rfm orders customer user_id time ts value price * quantity order order_id", 0.1),
    ("rfm", "sp_rfm = rfm orders customer user_id time ts value price * quantity order order_id", 0.3),
    ("rfm", "sp_rfm = rfm orders customer user_id time ts value price * quantity order order_id", 0.5),
    ("rfm", "sp_rfm = rfm orders customer user_id time ts value price * quantity order order_id", 0.7),
    # SVD's SGD epochs over 3M ratings (about 0.2 s each with 50 factors). Before the epochs polled within,
    # an interrupt half a second in was answered after 216 ms.
    ("svd", "sp_sv = svd orders user user_id item product_id rating quantity factors 50 epochs 5 seed 1", 0.3),
    ("svd", "sp_sv = svd orders user user_id item product_id rating quantity factors 50 epochs 5 seed 1", 0.5),
    ("svd", "sp_sv = svd orders user user_id item product_id rating quantity factors 50 epochs 5 seed 1", 0.7),
]


SPREAD_COPIES = 3


@pytest.fixture(scope="module")
def spread_durations(busy_kernel):
    """Seconds each SPREAD command takes uninterrupted on this machine, from execute to idle: the faster of
    two runs (the first can be slower, and a point past the end of the command cannot interrupt it)."""
    durations = {}
    for name, code, _ in SPREAD:
        if name not in durations:
            runs = []
            for _ in range(2):
                start = time.perf_counter()
                ok(busy_kernel, code)
                runs.append(time.perf_counter() - start)
            durations[name] = min(runs)
    return durations


@pytest.mark.parametrize("name,code,fraction", SPREAD, ids=[f"{n}-{f}" for n, _, f in SPREAD])
def test_interrupt_anywhere_in_a_long_command_stops_within_100ms(busy_kernel, spread_durations, name, code,
                                                                  fraction):
    kc = busy_kernel
    delay = fraction * spread_durations[name]
    cell = "\n".join([code] * SPREAD_COPIES)
    reply, control_at, reply_at, idle_at = interrupt_after(kc, cell, delay, TIMEOUT)
    print(f"{name} at {delay:.2f} s of {spread_durations[name]:.2f}: interrupt_reply {control_at * 1000:.1f} ms, "
          f"execute_reply {reply_at * 1000:.1f} ms, idle {idle_at * 1000:.1f} ms")
    assert reply["status"] == "error" and "interrupted" in reply["evalue"], reply
    assert reply_at < INTERRUPT_BUDGET, f"execute_reply after {reply_at * 1000:.1f} ms"
    assert idle_at < INTERRUPT_BUDGET, f"idle after {idle_at * 1000:.1f} ms"
    # The bindings made before are intact (the timing run bound this statement's name already).
    assert plain(ok(kc, "x + 1")) == "8"
    assert plain(ok(kc, "count(orders)")) == "3000000"


def test_interrupt_stops_a_plot_of_millions_of_points_within_100ms(busy_kernel):
    """A line chart of 3M points sorts them by x (the comparator polls the token) and reduces them per pixel
    column (polling too): the interrupt stops it, not the end of the statement."""
    kc = busy_kernel
    code = "\n".join(["plot line orders x price y quantity"] * 8)
    reply, control_at, reply_at, idle_at = interrupt_after(kc, code, 0.3, TIMEOUT)
    print(f"plot line, 3M points: interrupt_reply {control_at * 1000:.1f} ms, execute_reply "
          f"{reply_at * 1000:.1f} ms, idle {idle_at * 1000:.1f} ms")
    assert reply["status"] == "error", reply
    assert reply["ename"] == "KeyboardInterrupt" and "interrupted" in reply["evalue"], reply
    assert control_at < INTERRUPT_BUDGET, f"interrupt_reply after {control_at * 1000:.1f} ms"
    assert reply_at < INTERRUPT_BUDGET, f"execute_reply after {reply_at * 1000:.1f} ms"
    assert idle_at < INTERRUPT_BUDGET, f"idle after {idle_at * 1000:.1f} ms"
    assert plain(ok(kc, "x + 1")) == "8"


@pytest.mark.parametrize("name", LONG_COMMANDS)
def test_interrupt_stops_long_command_within_100ms_and_keeps_bindings(busy_kernel, name):
    kc = busy_kernel
    entry = LONG_COMMANDS[name]
    statement, delay = entry if isinstance(entry, tuple) else (entry, 0.5)
    prefix = "lc_" + name.replace(" ", "_") + "_"
    reply, control_at, reply_at, idle_at = interrupt_after(kc, repeated(statement, prefix), delay, TIMEOUT)
    print(f"{name}: interrupt_reply {control_at * 1000:.1f} ms, execute_reply {reply_at * 1000:.1f} ms, "
          f"idle {idle_at * 1000:.1f} ms")
    assert reply["status"] == "error", reply
    assert "interrupted" in reply["evalue"], reply
    assert control_at < INTERRUPT_BUDGET, f"{name}: interrupt_reply after {control_at * 1000:.1f} ms"
    assert reply_at < INTERRUPT_BUDGET, f"{name}: execute_reply after {reply_at * 1000:.1f} ms"
    assert idle_at < INTERRUPT_BUDGET, f"{name}: idle after {idle_at * 1000:.1f} ms"
    # Bindings made before the cell are intact; the runs that finished before the interrupt kept theirs,
    # and the interrupted run and every later one bound nothing: the bound names are a prefix of the cell's.
    assert plain(ok(kc, "x + 1")) == "8"
    assert plain(ok(kc, "count(orders)")) == "3000000"
    bound = []
    for i in range(REPEATS):
        reply, _ = run(kc, f"{prefix}{i}")
        assert reply["status"] == "ok" or f"unknown name '{prefix}{i}'" in reply["evalue"], reply
        bound.append(reply["status"] == "ok")
    finished = bound.index(False)
    assert not any(bound[finished:]), f"{name}: bound after the interrupted run: {bound}"
    print(f"{name}: interrupted in run {finished + 1} of {REPEATS}")


def test_sigint_while_idle_does_not_cancel_the_next_cell(kernel):
    km, kc = kernel
    ok(kc, "u = generate users 1000 seed 3")
    os.kill(km.provisioner.pid, signal.SIGINT)
    time.sleep(0.3)
    # The next (long enough to poll the token) statement runs to completion.
    messages = ok(kc, "m = kmeans u k 3 on spend, rating seed 0\ncount(u)")
    assert plain(messages) == "1000"
    assert km.is_alive()


# MARK: heartbeat


def thread_stats(pid):
    """Name, nice value and CPU ticks (user + system) of every thread of process `pid` (Linux /proc)."""
    stats = []
    for task in sorted(pathlib.Path(f"/proc/{pid}/task").iterdir()):
        text = (task / "stat").read_text()
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text[text.rindex(")") + 2:].split()
        stats.append({"name": name, "nice": int(fields[16]), "cpu_ticks": int(fields[11]) + int(fields[12])})
    return stats


def test_heartbeat_answers_within_50ms_during_a_30s_computation(kernel):
    km, kc = kernel
    ok(kc, "orders = generate orders 3000000 seed 1")
    # 500 iterations took 19 s natively on one machine: ask for far more than 30 s, then interrupt.
    msg_id = kc.execute("big = als orders user user_id item product_id factors 128 iterations 5000 seed 1")
    wait_until_running(kc, msg_id, TIMEOUT)
    ctx = zmq.Context.instance()
    hb = ctx.socket(zmq.REQ)
    hb.linger = 0
    hb.connect(f"{km.transport}://{km.ip}:{km.hb_port}")
    latencies = []
    try:
        end = time.perf_counter() + 30
        i = 0
        while time.perf_counter() < end:
            start = time.perf_counter()
            hb.send(b"ping %d" % i)
            assert hb.poll(1000), f"no heartbeat answer within 1 s after {len(latencies)} pings"
            assert hb.recv() == b"ping %d" % i
            latencies.append(time.perf_counter() - start)
            i += 1
            time.sleep(0.1)
    finally:
        hb.close()
    # The computation was running the whole time.
    assert not kc.shell_channel.msg_ready(), "the computation ended before the 30 s were over"
    # It ran at a lower priority than the threads that answer the front end (`ComputeThreads`): the
    # threads that took the CPU have nice 5, ZeroMQ's I/O thread nice 0. Before, all ran at 0 and 3 of 10
    # runs of this test had a ping over 20 ms (one 50.3 ms); since, 8 of 8 stayed under 10 ms.
    threads = thread_stats(km.provisioner.pid)
    busy = [t for t in threads if t["cpu_ticks"] > 100]
    assert busy and all(t["nice"] == 5 for t in busy), threads
    assert [t["nice"] for t in threads if t["name"].startswith("ZMQbg/IO")] == [0], threads
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    assert reply["content"]["status"] == "error" and "interrupted" in reply["content"]["evalue"]
    print(f"heartbeat: {len(latencies)} pings, median {statistics.median(latencies) * 1000:.2f} ms, "
          f"max {max(latencies) * 1000:.2f} ms")
    assert len(latencies) >= 200
    assert max(latencies) < HEARTBEAT_BUDGET, f"slowest ping {max(latencies) * 1000:.1f} ms"


# MARK: load


class Subscriber:
    """A raw iopub subscriber that records (msg_type, parent msg_id, content) without verifying
    signatures (speed: 50,000 messages each)."""

    def __init__(self, ctx, url):
        self.socket = ctx.socket(zmq.SUB)
        self.socket.rcvhwm = 0
        self.socket.linger = 0
        self.socket.setsockopt(zmq.SUBSCRIBE, b"")
        self.socket.connect(url)
        self.messages = []
        self.welcomed = False

    def drain(self):
        while True:
            try:
                frames = self.socket.recv_multipart(zmq.NOBLOCK)
            except zmq.Again:
                return
            i = frames.index(b"<IDS|MSG>")
            header, parent, _, content = (json.loads(f) for f in frames[i + 2:i + 6])
            if header["msg_type"] == "iopub_welcome":
                self.welcomed = True
                continue
            self.messages.append((header["msg_type"], parent.get("msg_id"), content))


def test_ten_thousand_queued_requests_with_three_subscribers_lose_nothing(kernel):
    km, kc = kernel
    ctx = zmq.Context.instance()
    url = f"{km.transport}://{km.ip}:{km.iopub_port}"
    subscribers = [Subscriber(ctx, url) for _ in range(3)]
    deadline = time.time() + 10
    while not all(s.welcomed for s in subscribers):
        assert time.time() < deadline, "no iopub_welcome"
        for s in subscribers:
            s.drain()
        time.sleep(0.01)
    count = 10_000
    start = time.perf_counter()
    ids = [kc.execute(f"print {i}") for i in range(count)]
    replies = []
    poller = zmq.Poller()
    for s in subscribers:
        poller.register(s.socket, zmq.POLLIN)
    deadline = time.time() + 300
    while len(replies) < count:
        assert time.time() < deadline, f"only {len(replies)} replies"
        while kc.shell_channel.msg_ready() and len(replies) < count:
            replies.append(kc.get_shell_msg(timeout=1))
        for s in subscribers:
            s.drain()
        poller.poll(10)
    # Every reply, in order, all ok, with consecutive execution counts.
    assert [r["parent_header"]["msg_id"] for r in replies] == ids
    assert all(r["content"]["status"] == "ok" for r in replies)
    counts = [r["content"]["execution_count"] for r in replies]
    assert counts == list(range(counts[0], counts[0] + count))
    # Every subscriber sees, for each request in order: busy, execute_input, its one line, idle.
    expected_ids = set(ids)
    for n, s in enumerate(subscribers):
        while sum(1 for t, p, c in s.messages if t == "status" and c["execution_state"] == "idle"
                  and p in expected_ids) < count:
            assert time.time() < deadline, f"subscriber {n}: missing idle messages"
            poller.poll(10)
            s.drain()
        mine = [(t, p, c) for t, p, c in s.messages if p in expected_ids]
        assert len(mine) == 4 * count, f"subscriber {n}: {len(mine)} messages for {count} requests"
        for i, msg_id in enumerate(ids):
            group = mine[4 * i:4 * i + 4]
            assert [p for _, p, _ in group] == [msg_id] * 4, f"subscriber {n}: request {i} interleaved"
            assert [t for t, _, _ in group] == ["status", "execute_input", "stream", "status"]
            assert group[0][2]["execution_state"] == "busy" and group[3][2]["execution_state"] == "idle"
            assert group[2][2] == {"name": "stdout", "text": f"{i}\n"}
    for s in subscribers:
        s.socket.close()
    print(f"load: {count} requests answered in {time.perf_counter() - start:.1f} s")


def test_a_client_that_reads_its_replies_late_still_gets_every_one(jupyter_env, tmp_path):
    """A ROUTER socket silently drops what it cannot queue for a peer past its high-water mark (1,000
    messages by default). A client that sends 8,000 cells and reads no reply until the last cell's idle has
    arrived on iopub must still get all 8,000: the shell channel queues replies without limit.

    Over the ipc transport (Unix sockets, fixed buffers of a few hundred KiB) the operating system cannot
    absorb thousands of replies the way loopback TCP's self-tuning buffers do, so the kernel's own queue is
    what is tested. With the default high-water mark, 2,000 of 8,000 replies arrived (two runs)."""
    stderr = open(tmp_path / "stderr.log", "w")
    km = KernelManager(kernel_name=KERNEL_NAME, transport="ipc", ip=str(tmp_path / "k"))
    km.start_kernel(cwd=str(tmp_path), stderr=stderr)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        shell = zmq.Context.instance().socket(zmq.DEALER)
        shell.linger = 0
        shell.connect(f"ipc://{km.ip}-{km.shell_port}")
        count = 8_000
        ids = []
        for i in range(count):
            msg = km.session.msg("execute_request", {"code": f"x = {i}", "silent": False, "store_history": True,
                                                     "user_expressions": {}, "allow_stdin": False,
                                                     "stop_on_error": True})
            ids.append(msg["header"]["msg_id"])
            km.session.send(shell, msg)
        deadline = time.time() + 120
        while True:
            assert time.time() < deadline, "the last cell never went idle"
            msg = kc.get_iopub_msg(timeout=30)
            if (msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle"
                    and msg["parent_header"].get("msg_id") == ids[-1]):
                break
        replies = []
        while shell.poll(10_000):
            _, frames = km.session.feed_identities(shell.recv_multipart(copy=True))
            replies.append(km.session.deserialize(frames))
        shell.close()
        assert len(replies) == count, f"{len(replies)} of {count} replies arrived"
        assert [r["parent_header"]["msg_id"] for r in replies] == ids
        assert all(r["content"]["status"] == "ok" for r in replies)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        stderr.close()


def test_the_first_cell_waits_for_a_late_iopub_subscriber(jupyter_env, tmp_path):
    """PUB/SUB drops what is published before a subscription arrives. A client's shell socket may connect
    before its iopub subscription reaches the kernel (`jupyter console` once printed `x = 20` and never
    the next prompt: it waits for an `idle` that went to nobody). Here the first cell is sent on the shell
    at once and iopub is subscribed 0.3 s later: its busy, output and idle must still arrive, and later
    cells must not wait. Without the kernel's wait for a first subscriber, nothing of the cell arrives."""
    stderr = open(tmp_path / "stderr.log", "w")
    km = KernelManager(kernel_name=KERNEL_NAME)
    km.start_kernel(cwd=str(tmp_path), stderr=stderr)
    ctx = zmq.Context.instance()
    hb = ctx.socket(zmq.REQ)
    hb.linger = 0
    shell = ctx.socket(zmq.DEALER)
    shell.linger = 0
    iopub = ctx.socket(zmq.SUB)
    iopub.linger = 0
    try:
        # The kernel is up (its heartbeat answers) before the cell is sent.
        hb.connect(f"{km.transport}://{km.ip}:{km.hb_port}")
        hb.send(b"ping")
        assert hb.poll(30_000), "the kernel did not start"
        hb.recv()
        shell.connect(f"{km.transport}://{km.ip}:{km.shell_port}")

        def send(code):
            msg = km.session.msg("execute_request", {"code": code, "silent": False, "store_history": True,
                                                     "user_expressions": {}, "allow_stdin": False,
                                                     "stop_on_error": True})
            km.session.send(shell, msg)
            return msg["header"]["msg_id"]

        def iopub_of(msg_id):
            kinds = []
            while True:
                assert iopub.poll(10_000), f"the cell's iopub messages stopped after {kinds}"
                _, frames = km.session.feed_identities(iopub.recv_multipart())
                msg = km.session.deserialize(frames)
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                kind = msg["msg_type"]
                kinds.append(kind if kind != "status" else msg["content"]["execution_state"])
                if kinds[-1] == "idle":
                    return kinds, msg

        def reply_to(msg_id):
            assert shell.poll(10_000), "no execute_reply"
            _, frames = km.session.feed_identities(shell.recv_multipart())
            reply = km.session.deserialize(frames)
            assert reply["parent_header"]["msg_id"] == msg_id
            return reply["content"]

        first = send("print 6 * 7")
        time.sleep(0.3)
        iopub.connect(f"{km.transport}://{km.ip}:{km.iopub_port}")
        iopub.setsockopt(zmq.SUBSCRIBE, b"")
        kinds, _ = iopub_of(first)
        assert kinds == ["busy", "execute_input", "stream", "idle"], kinds
        assert reply_to(first)["status"] == "ok"
        # Once a client has subscribed, no cell waits: the next one is answered at once.
        start = time.perf_counter()
        second = send("x = 1")
        assert reply_to(second)["status"] == "ok"
        assert iopub_of(second)[0] == ["busy", "execute_input", "idle"]
        elapsed = time.perf_counter() - start
        assert elapsed < 1.0, f"the second cell took {elapsed:.2f} s"
    finally:
        for socket in (hb, shell, iopub):
            socket.close()
        km.shutdown_kernel(now=True)
        stderr.close()


# MARK: output bursts


def max_per_second(messages):
    """The most iopub messages in any one-second window, by the kernel's own header dates."""
    # jupyter_client has already parsed the header dates into datetimes.
    times = sorted(m["header"]["date"].timestamp() for m in messages)
    best, lo = 0, 0
    for hi, t in enumerate(times):
        while t - times[lo] >= 1.0:
            lo += 1
        best = max(best, hi - lo + 1)
    return best


def test_many_prints_are_coalesced_in_order(kernel):
    km, kc = kernel
    lines = 20_000
    code = "\n".join(f"print {i}" for i in range(lines))
    messages = ok(kc, code)
    streams = [m for m in messages if m["msg_type"] == "stream"]
    assert stream_text(messages) == "".join(f"{i}\n" for i in range(lines))
    # One message per 50 ms at most (plus one per 256 KiB): a handful, not 20,000.
    assert len(streams) < 100, len(streams)
    assert max_per_second(messages) < 1000


def test_huge_output_is_capped_with_a_clear_note(kernel):
    km, kc = kernel
    line = "0123456789" * 100
    # 4,000 prints of a 1,001-byte line: about 4 MB of stdout from one cell.
    code = f's = "{line}"\n' + "\n".join("print s" for _ in range(4000)) + "\n1 + 1"
    messages = ok(kc, code)
    out = stream_text(messages, "stdout")
    err = stream_text(messages, "stderr")
    assert len(out.encode()) == 1 << 20
    assert out.startswith(line + "\n" + line + "\n")
    assert err == ("[output truncated: this cell wrote 4004000 bytes of stream output; only the first 1048576 "
                   "are shown (shopmine kernel --max-output-bytes)]\n"), err
    # The cell's result still arrives after the capped output.
    assert plain(messages) == "2"
    assert max_per_second(messages) < 1000
    # The cap is per cell: the next cell prints normally.
    assert stream_text(ok(kc, 'print "after"')) == "after\n"


# MARK: memory budget


@pytest.fixture
def budget_kernel(jupyter_env, tmp_path):
    km, kc = start_kernel(tmp_path, env={"SHOPMINE_MEMORY_BUDGET": "64M"})
    yield km, kc
    stop_kernel(km, kc)


def refused(kc, code):
    reply, messages = run(kc, code)
    assert reply["status"] == "error", (code, reply)
    assert reply["ename"] == "MemoryError", reply
    assert "more than the memory budget of 67.1 MB" in reply["evalue"], reply["evalue"]
    return reply["evalue"]


def test_statements_over_the_memory_budget_are_refused_and_the_kernel_survives(budget_kernel, tmp_path):
    km, kc = budget_kernel
    ok(kc, "x = 7")
    ok(kc, "orders = generate orders 200000 seed 1")
    message = refused(kc, "big = generate orders 10000000000")
    assert message.startswith("generate orders 10,000,000,000 needs about "), message
    # Orders joined with themselves on user_id: every pair of one user's orders, ~20 million rows. The join
    # counts its output before building it; the count it names is the sum over users of orders².
    ok(kc, 'per_user = orders | group by user_id aggregate n = count()\nsave per_user to "per_user.csv"')
    with open(tmp_path / "per_user.csv") as f:
        pairs = sum(int(row["n"]) ** 2 for row in csv.DictReader(f))
    assert pairs > 10_000_000
    message = refused(kc, "pairs = orders | join orders on user_id")
    assert message.startswith(f"this join ({pairs:,} rows) needs about "), message
    # Every kind that can grow is counted the same way (each order matches itself, so all give `pairs` rows).
    for kind in ("left", "right", "outer"):
        message = refused(kc, f"pairs = orders | join orders on user_id kind {kind}")
        assert message.startswith(f"this join ({pairs:,} rows) needs about "), (kind, message)
    # A file bigger than the budget (real CSV text, 80 MB).
    with open(tmp_path / "big.csv", "w") as f:
        f.write("a,b,c\n")
        row = "123456789,987654321,some text here\n"
        f.write(row * (80_000_000 // len(row)))
    message = refused(kc, 'big = load "big.csv"')
    assert message.startswith('loading "big.csv" needs about 80.0 MB'), message
    # DBSCAN with an eps that reaches every row: 5,000² neighbour pairs, over the 8.4M a 64 MB budget holds.
    ok(kc, "users = generate users 5000 seed 1")
    reply, _ = run(kc, "db = dbscan users eps 1000000 minpts 5 on browse_time, purchase_freq")
    assert reply["status"] == "error" and reply["ename"] == "MemoryError", reply
    assert reply["evalue"].startswith("dbscan with eps 1000000 finds more than 8,388,608 pairs of neighbouring "
                                      "rows, more than the memory budget holds: choose a smaller eps"), reply
    # The kernel is alive, every binding is intact, and statements within the budget still run.
    assert km.is_alive()
    assert plain(ok(kc, "x + 1")) == "8"
    assert plain(ok(kc, "count(orders)")) == "200000"
    for name in ("big", "pairs", "db"):
        reply, _ = run(kc, name)
        assert reply["status"] == "error" and f"unknown name '{name}'" in reply["evalue"]
    users = ok(kc, "users = generate users 2000 seed 1\ncount(orders | join users on user_id)")
    assert plain(users) == "200000"
    assert "clusters" in plain(ok(kc, "dbscan users eps 0.5 minpts 5 on browse_time, purchase_freq"))


def test_invalid_memory_budget_is_a_clear_startup_error(shopmine_bin, tmp_path):
    connection = tmp_path / "kernel.json"
    connection.write_text(json.dumps({
        "transport": "tcp", "ip": "127.0.0.1", "shell_port": 50101, "iopub_port": 50102, "stdin_port": 50103,
        "control_port": 50104, "hb_port": 50105, "key": "k", "signature_scheme": "hmac-sha256"}))
    result = subprocess.run([shopmine_bin, "kernel", "--connection-file", str(connection), "--memory-budget", "lots"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert result.stderr.strip() == "shopmine kernel: memory budget: 'lots' is not a size such as 4G, 512M or 25%"


# MARK: wire


def test_a_100MB_frame_is_refused_and_the_kernel_keeps_serving(kernel):
    km, kc = kernel
    raw = raw_shell_socket(km)
    try:
        msg = kc.session.msg("execute_request", {"code": 'print "' + "x" * (100 << 20) + '"', "silent": False})
        raw.send_multipart(kc.session.serialize(msg))
        # libzmq drops the connection of a sender past ZMQ_MAXMSGSIZE (64 MiB by default): no answer.
        assert not raw.poll(2000)
    finally:
        raw.close()
    assert km.is_alive()
    assert plain(ok(kc, "1 + 1")) == "2"


# MARK: data safety


def test_kill_9_during_save_never_leaves_a_partial_file(jupyter_env, tmp_path):
    """`save` writes a temporary file and renames it: a kernel killed at any moment of a `save` leaves the
    old file whole or the new one whole."""
    import random

    rng = random.Random(11)
    generate = "big = generate orders 1000000 seed 1"
    save = 'save big to "out.csv"'
    # The full new file, and how long saving it takes, from a run that is not killed.
    reference = tmp_path / "reference"
    reference.mkdir()
    km, kc = start_kernel(reference)
    try:
        ok(kc, generate)
        started = time.perf_counter()
        ok(kc, save)
        save_time = time.perf_counter() - started
    finally:
        stop_kernel(km, kc)
    new = (reference / "out.csv").read_bytes()
    old = b"user_id,spend\n1,2.5\n"
    outcomes = []
    for attempt in range(5):
        (tmp_path / "out.csv").write_bytes(old)
        km, kc = start_kernel(tmp_path)
        try:
            ok(kc, generate)
            kc.execute(save)
            time.sleep(rng.uniform(0, save_time))
            os.kill(km.provisioner.pid, signal.SIGKILL)
            km.provisioner.process.wait(timeout=30)
        finally:
            stop_kernel(km, kc)
        now = (tmp_path / "out.csv").read_bytes()
        assert now in (old, new), f"attempt {attempt}: out.csv has {len(now)} bytes, neither old nor new"
        outcomes.append("new" if now == new else "old")
    print(f"save took {save_time:.2f} s; outcomes after SIGKILL: {outcomes}")
    assert "old" in outcomes, "every kill came after the save finished: the test exercised nothing"


def test_corrupt_notebook_is_a_clear_error(shopmine_bin, tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text('{"cells": [{"cell_type": "code", "source": "1 + 1", "outputs": [')
    result = subprocess.run([shopmine_bin, "execute", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "broken.ipynb" in result.stderr and "not valid JSON" in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert path.read_text().endswith("[")  # never rewritten


# MARK: no trap on user data


def test_round_with_absurd_digits_is_an_error_not_a_crash(kernel):
    """`Int(1e300)` traps in Swift; a user's digits argument must be checked first."""
    km, kc = kernel
    for digits in ("1e300", "0.5", "99"):
        reply, _ = run(kc, f"round(1.5, {digits})")
        assert reply["status"] == "error", reply
        assert reply["ename"] == "ValueError"
        assert "'round' needs a whole number of digits from -15 to 15" in reply["evalue"], reply["evalue"]
    assert km.is_alive()
    # One engine for rows and single values: half to even, as Python's round and pandas do.
    assert plain(ok(kc, "round(1.25, 1)")) == str(round(1.25, 1))
