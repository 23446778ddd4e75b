"""pivot, unpivot, every join kind and union through the kernel, against pandas on a published data set:
Auto MPG (UCI), as mlxtend ships it (mlxtend/data/data/autompg.csv.gz: 392 cars; cylinders, model year,
origin, name, mpg, weight…). Each ShopMine result is saved as CSV and compared with pandas' pivot_table,
melt, merge (semi and anti joins with isin) and concat: column names, row order, values, and whether each
column is shown as whole numbers or as floats."""
from __future__ import annotations

from pathlib import Path

import mlxtend
import numpy as np
import pandas as pd
import pytest

from conftest import TABLE_MIME, execute

AUTOMPG = Path(mlxtend.__file__).parent / "data" / "data" / "autompg.csv.gz"
NAMES = ["cylinders", "displacement", "horsepower", "weight", "acceleration", "model_year", "origin", "car_name",
         "mpg"]


def ok(kc, code):
    reply, outputs = execute(kc, code)
    assert reply["status"] == "ok", f"{code!r}: {reply.get('evalue')} {outputs}"
    return outputs


def failure(kc, code):
    reply, _ = execute(kc, code)
    assert reply["status"] == "error", code
    return "\n".join(reply["traceback"])


def ours(kc, statement):
    """The table `statement` gives, read back from its CSV, and its ShopMine column types."""
    ok(kc, f"r = {statement}")
    ok(kc, 'save r to "r.csv"')
    [(_, shown)] = ok(kc, "schema r")
    table = shown["data"][TABLE_MIME]
    types = {row[table["columns"].index("column")]: row[table["columns"].index("type")] for row in table["rows"]}
    frame = pd.read_csv(kc.tmp_path / "r.csv", keep_default_na=False, na_values=[""])
    return frame, types


def assert_like(frame, types, expected, ints_may_hold_missing=()):
    """Same columns in order, same rows in order, same values; a column pandas holds as int64 is an int column
    here, a float64 one a float column (except `ints_may_hold_missing`: ShopMine keeps an int column with
    missing cells as int, where pandas turns it into floats)."""
    expected = expected.reset_index(drop=True)
    assert list(frame.columns) == [str(c) for c in expected.columns]
    assert len(frame) == len(expected)
    for name, column in zip(frame.columns, expected.columns):
        want = expected[column]
        got = frame[name]
        if pd.api.types.is_numeric_dtype(want) and not pd.api.types.is_bool_dtype(want):
            np.testing.assert_allclose(got.to_numpy(float), want.to_numpy(float), rtol=1e-12, equal_nan=True,
                                       err_msg=name)
            if pd.api.types.is_integer_dtype(want):
                assert types[name] == "int", name
            elif name not in ints_may_hold_missing:
                assert types[name] == "float", name
        else:
            assert [None if pd.isna(v) else str(v) for v in got] == \
                [None if pd.isna(v) else str(v) for v in want], name


@pytest.fixture
def cars(kc):
    frame = pd.read_csv(AUTOMPG, header=None, names=NAMES)
    frame.insert(0, "id", range(len(frame)))
    frame["make"] = frame.car_name.str.split().str[0]
    frame["origin"] = frame.origin.map({1: "usa", 2: "europe", 3: "japan"})
    frame["weight"] = frame.weight.astype("int64")
    frame = frame[["id", "make", "cylinders", "model_year", "origin", "horsepower", "weight", "mpg"]]
    frame.to_csv(kc.tmp_path / "cars.csv", index=False)
    ok(kc, 'cars = load "cars.csv"')
    # The makes, some left out and two no car has: keys unmatched on both sides, and a clashing `origin`.
    makes = (frame.groupby("make", sort=False)
             .agg(models=("id", "size"), first_year=("model_year", "min"), origin=("origin", "first"))
             .reset_index())
    makes = makes[makes.index % 3 != 1]
    makes = pd.concat([makes, pd.DataFrame({"make": ["tesla", "rivian"], "models": [3, 1], "first_year": [90, 91],
                                            "origin": ["usa", "usa"]})], ignore_index=True)
    makes.to_csv(kc.tmp_path / "makes.csv", index=False)
    ok(kc, 'makes = load "makes.csv"')
    return frame, makes


def flat(table, several):
    """pandas' pivot_table columns as ShopMine names them: the level alone, or VALUE_LEVEL."""
    table.columns = [f"{v}_{level}" if several else str(level) for v, level in table.columns] \
        if isinstance(table.columns, pd.MultiIndex) else [str(c) for c in table.columns]
    return table.reset_index()


@pytest.mark.parametrize("aggregate", ["mean", "sum", "count", "min", "max", "median", "first", "last"])
def test_pivot_equals_pivot_table(kc, cars, aggregate):
    frame, _ = cars
    got, types = ours(kc, f"cars | pivot rows model_year columns origin values mpg aggregate {aggregate}")
    want = flat(pd.pivot_table(frame, index="model_year", columns="origin", values="mpg", aggfunc=aggregate), False)
    assert_like(got, types, want)


