"""Reference itemsets and rules from mlxtend 0.25 for ShopMineRulesTests.

Run with the project venv:  $(bash scripts/venv.sh)/bin/python make_fixtures.py
Writes mlxtend_example.json (mlxtend's own 5-basket example) and generated.json + generated_baskets.csv
(seeded baskets with planted bundles). Floats are written with repr as repr strings (round-trip exact
through Swift's Double(String)); conviction's infinity is the string "inf".
"""
import json
import math

import mlxtend
import numpy as np
import pandas as pd
from mlxtend.frequent_patterns import apriori, association_rules, fpgrowth
from mlxtend.preprocessing import TransactionEncoder

assert mlxtend.__version__ == "0.25.0", mlxtend.__version__

METRICS = ["antecedent support", "consequent support", "support", "confidence", "lift", "leverage",
           "conviction", "zhangs_metric", "jaccard", "certainty", "kulczynski"]


def num(x):
    x = float(x)
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    # As text: Foundation's JSON parser on Linux does not round decimal doubles correctly; Swift's
    # Double(String) does, so the tests compare bit for bit.
    return repr(x)


def key(items):
    return sorted(items, key=lambda v: (isinstance(v, str), v))


def mine(transactions, min_support, cases):
    te = TransactionEncoder()
    df = pd.DataFrame(te.fit(transactions).transform(transactions), columns=te.columns_)
    fi = fpgrowth(df, min_support=min_support, use_colnames=True)
    fa = apriori(df, min_support=min_support, use_colnames=True)
    assert {frozenset(s) for s in fi.itemsets} == {frozenset(s) for s in fa.itemsets}
    out = {
        "basket_count": len(df),
        "min_support": min_support,
        "itemsets": [{"items": key(s), "support": num(v)} for s, v in zip(fi.itemsets, fi.support)],
        "rules": [],
    }
    out["itemsets"].sort(key=lambda r: (len(r["items"]), [str(x) for x in r["items"]]))
    for metric, threshold in cases:
        rules = association_rules(fi, num_itemsets=len(df), metric=metric, min_threshold=threshold)
        rows = []
        for _, r in rules.iterrows():
            rows.append({"antecedents": key(r["antecedents"]), "consequents": key(r["consequents"]),
                         **{m: num(r[m]) for m in METRICS}})
        rows.sort(key=lambda r: ([str(x) for x in r["antecedents"]], [str(x) for x in r["consequents"]]))
        out["rules"].append({"metric": metric, "threshold": threshold, "rules": rows})
    return out


# mlxtend's own example (user guide, "Frequent Itemsets via Apriori" / "association_rules").
example = [["Milk", "Onion", "Nutmeg", "Kidney Beans", "Eggs", "Yogurt"],
           ["Dill", "Onion", "Nutmeg", "Kidney Beans", "Eggs", "Yogurt"],
           ["Milk", "Apple", "Kidney Beans", "Eggs"],
           ["Milk", "Unicorn", "Corn", "Kidney Beans", "Yogurt"],
           ["Corn", "Onion", "Onion", "Kidney Beans", "Ice cream", "Eggs"]]
res = mine(example, 0.6, [("confidence", 0.7), ("lift", 1.0)])
res["transactions"] = example
with open("mlxtend_example.json", "w") as f:
    json.dump(res, f, indent=1)

# Generated baskets: 3,000 baskets over 80 items, popularity skewed, with three planted bundles.
rng = np.random.default_rng(7)
weights = 1.0 / np.arange(1, 81) ** 0.8
weights /= weights.sum()
bundles = [[11, 23, 37], [5, 60], [42, 43, 44, 45]]
transactions = []
for b in range(3000):
    size = 1 + rng.poisson(3)
    items = set(int(i) for i in rng.choice(80, size=size, p=weights))
    for bundle, p in zip(bundles, [0.08, 0.1, 0.05]):
        if rng.random() < p:
            items.update(bundle)
    transactions.append(sorted(items))
with open("generated_baskets.csv", "w") as f:
    f.write("order_id,product_id\n")
    for b, t in enumerate(transactions):
        for i in t:
            f.write(f"{1000 + b},{i}\n")
res = mine(transactions, 0.02, [("confidence", 0.3), ("lift", 1.5), ("zhangs_metric", 0.5)])
with open("generated.json", "w") as f:
    json.dump(res, f, indent=1)
print("example itemsets", len(json.load(open("mlxtend_example.json"))["itemsets"]),
      "generated itemsets", len(res["itemsets"]), "rules", [len(c["rules"]) for c in res["rules"]])
