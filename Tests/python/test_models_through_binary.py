"""Issues 5 and 6 cross-checks through the real binary: `shopmine run --format json` on .mine scripts.

Python writes the data (scikit-learn's bundled iris, wine and breast cancer; seeded random baskets) as CSV,
ShopMine loads it with `load`, fits with the commands users type and writes what a user would read back —
tables saved with `save … to`, and the model JSON (MODEL_MIME) of each displayed model. The reference library
runs on the same numbers: scikit-learn for clustering, classification and metrics; mlxtend for itemsets and
every rule metric.

What Tests/python/test_learning_sklearn.py already covers is not repeated here: it regenerates the Swift
tests' committed scikit-learn fixtures (library-level) and checks one k-means inertia through the binary.
"""
from __future__ import annotations

import json
import math
import subprocess

import numpy as np
import pytest
from conftest import MODEL_MIME

TIMEOUT = 600


# ----------------------------------------------------------------------------------------------------------
# Running ShopMine


def run_mine(shopmine_bin, tmp_path, script: str) -> list[dict]:
    """Runs `script` with `shopmine run --format json` in tmp_path; returns its outputs, one dict per line."""
    path = tmp_path / "script.mine"
    path.write_text(script)
    result = subprocess.run(
        [shopmine_bin, "run", "--format", "json", str(path)],
        cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 0, f"shopmine run failed:\n{result.stderr}\n{result.stdout[-3000:]}"
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def model_jsons(outputs: list[dict], kind: str) -> list[dict]:
    """The model JSON (MODEL_MIME) of every displayed model of `kind` (`kmeans`, `logistic`…), in order."""
    found = []
    for out in outputs:
        data = out.get("data") or {}
        payload = data.get(MODEL_MIME)
        if isinstance(payload, dict) and payload.get("kind") == kind:
            found.append(payload)
    return found


def write_csv(path, header: list[str], rows) -> None:
    """Writes rows with `repr` floats (shortest round trip), so ShopMine reads exactly the numbers Python has."""
    def cell(v):
        if isinstance(v, (float, np.floating)):
            return repr(float(v))
        if isinstance(v, (np.integer,)):
            return str(int(v))
        return str(v)

    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(cell(v) for v in r) + "\n")


def read_csv(path):
    import pandas as pd

    return pd.read_csv(path, keep_default_na=False, na_values=[""])


# ----------------------------------------------------------------------------------------------------------
# Data sets


def dataset(name: str, standardize: bool = False):
    """(X, y) of a scikit-learn bundled data set; optionally z-scored (population sd, as StandardScaler)."""
    from sklearn import datasets

    loader = {"iris": datasets.load_iris, "wine": datasets.load_wine,
              "breast_cancer": datasets.load_breast_cancer}[name]
    x, y = loader(return_X_y=True)
    x = np.asarray(x, dtype=float)
    if standardize:
        x = (x - x.mean(axis=0)) / x.std(axis=0)
    return x, np.asarray(y)


def features(d: int) -> list[str]:
    return [f"f{j}" for j in range(d)]


def write_dataset(tmp_path, name: str, x, y=None) -> str:
    header = features(x.shape[1]) + (["label"] if y is not None else [])
    rows = [list(r) + ([f"c{int(t)}"] if y is not None else []) for r, t in
            zip(x, y if y is not None else [None] * len(x))]
    write_csv(tmp_path / f"{name}.csv", header, rows)
    return f"{name}.csv"


def train_test(x, y, seed=0, test=0.3):
    """A fixed stratified split made in Python, so both libraries see identical rows."""
    from sklearn.model_selection import train_test_split

    return train_test_split(x, y, test_size=test, random_state=seed, stratify=y)


def class_codes(column) -> np.ndarray:
    """`c0`, `c1`… back to 0, 1… (ShopMine sorts string classes by Unicode scalars; c0 < c1 < c2)."""
    return np.asarray([int(str(v)[1:]) for v in column])


# ----------------------------------------------------------------------------------------------------------
# Clustering


DBSCAN_CASES = [
    ("iris", False, 0.5, 5),
    ("iris", False, 0.4, 4),
    ("wine", True, 2.3, 5),
    ("breast_cancer", True, 2.0, 5),
]


