"""Writes notebooks/data/cdnow-sample.csv from the CDNOW sample that the `lifetimes` package ships.

CDNOW is a real online CD shop's transaction log (Fader & Hardie): every purchase of a cohort of customers
who first bought in January–March 1997, up to June 1998. lifetimes ships a 1/10 sample of those customers
(2,357 customers, 6,919 purchases) as fixed-width text; this writes it as CSV with ISO dates, unchanged
otherwise. Run with the test environment's Python (`$(bash scripts/venv.sh)/bin/python`); the result is
byte-stable, and Tests/python/test_windows_cdnow.py checks the committed file against the package's.
"""
import csv
import importlib.util
from pathlib import Path


def shipped_sample() -> Path:
    # The package's data folder, found without importing the package (its code predates pandas 3).
    spec = importlib.util.find_spec("lifetimes")
    return Path(spec.submodule_search_locations[0]) / "datasets" / "CDNOW_sample.txt"


def rows(text: str):
    for line in text.splitlines():
        fields = line.split()
        if not fields:
            continue
        customer, _index, day, cds, dollars = fields
        yield [int(customer), f"{day[:4]}-{day[4:6]}-{day[6:]}", int(cds), dollars]


def main() -> None:
    out = Path(__file__).with_name("cdnow-sample.csv")
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["customer_id", "date", "cds", "dollars"])
        w.writerows(rows(shipped_sample().read_text()))


if __name__ == "__main__":
    main()
