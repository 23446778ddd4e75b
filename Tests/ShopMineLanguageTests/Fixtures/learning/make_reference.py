"""Reference numbers for LearningVerbTests, computed with scikit-learn on the language's own data.

users.csv, train.csv and test.csv were written by ShopMine itself:

    users = generate users 100 seed 42
    train, test = split users test 0.25 seed 1 stratify churned
    save users to "users.csv"; save train to "train.csv"; save test to "test.csv"

Run with the project's venv:  $(bash scripts/venv.sh)/bin/python make_reference.py > reference.json
"""
import json
import os

import numpy as np
import pandas as pd
from sklearn.cluster import DBSCAN, KMeans
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, roc_auc_score, silhouette_score
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier, NearestNeighbors
from sklearn.tree import DecisionTreeClassifier

here = os.path.dirname(os.path.abspath(__file__))
users = pd.read_csv(os.path.join(here, "users.csv"))
train = pd.read_csv(os.path.join(here, "train.csv"))
test = pd.read_csv(os.path.join(here, "test.csv"))
five = ["browse_time", "purchase_freq", "spend", "review_count", "rating"]
two = ["browse_time", "purchase_freq"]
out = {}

x = users[five].to_numpy(float)
km = KMeans(n_clusters=3, init=x[:3], n_init=1).fit(x)
out["kmeans_first_inertia"] = float(km.inertia_)
out["kmeans_first_labels"] = km.labels_.tolist()
out["kmeans_first_silhouette"] = float(silhouette_score(x, km.labels_))

x2 = users[two].to_numpy(float)
for eps in (0.5, 3.0):
    out[f"dbscan_eps{eps}_labels"] = DBSCAN(eps=eps, min_samples=5).fit(x2).labels_.tolist()
# The silhouette ShopMine reports for a DBSCAN clustering: over the rows that are not noise.
labels3 = np.asarray(out["dbscan_eps3.0_labels"])
out["dbscan_eps3.0_silhouette"] = float(silhouette_score(x2[labels3 >= 0], labels3[labels3 >= 0]))
dist, _ = NearestNeighbors(n_neighbors=5).fit(x2).kneighbors(x2)
out["kdist5_sorted"] = sorted(dist[:, 4].tolist(), reverse=True)

xt, yt = train[five].to_numpy(float), train["churned"].to_numpy()
xs, ys = test[five].to_numpy(float), test["churned"].to_numpy()
lr = LogisticRegression(C=1.0, max_iter=100000, tol=1e-12).fit(xt, yt)
out["logistic_coef"] = lr.coef_[0].tolist()
out["logistic_intercept"] = float(lr.intercept_[0])
out["logistic_test_auc"] = float(roc_auc_score(ys, lr.predict_proba(xs)[:, 1]))
nb = GaussianNB().fit(xt, yt)
out["bayes_test_proba_true"] = nb.predict_proba(xs)[:, 1].tolist()
out["bayes_test_accuracy"] = float(accuracy_score(ys, nb.predict(xs)))
out["bayes_test_auc"] = float(roc_auc_score(ys, nb.predict_proba(xs)[:, 1]))
for w in ("uniform", "distance"):
    kn = KNeighborsClassifier(n_neighbors=5, weights=w, algorithm="brute").fit(xt, yt)
    out[f"knn_{w}_test_predictions"] = [bool(v) for v in kn.predict(xs)]
    out[f"knn_{w}_test_accuracy"] = float(accuracy_score(ys, kn.predict(xs)))
accs = [accuracy_score(ys, DecisionTreeClassifier(max_depth=4, random_state=s).fit(xt, yt).predict(xs)) for s in range(10)]
out["tree_depth4_test_accuracy_range"] = [float(min(accs)), float(max(accs))]
print(json.dumps(out, indent=1))
