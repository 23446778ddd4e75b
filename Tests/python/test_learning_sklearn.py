"""Cross-checks for ShopMineLearning against scikit-learn (run with the project's venv and pytest).

The Swift tests (Tests/ShopMineLearningTests) compare ShopMine's clustering and classification numbers with
reference values computed by scikit-learn and committed as fixtures. This file keeps those fixtures honest:
it recomputes them with the installed scikit-learn and checks they still agree with what is committed, so a
changed reference (new sklearn release, edited generator) cannot silently drift from the Swift assertions.

When the `shopmine` binary is available (SHOPMINE_BIN) and its language knows the model commands, the
end-to-end checks below run the canonical k-means example through it as well.
"""
import json
import math
import os
import subprocess
import sys

import pytest
from conftest import MODEL_MIME

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "Tests", "ShopMineLearningTests", "Fixtures")
FILES = ["datasets", "kmeans", "dbscan", "naive_bayes", "knn", "logistic", "tree", "metrics"]


def close(a, b, path, rel=1e-9, abs_=1e-12):
    """Recursively compare two JSON values; numbers within tolerance, everything else equal."""
    if isinstance(a, dict):
        assert isinstance(b, dict) and set(a) == set(b), f"{path}: keys differ"
        for key in a:
            if key == "sklearn":
                continue
            close(a[key], b[key], f"{path}.{key}", rel, abs_)
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), f"{path}: lengths differ"
        for i, (x, y) in enumerate(zip(a, b)):
            close(x, y, f"{path}[{i}]", rel, abs_)
    elif isinstance(a, float) or isinstance(b, float):
        assert a is not None and b is not None, f"{path}: {a} vs {b}"
        assert math.isclose(a, b, rel_tol=rel, abs_tol=abs_), f"{path}: {a} vs {b}"
    else:
        assert a == b, f"{path}: {a!r} vs {b!r}"


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    out = tmp_path_factory.mktemp("learning_fixtures")
    subprocess.run([sys.executable, os.path.join(FIXTURES, "make_fixtures.py"), str(out)], check=True)
    return out


@pytest.mark.parametrize("name", FILES)
def test_committed_fixture_matches_scikit_learn(regenerated, name):
    with open(os.path.join(FIXTURES, name + ".json")) as f:
        committed = json.load(f)
    with open(os.path.join(regenerated, name + ".json")) as f:
        fresh = json.load(f)
    close(committed, fresh, name)


def test_kmeans_init_first_reference_is_sklearn_semantics():
    """The k-means fixture really is KMeans(init=X[:k], n_init=1): recompute one case independently."""
    import numpy as np
    from sklearn.cluster import KMeans

    with open(os.path.join(FIXTURES, "datasets.json")) as f:
        data = json.load(f)["data"]
    with open(os.path.join(FIXTURES, "kmeans.json")) as f:
        case = next(c for c in json.load(f) if c["data"] == "iris" and c["k"] == 3)
    x = np.asarray(data["iris"]["X"])
    km = KMeans(n_clusters=3, init=x[:3], n_init=1).fit(x)
    assert math.isclose(km.inertia_, case["inertia"], rel_tol=1e-12)
    assert km.labels_.tolist() == case["labels"]


SHOPMINE_BIN = os.environ.get("SHOPMINE_BIN")


@pytest.mark.skipif(not SHOPMINE_BIN, reason="SHOPMINE_BIN not set")
def test_shopmine_kmeans_init_first_matches_sklearn(tmp_path):
    """End to end: `kmeans … init first` through the shopmine binary equals sklearn on iris."""
    import numpy as np
    from sklearn.cluster import KMeans

    with open(os.path.join(FIXTURES, "datasets.json")) as f:
        rows = json.load(f)["data"]["iris"]["X"]
    csv = tmp_path / "iris.csv"
    csv.write_text("a,b,c,d\n" + "\n".join(",".join(repr(v) for v in r) for r in rows) + "\n")
    script = tmp_path / "k.shopmine"
    script.write_text(f'iris = load "{csv}"\nseg = kmeans iris k 3 on a, b, c, d init first\nseg\n')
    result = subprocess.run([SHOPMINE_BIN, "run", str(script), "--format", "json"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    expected = KMeans(n_clusters=3, init=np.asarray(rows)[:3], n_init=1).fit(np.asarray(rows)).inertia_
    outputs = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    (model,) = [o["data"][MODEL_MIME] for o in outputs if MODEL_MIME in o.get("data", {})]
    # Every fitted number is in the model's JSON form; the summary shows it as people read it: five
    # significant digits, at most four decimals, trailing zeros trimmed (docs/RENDERING.md).
    assert math.isclose(model["model"]["inertia"], expected, rel_tol=1e-9)
    digits = len(str(int(abs(expected)))) if abs(expected) >= 1 else 0
    shown = f"{expected:,.{max(0, min(4, 5 - digits))}f}".rstrip("0").rstrip(".")
    text = next(o["data"]["text/plain"] for o in outputs if MODEL_MIME in o.get("data", {}))
    assert f"inertia:       {shown}\n" in text, text[:600]
