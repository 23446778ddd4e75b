"""What a notebook user reads in tables, through the real kernel: shares as percentages, `set width`.

The machine-readable table form keeps the exact fractions; the HTML and plain text a person reads show them
as percentages. Both are checked against each other and against pandas' own segment shares.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from conftest import SUMMARY_MIME, TABLE_MIME, execute


def display(outputs):
    bundles = [c["data"] for kind, c in outputs if kind in ("execute_result", "display_data")]
    assert len(bundles) == 1, outputs
    return bundles[0]


def ok(kc, code):
    reply, outputs = execute(kc, code)
    assert reply["status"] == "ok", reply
    return outputs


def html_cells(markup, column):
    """The cells of `column` in the first HTML table of `markup`, as shown (unescaped)."""
    table = markup[markup.index("<table"):markup.index("</table>")]
    headers = [html.unescape(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", table.split("</thead>")[0])][1:]
    index = headers.index(column)
    body = table.split("<tbody>")[1]
    return [html.unescape(re.findall(r"<td[^>]*>(.*?)</td>", row)[index])
            for row in re.findall(r"<tr>(.*?)</tr>", body)]


def test_rfm_segment_shares_read_as_percentages_and_keep_pandas_fractions(kc):
    ok(kc, "orders = generate orders 20000 seed 1")
    ok(kc, "r = rfm orders customer user_id time ts value price * quantity order order_id")
    ok(kc, "customers = r | where recency >= 0")
    ok(kc, 'save customers to "customers.csv"')
    bundle = display(ok(kc, "r"))
    segments = next(block["table"] for section in bundle[SUMMARY_MIME]["sections"] for block in section["blocks"]
                    if block["kind"] == "table" and "share" in block["table"]["columns"])
    assert segments["meanings"] == {"share": "share"}
    columns = segments["columns"]
    fractions = {row[columns.index("segment")]: row[columns.index("share")] for row in segments["rows"]}
    expected = pd.read_csv(kc.tmp_path / "customers.csv")["segment"].value_counts(normalize=True)
    assert set(fractions) == set(expected.index)
    for segment, fraction in fractions.items():
        assert abs(fraction - expected[segment]) < 1e-12, segment

    summary_html = bundle["text/html"]
    shown = html_cells(summary_html[summary_html.index("Segments"):], "share")
    assert len(shown) == len(fractions)
    decimals = {len(s.rstrip("%").partition(".")[2]) for s in shown}
    assert len(decimals) == 1, f"one number of decimals per column: {shown}"
    places = decimals.pop()
    for text, fraction in zip(shown, fractions.values()):
        assert text.endswith("%") and not text.endswith(" %"), text
        # The percentage is the fraction, rounded at the last digit shown.
        assert abs(float(text[:-1]) - fraction * 100) <= 0.5 * 10 ** -places + 1e-9, (text, fraction)
    assert all(text in bundle["text/plain"] for text in shown)


def test_share_mark_follows_row_verbs_and_leaves_with_computation(kc):
    ok(kc, "users = generate users 3000 seed 1")
    ok(kc, "seg = kmeans users k 3 on browse_time, spend seed 1")
    ok(kc, "p = profile seg")
    sorted_bundle = display(ok(kc, "p | sort share desc | head 2"))
    assert sorted_bundle[TABLE_MIME]["meanings"] == {"share": "share"}
    assert all(cell.endswith("%") for cell in html_cells(sorted_bundle["text/html"], "share"))
    derived = display(ok(kc, "p | derive pct = share * 100 | select cluster, share, pct"))
    assert derived[TABLE_MIME]["meanings"] == {"share": "share"}
    assert not any(cell.endswith("%") for cell in html_cells(derived["text/html"], "pct"))


def test_set_width_cuts_long_cells_in_html_and_text(kc):
    ok(kc, "reviews = generate reviews 50 seed 1")
    full = display(ok(kc, "reviews | select text"))
    longest = max(len(row[0]) for row in full[TABLE_MIME]["rows"])
    assert longest > 30, "the generated reviews have long texts to cut"
    ok(kc, "set width 20")
    cut = display(ok(kc, "reviews | select text"))
    for cell in html_cells(cut["text/html"], "text"):
        if cell == "…":
            continue
        assert len(cell) <= 20, cell
    assert any(cell.endswith("…") for cell in html_cells(cut["text/html"], "text"))
    # The machine-readable form keeps every character.
    assert cut[TABLE_MIME]["rows"] == full[TABLE_MIME]["rows"]
    reply, outputs = execute(kc, "set width 2")
    assert reply["status"] == "error" and "between 4 and" in reply["evalue"], reply
    # The failed setting changed nothing.
    again = display(ok(kc, "reviews | select text"))
    assert again["text/html"] == cut["text/html"]
