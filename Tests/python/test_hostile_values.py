"""Issue 11: values at the edges of what numbers can hold get a clear error or a correct result, never a
Swift runtime trap (which would take the kernel down with the session).

Each case is a statement a user could type, or a file a user could load, that reached a trapping integer
conversion or overflow before it was fixed (an audit of Sources/ for user data reaching `Int(_:)`,
`Int64(_:)` and unchecked `+ - *`). Through `shopmine run`, so a trap shows up as a signal exit.
"""
from __future__ import annotations

import json
import signal
import subprocess

import pytest

TIMEOUT = 120


def run(shopmine_bin, tmp_path, script: str) -> subprocess.CompletedProcess:
    path = tmp_path / "script.mine"
    path.write_text(script)
    return subprocess.run([shopmine_bin, "run", str(path)], cwd=tmp_path, capture_output=True, text=True,
                          timeout=TIMEOUT)


def assert_no_trap(result: subprocess.CompletedProcess):
    assert result.returncode >= 0, (
        f"killed by {signal.Signals(-result.returncode).name}:\n{result.stderr[-2000:]}")
    assert "Fatal error" not in result.stderr, result.stderr[-2000:]


def fails_with(shopmine_bin, tmp_path, script: str, *phrases: str) -> str:
    result = run(shopmine_bin, tmp_path, script)
    assert_no_trap(result)
    assert result.returncode == 1, f"expected an error, got exit {result.returncode}:\n{result.stdout[-2000:]}"
    for phrase in phrases:
        assert phrase in result.stderr, f"{phrase!r} not in:\n{result.stderr[-2000:]}"
    return result.stderr


def succeeds(shopmine_bin, tmp_path, script: str) -> str:
    result = run(shopmine_bin, tmp_path, script)
    assert_no_trap(result)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_clipping_an_int_column_at_the_int64_limit_keeps_the_values(shopmine_bin, tmp_path):
    # The fences of {0, 2^63 - 1} are whole numbers, but the upper value does not come back from a double.
    (tmp_path / "big.csv").write_text("n\n0\n9223372036854775807\n5\n")
    out = succeeds(shopmine_bin, tmp_path, 't = load "big.csv"\nc = t | outliers on n clip\nsave c to "c.csv"\n')
    assert "3 rows" in out
    values = (tmp_path / "c.csv").read_text().split()[1:]
    assert [float(v) for v in values] == [0.0, 9223372036854775807.0, 5.0]


@pytest.mark.parametrize("statement,phrase", [
    ("u | outliers iqr k -1e300 on spend clip", "'k' must be a finite number ≥ 0"),
    ("u | outliers zscore t -1 on spend clip", "'t' must be a finite number ≥ 0"),
])
def test_negative_outlier_fences_are_refused(shopmine_bin, tmp_path, statement, phrase):
    fails_with(shopmine_bin, tmp_path, f"u = generate users 50 seed 1\n{statement}\n", phrase)


def test_a_huge_minleaf_grows_a_stump(shopmine_bin, tmp_path):
    out = succeeds(shopmine_bin, tmp_path,
                   "u = generate users 200 seed 1\n"
                   "t = tree u target churned on spend, rating minleaf 5000000000000000000\n"
                   "t\n")
    assert "1 node" in out or "leaves: 1" in out or "class:" in out, out[-2000:]


@pytest.mark.parametrize("bounds", ["(-1)..9223372036854775807", "(-9223372036854775807 - 1)..0"])
def test_a_range_wider_than_int64_is_refused(shopmine_bin, tmp_path, bounds):
    fails_with(shopmine_bin, tmp_path, f"u = generate users 50 seed 1\nu | where age in {bounds}\n",
               "the range for 'in' is too long")


def test_sleeping_longer_than_a_clock_can_count_is_refused(shopmine_bin, tmp_path):
    fails_with(shopmine_bin, tmp_path, "sleep 1e16\n", "'sleep'")


def test_a_log_x_line_chart_drops_non_positive_x(shopmine_bin, tmp_path):
    # More than four points per pixel column, so the line is decimated; x = 0 has no logarithm.
    rows = "\n".join(f"{i},{i * 2}" for i in range(3000))
    (tmp_path / "line.csv").write_text("x,y\n" + rows + "\n")
    out = succeeds(shopmine_bin, tmp_path, 't = load "line.csv"\nplot line t x x y y log x\n')
    assert "plot" in out


@pytest.mark.parametrize("values", [["-1e308", "1e308"], ["0", "5e-324"]])
def test_histograms_and_scatters_of_extreme_spans_draw(shopmine_bin, tmp_path, values):
    column = values * 1500
    (tmp_path / "f.csv").write_text("a,b\n" + "\n".join(f"{v},{v}" for v in column) + "\n")
    succeeds(shopmine_bin, tmp_path, 't = load "f.csv"\nplot hist t a\nplot scatter t x a y b\nplot line t x a y b\n')


def test_kmeans_scale_note_with_a_huge_ratio(shopmine_bin, tmp_path):
    (tmp_path / "k.csv").write_text("a,b\n0,0\n1,1e19\n0,2e19\n1,0\n")
    out = succeeds(shopmine_bin, tmp_path, 't = load "k.csv"\nm = kmeans t k 2 on a, b seed 1\nm\n')
    assert "Scale:" in out and "more than 'a'" in out, out[-2000:]


@pytest.mark.parametrize("model,field,value", [
    ("als", "factors", 9223372036854775807),
    ("svd", "factors", 9223372036854775807),
    ("itemcf", "threads", 9223372036854775807),
    ("itemcf", "neighbors", -5),
])
def test_a_model_file_with_out_of_range_options_is_corrupt(shopmine_bin, tmp_path, model, field, value):
    train = {
        "als": "m = als r user user_id item product_id factors 4 iterations 2 seed 1",
        "svd": "m = svd r user user_id item product_id rating rating factors 4 epochs 2 seed 1",
        "itemcf": "m = itemcf r user user_id item product_id",
    }[model]
    succeeds(shopmine_bin, tmp_path, f"r = generate reviews 500 seed 1\n{train}\nsave m to \"m.model\"\n")
    document = json.loads((tmp_path / "m.model").read_text())

    def edit(node):
        if isinstance(node, dict):
            for key, item in node.items():
                if key == field and isinstance(item, int):
                    node[key] = value
                    return True
                if edit(item):
                    return True
        return False

    assert edit(document), f"no '{field}' in the {model} model file"
    (tmp_path / "m.model").write_text(json.dumps(document))
    fails_with(shopmine_bin, tmp_path, 'm = load model "m.model"\n', "corrupt", field)
