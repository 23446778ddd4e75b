#!/usr/bin/env python3
"""Reference numbers from scikit-learn for ShopMineLearning's XCTest cross-checks.

Run with the project's venv (scikit-learn 1.9.1):
    $(bash scripts/venv.sh)/bin/python Tests/ShopMineLearningTests/Fixtures/make_fixtures.py
Writes (into this folder, or the folder given as the first argument) datasets.json (the rows of sklearn's bundled iris, wine and breast_cancer plus seeded synthetic sets)
and one JSON file per model family with sklearn's outputs on those rows. Deterministic: rerunning with the
same library versions gives the same bytes.
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN, KMeans
from sklearn.datasets import load_breast_cancer, load_iris, load_wine, make_blobs, make_moons
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (accuracy_score, adjusted_rand_score, confusion_matrix, f1_score,
                             precision_score, recall_score, roc_auc_score, roc_curve, silhouette_score)
from sklearn.naive_bayes import GaussianNB, MultinomialNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

HERE = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))


def dump(name, obj):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(obj, f, separators=(",", ":"), sort_keys=True)
        f.write("\n")


def tolist(a):
    return np.asarray(a).tolist()


datasets = {}
for name, loader in [("iris", load_iris), ("wine", load_wine), ("breast_cancer", load_breast_cancer)]:
    d = loader()
    datasets[name] = {"X": tolist(d.data), "y": tolist(d.target)}
    datasets[name + "_std"] = {"X": tolist(StandardScaler().fit_transform(d.data)), "y": tolist(d.target)}
Xm, ym = make_moons(n_samples=600, noise=0.08, random_state=3)
datasets["moons"] = {"X": tolist(Xm), "y": tolist(ym)}
Xb, yb = make_blobs(n_samples=800, centers=4, n_features=3, cluster_std=1.2, random_state=7)
datasets["blobs"] = {"X": tolist(Xb), "y": tolist(yb)}
dump("datasets.json", {"sklearn": sklearn.__version__, "data": datasets})


def X(name):
    return np.asarray(datasets[name]["X"], dtype=np.float64)


def y(name):
    return np.asarray(datasets[name]["y"])


# Train/test split used by the classifier fixtures: every 4th row is a test row.
def split(name):
    n = len(datasets[name]["y"])
    test = np.arange(n) % 4 == 0
    return X(name)[~test], y(name)[~test], X(name)[test], y(name)[test]


# K-means with init = the first k rows, n_init 1 (ShopMine's `init first`).
kmeans = []
for name, k in [("iris", 3), ("iris", 5), ("wine", 3), ("wine_std", 4), ("breast_cancer_std", 2), ("blobs", 4),
                ("blobs", 8), ("moons", 6)]:
    data = X(name)
    km = KMeans(n_clusters=k, init=data[:k], n_init=1).fit(data)
    kmeans.append({"data": name, "k": k, "inertia": float(km.inertia_), "labels": tolist(km.labels_),
                   "iterations": int(km.n_iter_), "centers": tolist(km.cluster_centers_),
                   "silhouette": float(silhouette_score(data, km.labels_))})
dump("kmeans.json", kmeans)

# DBSCAN labels (euclidean and manhattan).
dbscan = []
for name, eps, minpts, metric in [("iris", 0.5, 5, "euclidean"), ("iris", 0.4, 4, "euclidean"),
                                  ("wine_std", 2.0, 5, "euclidean"), ("moons", 0.1, 5, "euclidean"),
                                  ("moons", 0.13, 8, "manhattan"), ("blobs", 0.9, 6, "euclidean"),
                                  ("breast_cancer_std", 3.0, 6, "euclidean")]:
    data = X(name)
    labels = DBSCAN(eps=eps, min_samples=minpts, metric=metric).fit(data).labels_
    mask = labels >= 0
    n_clusters = len(set(labels[mask]))
    sil = float(silhouette_score(data[mask], labels[mask])) if 2 <= n_clusters <= mask.sum() - 1 else None
    dbscan.append({"data": name, "eps": eps, "minpts": minpts, "metric": metric, "labels": tolist(labels),
                   "silhouette_without_noise": sil})
dump("dbscan.json", dbscan)

# Naive Bayes probabilities on the training rows.
bayes = []
for name, kind in [("iris", "gaussian"), ("wine", "gaussian"), ("breast_cancer", "gaussian"),
                   ("iris", "multinomial"), ("wine", "multinomial")]:
    data, target = X(name), y(name)
    model = GaussianNB() if kind == "gaussian" else MultinomialNB(alpha=1.0)
    model.fit(data, target)
    bayes.append({"data": name, "kind": kind, "proba": tolist(model.predict_proba(data)),
                  "predict": tolist(model.predict(data))})
dump("naive_bayes.json", bayes)

# kNN predictions (brute force, the tie rules ShopMine follows) on the test rows.
knn = []
for name, k, weights in [("iris", 5, "uniform"), ("iris", 4, "uniform"), ("iris", 7, "distance"),
                         ("wine_std", 5, "uniform"), ("wine_std", 6, "distance"),
                         ("breast_cancer_std", 5, "uniform"), ("breast_cancer_std", 10, "distance"),
                         ("moons", 3, "uniform")]:
    xtr, ytr, xte, yte = split(name)
    model = KNeighborsClassifier(n_neighbors=k, weights=weights, algorithm="brute").fit(xtr, ytr)
    # Rows whose k-th and (k+1)-th nearest training rows are equidistant (exact arithmetic, 1e-12): sklearn's
    # brute force then picks by the rounding of its GEMM-based distances, ShopMine by row order, so only
    # predictions (not vote shares) are compared there.
    ties = []
    for q, point in enumerate(xte):
        dist = np.sort(np.sqrt(((xtr - point) ** 2).sum(axis=1)))
        if k < len(dist) and abs(dist[k] - dist[k - 1]) <= 1e-12:
            ties.append(q)
    knn.append({"data": name, "k": k, "weights": weights, "predict": tolist(model.predict(xte)),
                "proba": tolist(model.predict_proba(xte)), "boundary_ties": ties})
dump("knn.json", knn)

# Logistic regression (lbfgs, C = 1, run to tight convergence).
logistic = []
for name, c in [("iris", 1.0), ("iris", 0.1), ("wine_std", 1.0), ("breast_cancer_std", 1.0), ("moons", 1.0),
                ("breast_cancer_std", 10.0)]:
    data, target = X(name), y(name)
    model = LogisticRegression(C=c, solver="lbfgs", max_iter=100000, tol=1e-12).fit(data, target)
    logistic.append({"data": name, "C": c, "coef": tolist(model.coef_), "intercept": tolist(model.intercept_),
                     "proba": tolist(model.predict_proba(data))})
dump("logistic.json", logistic)

# Decision tree test accuracy (ties between features are random in sklearn: compare within 2 points).
tree = []
for name, depth, criterion in [("iris", 3, "gini"), ("wine", 4, "entropy"), ("breast_cancer", 4, "gini"),
                               ("breast_cancer", None, "entropy"), ("moons", 5, "gini")]:
    xtr, ytr, xte, yte = split(name)
    model = DecisionTreeClassifier(max_depth=depth, criterion=criterion, random_state=0).fit(xtr, ytr)
    # sklearn breaks ties between equally good features by a random feature order; its accuracy over ten
    # seeds brackets what a deterministic tie rule may give.
    seeds = [accuracy_score(yte, DecisionTreeClassifier(max_depth=depth, criterion=criterion, random_state=rs)
                            .fit(xtr, ytr).predict(xte)) for rs in range(10)]
    tree.append({"data": name, "depth": depth, "criterion": criterion,
                 "test_accuracy_min": float(min(seeds)), "test_accuracy_max": float(max(seeds)),
                 "test_accuracy": float(accuracy_score(yte, model.predict(xte))),
                 "train_accuracy": float(accuracy_score(ytr, model.predict(xtr))),
                 "root_feature": int(model.tree_.feature[0]), "root_threshold": float(model.tree_.threshold[0])})
dump("tree.json", tree)

# Metrics on seeded labels and tied scores.
rng = np.random.RandomState(11)
yt = rng.randint(0, 2, size=200)
scores = np.round(rng.rand(200) * 0.6 + yt * 0.3, 1)  # coarse rounding makes many ties
yp = (scores >= 0.5).astype(int)
yt3 = rng.randint(0, 3, size=150)
yp3 = np.where(rng.rand(150) < 0.7, yt3, rng.randint(0, 3, size=150))
fpr, tpr, thr = roc_curve(yt, scores)
ari_a = rng.randint(0, 4, size=300)
ari_b = np.where(rng.rand(300) < 0.8, ari_a, rng.randint(0, 5, size=300))
metrics = {
    "binary": {"truth": tolist(yt), "predicted": tolist(yp), "scores": tolist(scores),
               "accuracy": accuracy_score(yt, yp), "precision": precision_score(yt, yp),
               "recall": recall_score(yt, yp), "f1": f1_score(yt, yp),
               "macro_precision": precision_score(yt, yp, average="macro"),
               "macro_recall": recall_score(yt, yp, average="macro"),
               "macro_f1": f1_score(yt, yp, average="macro"),
               "confusion": tolist(confusion_matrix(yt, yp)), "fpr": tolist(fpr), "tpr": tolist(tpr),
               "thresholds": [None if not np.isfinite(t) else float(t) for t in thr],
               "auc": roc_auc_score(yt, scores)},
    "multiclass": {"truth": tolist(yt3), "predicted": tolist(yp3), "accuracy": accuracy_score(yt3, yp3),
                   "macro_precision": precision_score(yt3, yp3, average="macro"),
                   "macro_recall": recall_score(yt3, yp3, average="macro"),
                   "macro_f1": f1_score(yt3, yp3, average="macro"),
                   "confusion": tolist(confusion_matrix(yt3, yp3))},
    "ari": {"a": tolist(ari_a), "b": tolist(ari_b), "value": adjusted_rand_score(ari_a, ari_b)},
}
dump("metrics.json", metrics)
print("fixtures written to", HERE)
