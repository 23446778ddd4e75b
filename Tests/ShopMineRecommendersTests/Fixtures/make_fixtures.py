"""Reference numbers for ShopMineRecommendersTests, from Surprise (SVD) and implicit 0.7 (ALS).

Run with the project venv:  $(bash scripts/venv.sh)/bin/python make_fixtures.py
Writes ratings_train.csv / ratings_test.csv (explicit, 1–5) and implicit_train.csv / implicit_test.csv
(user, item, quantity), plus reference.json with:
  svd_rmse       Surprise SVD(n_factors=20, n_epochs=20, random_state=1), rating_scale (1, 5), test RMSE
  als_precision  implicit ALS(factors=16, iterations=10, regularization=0.01, alpha=1, random_state=1)
                 precision@10 with ShopMine's definition (relevant = test items not in the user's train
                 items; users with >= 1 relevant; already-liked items filtered; hits / 10)
  pop_precision  the same metric for most-popular (distinct users) recommendations
"""
import json

import numpy as np
import scipy.sparse as sp

rng = np.random.default_rng(11)


def split_by_user(users, items, values, frac=0.2):
    order = np.arange(len(users))
    train, test = [], []
    for u in np.unique(users):
        rows = order[users == u]
        rows = rng.permutation(rows)
        n_test = int(round(len(rows) * frac)) if len(rows) > 1 else 0
        test.extend(rows[:n_test].tolist())
        train.extend(sorted(rows[n_test:].tolist()))
    return sorted(train), sorted(test)


def write(path, header, users, items, values, rows):
    with open(path, "w") as f:
        f.write(header + "\n")
        for r in rows:
            f.write(f"{users[r]},{items[r]},{values[r]}\n")


# Explicit ratings with latent structure.
n_users, n_items, k = 600, 300, 4
P = rng.normal(0, 0.6, (n_users, k))
Q = rng.normal(0, 0.6, (n_items, k))
bu = rng.normal(0, 0.4, n_users)
bi = rng.normal(0, 0.4, n_items)
users, items, ratings = [], [], []
for u in range(n_users):
    for i in rng.choice(n_items, size=20, replace=False):
        r = 3.4 + bu[u] + bi[i] + P[u] @ Q[i] + rng.normal(0, 0.5)
        users.append(u + 1)
        items.append(int(i) + 1)
        ratings.append(int(np.clip(np.rint(r), 1, 5)))
users, items, ratings = map(np.array, (users, items, ratings))
tr, te = split_by_user(users, items, ratings)
write("ratings_train.csv", "user_id,product_id,rating", users, items, ratings, tr)
write("ratings_test.csv", "user_id,product_id,rating", users, items, ratings, te)

import pandas as pd
from surprise import SVD, Dataset, Reader, accuracy

reader = Reader(rating_scale=(1, 5))
train_df = pd.DataFrame({"u": users[tr], "i": items[tr], "r": ratings[tr]})
trainset = Dataset.load_from_df(train_df, reader).build_full_trainset()
algo = SVD(n_factors=20, n_epochs=20, random_state=1)
algo.fit(trainset)
preds = algo.test([(int(users[r]), int(items[r]), float(ratings[r])) for r in te])
svd_rmse = accuracy.rmse(preds, verbose=False)

# Implicit interactions: 20 taste groups over 25 items each, plus popularity noise (small: tests run in debug).
n_users, n_items = 800, 300
group_of = rng.integers(0, 20, size=n_users)
group_items = [rng.choice(n_items, size=25, replace=False) for _ in range(20)]
pop = 1.0 / np.arange(1, n_items + 1) ** 0.8
pop /= pop.sum()
users, items, qty = [], [], []
for u in range(n_users):
    liked = set(rng.choice(group_items[group_of[u]], size=10, replace=False).tolist())
    liked.update(rng.choice(n_items, size=5, p=pop).tolist())
    for i in sorted(liked):
        users.append(u + 1)
        items.append(i + 1)
        qty.append(1 + int(rng.integers(0, 3)))
users, items, qty = map(np.array, (users, items, qty))
tr, te = split_by_user(users, items, qty)
write("implicit_train.csv", "user_id,product_id,quantity", users, items, qty, tr)
write("implicit_test.csv", "user_id,product_id,quantity", users, items, qty, te)

from implicit.cpu.als import AlternatingLeastSquares

m = sp.csr_matrix((qty[tr].astype(np.float32), (users[tr] - 1, items[tr] - 1)), shape=(n_users, n_items))
model = AlternatingLeastSquares(factors=16, iterations=10, regularization=0.01, alpha=1.0, random_state=1,
                                num_threads=1)
model.fit(m, show_progress=False)
test_sets = {}
for r in te:
    u, i = users[r] - 1, items[r] - 1
    if m[u, i] == 0:
        test_sets.setdefault(u, set()).add(i)
ids = np.array(sorted(test_sets))
recs, _ = model.recommend(ids, m[ids], N=10, filter_already_liked_items=True)
als_precision = float(np.mean([len(set(recs[k].tolist()) & test_sets[u]) / 10 for k, u in enumerate(ids)]))
counts = np.asarray((m > 0).sum(axis=0)).ravel()
order = sorted(range(n_items), key=lambda i: (-counts[i], i))
pop_hits = []
for u in ids:
    seen = set(m[u].indices.tolist())
    top = [i for i in order if i not in seen][:10]
    pop_hits.append(len(set(top) & test_sets[u]) / 10)
with open("reference.json", "w") as f:
    json.dump({"svd_rmse": repr(float(svd_rmse)), "als_precision": repr(als_precision),
               "pop_precision": repr(float(np.mean(pop_hits))), "als_users": int(len(ids))}, f, indent=1)
print("svd rmse", svd_rmse, "als p@10", als_precision, "pop p@10", np.mean(pop_hits), "users", len(ids))