@pytest.mark.parametrize("name,standardize,eps,minpts", DBSCAN_CASES)
def test_dbscan_labels_equal_sklearn(shopmine_bin, tmp_path, name, standardize, eps, minpts):
    from sklearn.cluster import DBSCAN

    x, _ = dataset(name, standardize)
    csv = write_dataset(tmp_path, "data", x)
    cols = ", ".join(features(x.shape[1]))
    run_mine(shopmine_bin, tmp_path, f"""
data = load "{csv}"
db = dbscan data eps {eps} minpts {minpts} on {cols}
labeled = predict db on data as cluster
save labeled to "out.csv"
""")
    ours = read_csv(tmp_path / "out.csv")["cluster"].to_numpy()
    theirs = DBSCAN(eps=eps, min_samples=minpts).fit(x).labels_
    assert len(set(theirs)) >= 3, "the case should have at least two clusters and noise"
    assert ours.tolist() == theirs.tolist()


KMEANS_CASES = [("iris", False, 3), ("wine", False, 3), ("wine", True, 4), ("breast_cancer", True, 2),
                ("breast_cancer", False, 5)]


@pytest.mark.parametrize("name,standardize,k", KMEANS_CASES)
def test_kmeans_init_first_equals_sklearn(shopmine_bin, tmp_path, name, standardize, k):
    from sklearn.cluster import KMeans

    x, _ = dataset(name, standardize)
    csv = write_dataset(tmp_path, "data", x)
    cols = ", ".join(features(x.shape[1]))
    outputs = run_mine(shopmine_bin, tmp_path, f"""
data = load "{csv}"
seg = kmeans data k {k} on {cols} init first
seg
labeled = predict seg on data as cluster
save labeled to "out.csv"
""")
    km = KMeans(n_clusters=k, init=x[:k], n_init=1).fit(x)
    (summary,) = model_jsons(outputs, "kmeans")
    assert math.isclose(summary["model"]["inertia"], km.inertia_, rel_tol=1e-6)
    assert summary["model"]["iterations"] == km.n_iter_
    ours = read_csv(tmp_path / "out.csv")["cluster"].to_numpy()
    assert ours.tolist() == km.labels_.tolist()
    np.testing.assert_allclose(np.asarray(summary["model"]["centroids"]), km.cluster_centers_, rtol=1e-6, atol=1e-9)


# ----------------------------------------------------------------------------------------------------------
# Classification


CLASSIFIER_DATA = [("iris", False), ("wine", True), ("breast_cancer", True)]
def split_script(tmp_path, name, standardize, seed=0):
    """Writes train.csv and test.csv of a fixed split; returns (xtr, xte, ytr, yte, feature list text)."""
    x, y = dataset(name, standardize)
    xtr, xte, ytr, yte = train_test(x, y, seed=seed)
    write_dataset(tmp_path, "train", xtr, ytr)
    write_dataset(tmp_path, "test", xte, yte)
    return xtr, xte, ytr, yte, ", ".join(features(x.shape[1]))


def probability_matrix(table, classes: int) -> np.ndarray:
    return np.column_stack([table[f"p_c{j}"].to_numpy() for j in range(classes)])


@pytest.mark.parametrize("name,standardize", CLASSIFIER_DATA)
@pytest.mark.parametrize("kind", ["gaussian", "multinomial"])
def test_naive_bayes_probabilities_equal_sklearn(shopmine_bin, tmp_path, name, standardize, kind):
    from sklearn.naive_bayes import GaussianNB, MultinomialNB

    # Multinomial NB needs counts-like, non-negative features: the raw measurements.
    xtr, xte, ytr, yte, cols = split_script(tmp_path, name, standardize and kind == "gaussian")
    run_mine(shopmine_bin, tmp_path, f"""
train = load "train.csv"
test = load "test.csv"
nb = bayes train target label on {cols} kind {kind}
p = predict nb on test as predicted probabilities
save p to "out.csv"
""")
    out = read_csv(tmp_path / "out.csv")
    reference = (GaussianNB() if kind == "gaussian" else MultinomialNB()).fit(xtr, ytr)
    k = len(reference.classes_)
    np.testing.assert_allclose(probability_matrix(out, k), reference.predict_proba(xte), rtol=0, atol=1e-9)
    assert class_codes(out["predicted"]).tolist() == reference.predict(xte).tolist()


