"""Shared helpers for the benchmark scripts in bench/."""
import json
import os
import statistics
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
DRIVERS = os.path.join(HERE, "Drivers")


def driver(name):
    """Builds bench/Drivers in release mode (a no-op when up to date) and returns the path of executable `name`
    (csvbench, insights-bench, learning-bench or models-bench)."""
    scratch = os.environ.get("SHOPMINE_BENCH_SCRATCH")
    flags = ["-c", "release", "--package-path", DRIVERS] + (["--scratch-path", scratch] if scratch else [])
    subprocess.run(["swift", "build"] + flags, check=True, stdout=subprocess.DEVNULL)
    out = subprocess.run(["swift", "build"] + flags + ["--show-bin-path"], check=True, capture_output=True,
                         text=True).stdout.strip()
    return os.path.join(out, name)


def _peak_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def measured(fn):
    """Runs `fn()` in this process and returns (result, seconds, peak RSS in MB during the call).

    The kernel's high-water mark is reset first (writing 5 to /proc/self/clear_refs), so the peak is that of
    the call, counting what the process already held (its input data, like the ShopMine side's figure)."""
    import time

    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    return result, seconds, _peak_kb() / 1024


def run_child(args, **kwargs):
    """Runs a command to completion; returns (stdout, peak RSS of that command in MB).

    The peak comes from GNU time (`/usr/bin/time -f %M`, which bench/run installs): a process this Python
    process starts directly would report at least this process's own size, because Linux carries the
    parent's memory high-water mark into a child's ru_maxrss at exec. time's child is forked from time
    itself, which is tiny. Without GNU time the figure is wait4's, with that caveat (marked by a `~`)."""
    import tempfile

    timer = "/usr/bin/time"
    with tempfile.NamedTemporaryFile(mode="w+", suffix=".rss") as rss, tempfile.TemporaryFile(mode="w+") as err:
        use_time = os.access(timer, os.X_OK)
        cmd = [timer, "-f", "%M", "-o", rss.name] + list(args) if use_time else list(args)
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True, **kwargs)
        out = proc.stdout.read()
        proc.stdout.close()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise subprocess.CalledProcessError(proc.returncode, args, out, err.read())
        if use_time:
            rss.seek(0)
            return out, int(rss.read().split()[-1]) / 1024
    return out, usage.ru_maxrss / 1024


def run_json(cmd):
    """Runs a benchmark process and returns the JSON object on its last line of output."""
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    return json.loads(out)


def medians(runs):
    """Median wall seconds, CPU seconds (0 when not reported) and peak MB of a list of run_json results."""
    return (statistics.median(r["seconds"] for r in runs), statistics.median(r.get("cpu_seconds", 0) for r in runs),
            statistics.median(r["peak_rss_kb"] for r in runs) / 1024)


def row(work, shopmine_s, anchor, anchor_s, goal, shopmine_mb=None, anchor_mb=None, agreement=""):
    """One line of bench/run's table (see bench/run.py)."""
    return dict(work=work, shopmine_s=shopmine_s, anchor=anchor, anchor_s=anchor_s,
                ratio=(shopmine_s / anchor_s) if shopmine_s is not None and anchor_s else None, goal=goal,
                shopmine_mb=shopmine_mb, anchor_mb=anchor_mb, agreement=agreement)


def write_rows(path, rows):
    """Writes the rows for bench/run when the script was given --json PATH."""
    import json

    if path:
        with open(path, "w") as f:
            json.dump(rows, f, indent=1)