def test_pivot_with_several_rows_and_values_and_missing_cells(kc, cars):
    frame, _ = cars
    got, types = ours(kc, "cars | pivot rows cylinders, model_year columns origin values weight, mpg aggregate sum")
    want = pd.pivot_table(frame, index=["cylinders", "model_year"], columns="origin", values=["weight", "mpg"],
                          aggfunc="sum")
    # pandas orders the value columns by name; ShopMine keeps the order they were written in.
    want = flat(want[["weight", "mpg"]], True)
    assert want.isna().any().any(), "the data set should leave some cells empty"
    weights = [c for c in got.columns if c.startswith("weight_")]
    assert_like(got, types, want, ints_may_hold_missing=weights)
    assert all(types[c] == "int" for c in weights)
    filled, types = ours(kc, "cars | pivot rows cylinders, model_year columns origin values weight aggregate sum fill 0")
    want = flat(pd.pivot_table(frame, index=["cylinders", "model_year"], columns="origin", values="weight",
                               aggfunc="sum", fill_value=0), False)
    assert_like(filled, types, want)


def test_canonical_pivot_spelling_on_generated_orders(kc):
    ok(kc, "orders = generate orders 20000 seed 4")
    ok(kc, 'monthly = orders | group by month = date_trunc("month", ts), category aggregate revenue = sum(price * quantity)')
    monthly, _ = ours(kc, "monthly")
    wide, types = ours(kc, "monthly | pivot rows month columns category values revenue")
    want = flat(pd.pivot_table(monthly, index="month", columns="category", values="revenue", aggfunc="mean"), False)
    assert_like(wide, types, want)
    long, types = ours(kc, "monthly | pivot rows month columns category values revenue | unpivot columns books, home into category, revenue")
    kept = [c for c in want.columns if c not in ("month", "books", "home")]
    melted = pd.melt(want, id_vars=["month"] + kept, value_vars=["books", "home"], var_name="category",
                     value_name="revenue")
    assert_like(long, types, melted)


def test_unpivot_equals_melt(kc, cars):
    frame, _ = cars
    ok(kc, "wide = cars | pivot rows model_year columns origin values mpg")
    wide = flat(pd.pivot_table(frame, index="model_year", columns="origin", values="mpg", aggfunc="mean"), False)
    got, types = ours(kc, "wide | unpivot columns usa, europe into origin, mpg")
    want = pd.melt(wide, id_vars=["model_year", "japan"], value_vars=["usa", "europe"], var_name="origin",
                   value_name="mpg")
    assert_like(got, types, want)
    # int with float gives floats; the default names.
    got, types = ours(kc, "cars | select id, make, weight, mpg | unpivot columns weight, mpg")
    want = pd.melt(frame[["id", "make", "weight", "mpg"]], id_vars=["id", "make"], value_vars=["weight", "mpg"],
                   var_name="name", value_name="value")
    assert_like(got, types, want)
    message = failure(kc, "cars | unpivot columns make, mpg")
    assert "cannot unpivot string column 'make' and float column 'mpg'" in message


@pytest.mark.parametrize("kind", ["inner", "left", "right", "outer"])
def test_join_equals_merge_in_pandas_order(kc, cars, kind):
    frame, makes = cars
    got, types = ours(kc, f"cars | join makes on make kind {kind}")
    want = frame.merge(makes, on="make", how=kind)
    assert {"origin_x", "origin_y"} <= set(want.columns)
    assert_like(got, types, want, ints_may_hold_missing=["models", "first_year", "id", "cylinders", "model_year",
                                                         "weight"])


@pytest.mark.parametrize("kind", ["inner", "left", "right", "outer"])
def test_many_to_many_join_on_two_keys_equals_merge(kc, cars, kind):
    frame, _ = cars
    ok(kc, "a = cars | where mpg > 25 | select id, cylinders, model_year, mpg")
    ok(kc, "b = cars | where weight < 2600 | select cylinders, model_year, id, weight")
    a = frame[frame.mpg > 25][["id", "cylinders", "model_year", "mpg"]]
    b = frame[frame.weight < 2600][["cylinders", "model_year", "id", "weight"]]
    got, types = ours(kc, f"a | join b on cylinders, model_year kind {kind} suffixes \"_a\", \"_b\"")
    want = a.merge(b, on=["cylinders", "model_year"], how=kind, suffixes=("_a", "_b"))
    assert len(want) > max(len(a), len(b)), "the keys should repeat on both sides"
    assert_like(got, types, want, ints_may_hold_missing=["id_a", "id_b", "weight"])


@pytest.mark.parametrize("kind", ["semi", "anti"])
def test_semi_and_anti_joins_equal_isin(kc, cars, kind):
    frame, makes = cars
    got, types = ours(kc, f"cars | join makes on make kind {kind}")
    inside = frame.make.isin(makes.make)
    want = frame[inside if kind == "semi" else ~inside]
    assert 0 < len(want) < len(frame)
    assert_like(got, types, want)


def test_union_by_name_equals_concat(kc, cars):
    frame, _ = cars
    ok(kc, "a = cars | where model_year < 76 | select id, make, weight, horsepower")
    ok(kc, "b = cars | where model_year >= 76 | derive weight = weight + 0.5 | select make, id, weight, mpg")
    a = frame[frame.model_year < 76][["id", "make", "weight", "horsepower"]]
    b = frame[frame.model_year >= 76].assign(weight=lambda f: f.weight + 0.5)[["make", "id", "weight", "mpg"]]
    got, types = ours(kc, "a | union b")
    assert_like(got, types, pd.concat([a, b], ignore_index=True))
    got, types = ours(kc, "a | union b common")
    assert_like(got, types, pd.concat([a, b], ignore_index=True, join="inner"))
    message = failure(kc, "a | union (b | derive weight = make)")
    assert "union cannot stack column 'weight'" in message