@pytest.mark.parametrize("name,standardize", CLASSIFIER_DATA)
@pytest.mark.parametrize("weights", ["uniform", "distance"])
def test_knn_predictions_equal_sklearn(shopmine_bin, tmp_path, name, standardize, weights):
    from sklearn.neighbors import KNeighborsClassifier

    xtr, xte, ytr, yte, cols = split_script(tmp_path, name, standardize)
    run_mine(shopmine_bin, tmp_path, f"""
train = load "train.csv"
test = load "test.csv"
kn = knn train target label k 5 weights {weights} on {cols}
p = predict kn on test as predicted
save p to "out.csv"
""")
    out = read_csv(tmp_path / "out.csv")
    reference = KNeighborsClassifier(n_neighbors=5, weights=weights, algorithm="brute").fit(xtr, ytr)
    assert class_codes(out["predicted"]).tolist() == reference.predict(xte).tolist()


LOGISTIC_CASES = [("iris", False, 1.0), ("iris", False, 0.1), ("wine", True, 1.0), ("breast_cancer", True, 1.0)]


@pytest.mark.parametrize("name,standardize,c", LOGISTIC_CASES)
def test_logistic_coefficients_equal_sklearn(shopmine_bin, tmp_path, name, standardize, c):
    from sklearn.linear_model import LogisticRegression

    xtr, xte, ytr, yte, cols = split_script(tmp_path, name, standardize)
    outputs = run_mine(shopmine_bin, tmp_path, f"""
train = load "train.csv"
test = load "test.csv"
lr = logistic train target label on {cols} C {c}
lr
p = predict lr on test as predicted probabilities
save p to "out.csv"
""")
    reference = LogisticRegression(C=c, tol=1e-10, max_iter=100_000).fit(xtr, ytr)
    (summary,) = model_jsons(outputs, "logistic")
    model = summary["model"]
    ours_coef = np.asarray(model["coefficients"], dtype=float).reshape(reference.coef_.shape)
    ours_intercept = np.asarray(model["intercepts"], dtype=float).reshape(reference.intercept_.shape)
    theirs_intercept = reference.intercept_
    if len(reference.classes_) > 2:
        # Softmax is unchanged by a shift common to every class; compare intercepts centred.
        theirs_intercept = theirs_intercept - theirs_intercept.mean()
        ours_intercept = ours_intercept - ours_intercept.mean()
    np.testing.assert_allclose(ours_coef, reference.coef_, rtol=0, atol=1e-3)
    np.testing.assert_allclose(ours_intercept, theirs_intercept, rtol=0, atol=1e-3)
    out = read_csv(tmp_path / "out.csv")
    np.testing.assert_allclose(
        probability_matrix(out, len(reference.classes_)), reference.predict_proba(xte), rtol=0, atol=1e-4)


@pytest.mark.parametrize("name,standardize", CLASSIFIER_DATA)
@pytest.mark.parametrize("criterion", ["gini", "entropy"])
def test_tree_accuracy_within_two_points_of_sklearn(shopmine_bin, tmp_path, name, standardize, criterion):
    from sklearn.tree import DecisionTreeClassifier

    xtr, xte, ytr, yte, cols = split_script(tmp_path, name, standardize)
    run_mine(shopmine_bin, tmp_path, f"""
train = load "train.csv"
test = load "test.csv"
t = tree train target label on {cols} depth 4 criterion {criterion}
p = predict t on test as predicted
save p to "out.csv"
""")
    out = read_csv(tmp_path / "out.csv")
    ours = float(np.mean(class_codes(out["predicted"]) == yte))
    # sklearn breaks ties between equally good splits by a random feature order; its accuracy over ten
    # seeds is the range ShopMine's deterministic tie-breaking must land in, give or take two points.
    theirs = [float(np.mean(DecisionTreeClassifier(max_depth=4, criterion=criterion, random_state=s)
                            .fit(xtr, ytr).predict(xte) == yte)) for s in range(10)]
    assert min(theirs) - 0.02 <= ours <= max(theirs) + 0.02, (ours, theirs)


def metric_rows(table) -> dict[str, float]:
    return {str(m): float(v) for m, v in zip(table["metric"], table["value"])}


