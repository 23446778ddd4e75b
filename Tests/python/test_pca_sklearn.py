"""`pca` through the shopmine binary against scikit-learn's PCA on the data sets scikit-learn ships.

Each case writes the data set to CSV, runs a script with `shopmine run --format json`, and compares the
model's JSON form (components, explained variance and its ratio, mean and scale) and the scores that
`predict` adds with `PCA` (after `StandardScaler` for `scale`) computed here on the same numbers.
"""
import json
import subprocess

import numpy as np
import pytest
from conftest import MODEL_MIME, TABLE_MIME
from sklearn.datasets import load_iris, load_wine
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler


def write_csv(path, data, names):
    with open(path, "w") as f:
        f.write(",".join(names) + "\n")
        for row in data:
            f.write(",".join(repr(float(v)) for v in row) + "\n")


def column_names(bunch):
    return ["".join(ch if ch.isalnum() else "_" for ch in name.replace(" (cm)", "")) for name in bunch.feature_names]


def run(shopmine_bin, tmp_path, script):
    path = tmp_path / "pca.mine"
    path.write_text(script)
    result = subprocess.run([shopmine_bin, "run", str(path), "--format", "json"], capture_output=True, text=True,
                            cwd=tmp_path, timeout=120)
    return result, [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


CASES = [
    ("iris", load_iris, None, False),
    ("iris", load_iris, 2, False),
    ("wine", load_wine, 3, True),
    ("wine", load_wine, None, False),
]


@pytest.mark.parametrize("name,loader,components,scale", CASES,
                         ids=[f"{c[0]}-{c[2] or 'all'}-{'scaled' if c[3] else 'centred'}" for c in CASES])
def test_pca_equals_scikit_learn(shopmine_bin, tmp_path, name, loader, components, scale):
    bunch = loader()
    names = column_names(bunch)
    write_csv(tmp_path / f"{name}.csv", bunch.data, names)
    options = (f" components {components}" if components else "") + (" scale" if scale else "")
    result, outputs = run(shopmine_bin, tmp_path, f'd = load "{name}.csv"\n'
                          f'p = pca d on {", ".join(names)}{options}\np\npredict p on d\n')
    assert result.returncode == 0, result.stderr

    x = StandardScaler().fit_transform(bunch.data) if scale else bunch.data
    reference = PCA(n_components=components).fit(x)
    (model,) = [o["data"][MODEL_MIME] for o in outputs if MODEL_MIME in o.get("data", {})]
    fitted = model["model"]
    assert fitted["features"] == names
    # Components are unit vectors: an absolute tolerance. The smallest components of unscaled wine (proline's
    # variance is 1e5 times the others') differ from LAPACK's SVD by ~1e-10, a conditioning limit of both.
    np.testing.assert_allclose(fitted["components"], reference.components_, rtol=0, atol=1e-9)
    np.testing.assert_allclose(fitted["explained_variance"], reference.explained_variance_, rtol=1e-9)
    np.testing.assert_allclose(fitted["explained_variance_ratio"], reference.explained_variance_ratio_, rtol=1e-9)
    np.testing.assert_allclose(fitted["mean"], bunch.data.mean(axis=0), rtol=1e-12)
    if scale:
        np.testing.assert_allclose(fitted["scale"], bunch.data.std(axis=0), rtol=1e-12)
    else:
        assert fitted["scale"] is None

    (table,) = [o["data"][TABLE_MIME] for o in outputs if TABLE_MIME in o.get("data", {})]
    kept = reference.n_components_
    score_names = [f"pc{i + 1}" for i in range(kept)]
    assert table["columns"] == names + score_names and table["total_rows"] == len(bunch.data)
    scores = np.array([[row[table["columns"].index(c)] for c in score_names] for row in table["rows"]])
    expected = reference.transform(x)[: len(scores)]
    np.testing.assert_allclose(scores, expected, rtol=1e-9, atol=1e-9)


def test_pca_display_variance_table_and_biplot(shopmine_bin, tmp_path):
    bunch = load_iris()
    names = column_names(bunch)
    write_csv(tmp_path / "iris.csv", bunch.data, names)
    result, outputs = run(shopmine_bin, tmp_path,
                          f'd = load "iris.csv"\np = pca d on {", ".join(names)}\np\nplot pca p\n')
    assert result.returncode == 0, result.stderr
    summary, chart = outputs
    share = PCA().fit(bunch.data).explained_variance_ratio_
    text = summary["data"]["text/plain"]
    # The share column reads as percentages with one decimal (docs/RENDERING.md).
    assert f"{share[0] * 100:.1f}%" in text and f"{share.sum() * 100:.1f}%" in text, text
    assert "Loadings" in text and "Biplot" in text
    svg = chart["data"]["image/svg+xml"]
    assert svg.startswith("<svg") and all(n in svg for n in names)


def test_pca_refuses_text_columns_and_keeps_the_session(shopmine_bin, tmp_path):
    (tmp_path / "t.csv").write_text("a,b,city\n1,2,x\n2,1,y\n3,5,x\n")
    result, outputs = run(shopmine_bin, tmp_path, 't = load "t.csv"\np = pca t on a, city\n')
    assert result.returncode != 0
    assert "pca needs numeric columns; 'city' is string" in result.stderr, result.stderr
