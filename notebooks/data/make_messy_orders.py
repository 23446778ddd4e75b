"""Writes the two messy CSV exports used by notebooks/07-your-own-data.ipynb.

They imitate a shop back-office export: Chinese headers, missing cells, rows exported twice, prices with a
typo (two extra zeros) and timestamps without a time zone. Deterministic: run it again and the bytes are equal.
"""
import csv
import random


def make(path: str, n: int, seed: int) -> None:
    rnd = random.Random(seed)
    cats = {"图书": [("三体", 38.0), ("活着", 25.0), ("Swift 编程", 89.0)],
            "数码": [("蓝牙耳机", 199.0), ("充电宝", 129.0), ("智能手环", 249.0)],
            "服饰": [("运动鞋", 399.0), ("羽绒服", 699.0), ("T恤", 79.0)],
            "食品": [("绿茶", 45.0), ("坚果礼盒", 128.0), ("月饼", 88.0)]}
    pays = ["微信", "支付宝", "银行卡"]
    rows = []
    for i in range(n):
        cat = rnd.choice(list(cats))
        name, base = rnd.choice(cats[cat])
        price = round(base * rnd.uniform(0.85, 1.15), 2)
        qty = rnd.choice([1, 1, 1, 2, 2, 3])
        day = rnd.randint(1, 28); month = rnd.randint(1, 6); hour = rnd.randint(8, 23); minute = rnd.randint(0, 59)
        ts = f"2024-{month:02d}-{day:02d} {hour:02d}:{minute:02d}:00"
        row = [f"A{10000 + i}", str(rnd.randint(1, 60)), ts, name, cat, f"{price:.2f}", str(qty), rnd.choice(pays)]
        r = rnd.random()
        if r < 0.04: row[5] = ""          # missing price
        elif r < 0.07: row[6] = ""        # missing quantity
        elif r < 0.09: row[7] = ""        # missing payment
        elif r < 0.10: row[2] = ""        # missing time
        if rnd.random() < 0.015: row[5] = f"{price * 100:.2f}"   # a typo: two extra zeros
        rows.append(row)
        if rnd.random() < 0.04: rows.append(list(row))              # exported twice
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["订单号", "用户", "下单时间", "商品", "类别", "单价", "数量", "支付方式"])
        w.writerows(rows)


if __name__ == "__main__":
    make("messy-orders.csv", 300, 7)
    make("messy-orders-june.csv", 120, 8)