@pytest.mark.parametrize("name,standardize", CLASSIFIER_DATA)
def test_evaluate_metrics_equal_sklearn_metrics(shopmine_bin, tmp_path, name, standardize):
    from sklearn import metrics

    xtr, xte, ytr, yte, cols = split_script(tmp_path, name, standardize)
    outputs = run_mine(shopmine_bin, tmp_path, f"""
train = load "train.csv"
test = load "test.csv"
nb = bayes train target label on {cols}
m = evaluate nb on test
m
save m to "metrics.csv"
p = predict nb on test as predicted probabilities
save p to "out.csv"
""")
    ours = metric_rows(read_csv(tmp_path / "metrics.csv"))
    out = read_csv(tmp_path / "out.csv")
    predicted = class_codes(out["predicted"])
    k = len(set(ytr))
    proba = probability_matrix(out, k)
    expected = {"accuracy": metrics.accuracy_score(yte, predicted)}
    for avg in ["macro"]:
        expected[f"precision ({avg})"] = metrics.precision_score(yte, predicted, average=avg, zero_division=0)
        expected[f"recall ({avg})"] = metrics.recall_score(yte, predicted, average=avg, zero_division=0)
        expected[f"f1 ({avg})"] = metrics.f1_score(yte, predicted, average=avg, zero_division=0)
    if k == 2:
        # The positive class is the second one (`c1`), as sklearn's pos_label=1.
        expected["precision (c1)"] = metrics.precision_score(yte, predicted, pos_label=1, zero_division=0)
        expected["recall (c1)"] = metrics.recall_score(yte, predicted, pos_label=1, zero_division=0)
        expected["f1 (c1)"] = metrics.f1_score(yte, predicted, pos_label=1, zero_division=0)
        expected["roc auc"] = metrics.roc_auc_score(yte, proba[:, 1])
    missing = [name for name in expected if name not in ours]
    assert not missing, f"metric names: {sorted(ours)}"
    for metric, value in expected.items():
        assert math.isclose(ours[metric], value, rel_tol=0, abs_tol=1e-12), (metric, ours[metric], value)
    (evaluation,) = [o["data"][MODEL_MIME] for o in outputs
                     if isinstance((o.get("data") or {}).get(MODEL_MIME), dict)
                     and "confusion" in o["data"][MODEL_MIME]]
    assert evaluation["confusion"] == metrics.confusion_matrix(yte, predicted).tolist()


# ----------------------------------------------------------------------------------------------------------
# Association rules against mlxtend 0.25


MLXTEND_EXAMPLE = [
    ["Milk", "Onion", "Nutmeg", "Kidney Beans", "Eggs", "Yogurt"],
    ["Dill", "Onion", "Nutmeg", "Kidney Beans", "Eggs", "Yogurt"],
    ["Milk", "Apple", "Kidney Beans", "Eggs"],
    ["Milk", "Unicorn", "Corn", "Kidney Beans", "Yogurt"],
    ["Corn", "Onion", "Onion", "Kidney Beans", "Ice cream", "Eggs"],
]

RULE_METRICS = ["antecedent support", "consequent support", "support", "confidence", "lift", "leverage",
                "conviction", "zhangs_metric", "jaccard", "certainty", "kulczynski"]


def generated_baskets(seed=7, baskets=3000, items=40):
    """Seeded baskets with three planted bundles, so rules of every size exist at support 0.02."""
    rng = np.random.default_rng(seed)
    popularity = rng.dirichlet(np.full(items, 0.6))
    bundles = [[3, 17], [5, 9, 22], [30, 31, 32, 33]]
    out = []
    for _ in range(baskets):
        size = 1 + rng.poisson(2.5)
        basket = set(int(i) + 1 for i in rng.choice(items, size=size, p=popularity))
        for b in bundles:
            if rng.random() < 0.08:
                basket.update(b)
        out.append(sorted(basket))
    return out


def write_baskets(tmp_path, baskets) -> None:
    # An item listed twice in a basket (Onion above) must count once, as in a one-hot DataFrame.
    write_csv(tmp_path / "baskets.csv", ["order_id", "product_id"],
              [(b + 1, item) for b, basket in enumerate(baskets) for item in basket])


def mlxtend_reference(baskets, support, confidence, max_len=None):
    import pandas as pd
    from mlxtend.frequent_patterns import association_rules, fpgrowth
    from mlxtend.preprocessing import TransactionEncoder

    te = TransactionEncoder()
    onehot = pd.DataFrame(te.fit(baskets).transform(baskets), columns=te.columns_)
    itemsets = fpgrowth(onehot, min_support=support, use_colnames=True, max_len=max_len)
    rules = association_rules(itemsets, num_itemsets=len(baskets), metric="confidence", min_threshold=confidence)
    return itemsets, rules


