"""Prints the closing summary of scripts/test.sh: counts per suite, every failure by name, total time.

    python3 scripts/summary.py RESULTS_DIR SECONDS

RESULTS_DIR holds what the stages left: `swift.xml` (XCTest's xUnit report; `swift test --parallel`
prints only progress), `pytest.xml` (pytest's JUnit report), `fuzz.txt` (one `TARGET ok|FAILED` line
per fuzz target) and `*.status` files with each stage's exit code, so that a stage that died before
writing its report still counts as failed. The last line is `summary: N passed, N failed, N skipped`.
"""
from __future__ import annotations

import pathlib
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict


def junit(path: pathlib.Path, suite_of) -> tuple[dict[str, list[int]], list[str]]:
    """{suite: [passed, failed, skipped]} and the failed tests' names, from a JUnit/xUnit XML file."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    failures: list[str] = []
    for case in ET.parse(path).getroot().iter("testcase"):
        suite = suite_of(case)
        name = f"{case.get('classname')}.{case.get('name')}"
        if case.find("failure") is not None or case.find("error") is not None:
            counts[suite][1] += 1
            failures.append(name)
        elif case.find("skipped") is not None:
            counts[suite][2] += 1
        else:
            counts[suite][0] += 1
    return counts, failures


def line(label: str, passed: int, failed: int, skipped: int) -> str:
    text = f"  {label:<44} {passed:>5} passed"
    if failed:
        text += f", {failed} failed"
    if skipped:
        text += f", {skipped} skipped"
    return text


def main() -> int:
    results, seconds = pathlib.Path(sys.argv[1]), float(sys.argv[2])
    total = [0, 0, 0]
    failures: list[str] = []
    print("== summary")
    stages = {
        "swift": ("swift.xml", lambda c: "Swift " + (c.get("classname") or "?").split(".")[0]),
        # pytest's classname is the module path (Tests.python.test_headless[.Class]): name the test file.
        "pytest": ("pytest.xml", lambda c: "pytest " + next(
            (part + ".py" for part in (c.get("classname") or "?").split(".") if part.startswith("test_")), "?")),
    }
    for stage, (file, suite_of) in stages.items():
        status = results / f"{stage}.status"
        if not status.exists():
            continue  # the stage was not asked for
        report = results / file
        if report.exists():
            counts, failed = junit(report, suite_of)
            for suite in sorted(counts):
                print(line(suite, *counts[suite]))
                total = [t + c for t, c in zip(total, counts[suite])]
            failures += [f"{stage}: {name}" for name in failed]
        if status.read_text().strip() != "0" and not any(f.startswith(stage) for f in failures):
            # Failed without a failing test case: a build error, a crash of the runner, no report.
            failures.append(f"{stage}: exited {status.read_text().strip()} (see its output above)")
            total[1] += 1
    fuzz = results / "fuzz.txt"
    if fuzz.exists():
        for entry in fuzz.read_text().split("\n"):
            if not entry.strip():
                continue
            target, result = entry.split()[:2]
            ok = result == "ok"
            print(line(f"fuzz {target}", int(ok), int(not ok), 0))
            total[0 if ok else 1] += 1
            if not ok:
                failures.append(f"fuzz: {target}")
    lint = results / "format.status"
    if lint.exists():
        # The formatter's lint in strict mode: one check that passes when no file has a finding.
        ok = lint.read_text().strip() == "0"
        print(line("swift format lint", int(ok), int(not ok), 0))
        total[0 if ok else 1] += 1
        if not ok:
            failures.append("format: swift format lint has findings (see its output above; "
                            "`swift format format -i -r Sources Tests` fixes most)")
    for name in failures:
        print(f"  FAILED {name}")
    print(f"  total time {seconds:.0f} s")
    print(f"summary: {total[0]} passed, {total[1]} failed, {total[2]} skipped")
    return 1 if total[1] else 0


if __name__ == "__main__":
    sys.exit(main())