def parse_set(text, numeric: bool) -> frozenset:
    parts = [p for p in str(text).split(", ")]
    return frozenset(int(p) if numeric else p for p in parts)


@pytest.mark.parametrize("case", ["mlxtend example", "generated"])
@pytest.mark.parametrize("miner", ["fpgrowth", "apriori"])
def test_itemsets_and_every_rule_metric_equal_mlxtend(shopmine_bin, tmp_path, case, miner):
    if case == "mlxtend example":
        baskets, support, confidence, numeric = MLXTEND_EXAMPLE, 0.6, 0.7, False
    else:
        baskets, support, confidence, numeric = generated_baskets(), 0.02, 0.3, True
    write_baskets(tmp_path, baskets)
    run_mine(shopmine_bin, tmp_path, f"""
orders = load "baskets.csv"
items = itemsets orders basket order_id item product_id support {support}
save items to "itemsets.csv"
rules = {miner} orders basket order_id item product_id support {support} confidence {confidence}
save rules to "rules.csv"
""")
    ref_items, ref_rules = mlxtend_reference([list(dict.fromkeys(b)) for b in baskets], support, confidence)
    assert len(ref_rules) >= 5, "the case should produce several rules"

    ours_items = read_csv(tmp_path / "itemsets.csv")
    ours = {parse_set(s, numeric): v for s, v in zip(ours_items["itemsets"], ours_items["support"])}
    theirs = {frozenset(s): v for s, v in zip(ref_items["itemsets"], ref_items["support"])}
    assert set(ours) == set(theirs)
    for key, value in theirs.items():
        assert ours[key] == pytest.approx(value, rel=0, abs=1e-15), key

    ours_rules = read_csv(tmp_path / "rules.csv")
    got = {}
    for _, row in ours_rules.iterrows():
        key = (parse_set(row["antecedents"], numeric), parse_set(row["consequents"], numeric))
        got[key] = [float(row[m.replace(" ", "_")]) for m in RULE_METRICS]
    want = {}
    for _, row in ref_rules.iterrows():
        want[(frozenset(row["antecedents"]), frozenset(row["consequents"]))] = [float(row[m]) for m in RULE_METRICS]
    assert set(got) == set(want)
    for key, values in want.items():
        for metric, a, b in zip(RULE_METRICS, got[key], values):
            if math.isinf(b):
                assert math.isinf(a) and a > 0, (key, metric, a)
            else:
                assert a == pytest.approx(b, rel=1e-12, abs=1e-12), (key, metric, a, b)


# ----------------------------------------------------------------------------------------------------------
# Recommenders against Surprise and implicit, on ShopMine's generated data


def generated_split(shopmine_bin, tmp_path, table: str, count: int, seed: int):
    """`generate TABLE COUNT seed SEED`, split by user as the issue does; writes train.csv and test.csv."""
    run_mine(shopmine_bin, tmp_path, f"""
data = generate {table} {count} seed {seed}
train, test = split data test 0.2 seed 1 by user_id
save train to "train.csv"
save test to "test.csv"
""")
    return read_csv(tmp_path / "train.csv"), read_csv(tmp_path / "test.csv")


def test_svd_rmse_within_two_percent_of_surprise(shopmine_bin, tmp_path):
    from surprise import SVD, Dataset, Reader, accuracy

    train, test = generated_split(shopmine_bin, tmp_path, "reviews", 20000, 3)
    outputs = run_mine(shopmine_bin, tmp_path, """
train = load "train.csv"
test = load "test.csv"
sv = svd train user user_id item product_id rating rating factors 50 epochs 20 seed 1
m = evaluate sv on test k 10
save m to "metrics.csv"
""")
    ours = metric_rows(read_csv(tmp_path / "metrics.csv"))["rmse"]
    reader = Reader(rating_scale=(1, 5))
    trainset = Dataset.load_from_df(train[["user_id", "product_id", "rating"]], reader).build_full_trainset()
    testset = list(zip(test["user_id"], test["product_id"], test["rating"].astype(float)))
    rmses = []
    for seed in range(3):
        algo = SVD(n_factors=50, n_epochs=20, random_state=seed).fit(trainset)
        rmses.append(accuracy.rmse(algo.test(testset), verbose=False))
    theirs = float(np.mean(rmses))
    assert abs(ours - theirs) <= 0.02 * theirs, (ours, rmses)


def test_als_precision_at_10_within_ten_percent_of_implicit(shopmine_bin, tmp_path):
    import scipy.sparse as sp
    from implicit.als import AlternatingLeastSquares

    train, test = generated_split(shopmine_bin, tmp_path, "orders", 20000, 3)
    run_mine(shopmine_bin, tmp_path, """
train = load "train.csv"
test = load "test.csv"
mf = als train user user_id item product_id weight quantity factors 32 iterations 15 seed 1
m = evaluate mf on test k 10
save m to "metrics.csv"
""")
    ours = metric_rows(read_csv(tmp_path / "metrics.csv"))["precision@10"]

    users = {u: i for i, u in enumerate(sorted(train["user_id"].unique()))}
    items = {p: j for j, p in enumerate(sorted(train["product_id"].unique()))}
    weights = train.groupby(["user_id", "product_id"])["quantity"].sum()
    rows = [users[u] for u, _ in weights.index]
    cols = [items[p] for _, p in weights.index]
    user_items = sp.csr_matrix((weights.to_numpy(dtype=np.float32), (rows, cols)),
                               shape=(len(users), len(items)))
    seen = {}
    for (u, p) in weights.index:
        seen.setdefault(u, set()).add(p)
    relevant = {}
    for u, p in zip(test["user_id"], test["product_id"]):
        if p not in seen.get(u, set()):
            relevant.setdefault(u, set()).add(p)
    item_of = {j: p for p, j in items.items()}
    popular = [p for p, _ in train.groupby("product_id")["user_id"].nunique()
               .sort_values(ascending=False, kind="stable").items()][:10]
    precisions = []
    for seed in range(3):
        model = AlternatingLeastSquares(factors=32, regularization=0.01, alpha=1.0, iterations=15,
                                        random_state=seed, use_gpu=False)
        model.fit(user_items, show_progress=False)
        total = 0.0
        for u, rel in relevant.items():
            if u in users:
                ids, _ = model.recommend(users[u], user_items[users[u]], N=10, filter_already_liked_items=True)
                recommended = [item_of[int(j)] for j in ids]
            else:
                recommended = popular  # cold start, as ShopMine does
            total += len(set(recommended) & rel) / 10
        precisions.append(total / len(relevant))
    theirs = float(np.mean(precisions))
    assert abs(ours - theirs) <= 0.10 * theirs, (ours, precisions)


def test_learned_recommenders_beat_popularity_on_the_planted_preferences(shopmine_bin, tmp_path):
    """Issue 6: on the planted preference data, every learned recommender beats popularity on NDCG@10.

    The generator plants eight tastes: users choose products ∝ popularity · e^preference and rate them
    higher when the preference is high (docs/DATA.md). All models train on the same split with their default
    settings (SVD exactly as in the issue's canonical example), so every row of `compare` is scored on the
    same users and relevant items.

    100,000 reviews, 50 per user. At 20,000 (10 per user) SVD scores 0.050 against popularity's 0.102:
    ratings that sparse say little about which products a user will choose. Notebook 03 shows both sizes.
    """
    run_mine(shopmine_bin, tmp_path, """
reviews = generate reviews 100000 seed 3
train, test = split reviews test 0.2 seed 1 by user_id
pop = popular train user user_id item product_id
icf = itemcf train user user_id item product_id neighbors 40
ucf = usercf train user user_id item product_id rating rating neighbors 40
mf = als train user user_id item product_id factors 32 iterations 15 seed 1
sv = svd train user user_id item product_id rating rating factors 50 epochs 20 seed 1
c = compare pop, icf, ucf, mf, sv on test k 10
save c to "compare.csv"
""")
    table = read_csv(tmp_path / "compare.csv")
    ndcg = dict(zip(table["model"], table["ndcg@10"]))
    users = set(table["users"])
    assert len(users) == 1, "every model must be scored on the same test users"
    assert set(ndcg) == {"pop", "icf", "ucf", "mf", "sv"}
    for model in ["icf", "ucf", "mf", "sv"]:
        assert ndcg[model] > ndcg["pop"] * 1.2, ndcg
