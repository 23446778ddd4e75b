"""The chart representations the untrusted-notebook check compares, and the fixture notebook carrying them.

Every candidate shows the same tiny chart — a red filled rectangle on a white ground — so a screenshot
can tell "the chart is there" from "only the text/plain line is there" by counting red pixels. The
Vega-Lite spec in the combined bundles draws a *blue* bar instead, so the pixels also tell which
renderer JupyterLab picked when a bundle offers several.

Run `python -m browser.candidates OUT.ipynb` from Tests/python to rewrite the committed fixture.
"""
from __future__ import annotations

import base64
import json
import sys
from dataclasses import dataclass

from . import png

WIDTH, HEIGHT = 160, 100
# The red rectangle inside the white 160 × 100 picture: 80 × 60 = 4,800 red pixels at scale 1.
RED_BOX = (40, 20, 80, 60)
RED, BLUE, WHITE = "#ff0000", "#0000ff", "#ffffff"

CHART_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
    f'width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">'
    "<title>red rectangle</title><desc>a red rectangle on white</desc>"
    f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="{WHITE}"/>'
    f'<rect x="{RED_BOX[0]}" y="{RED_BOX[1]}" width="{RED_BOX[2]}" height="{RED_BOX[3]}" fill="{RED}"/>'
    "</svg>"
)


def chart_png() -> bytes:
    """The same picture as `CHART_SVG`, as PNG bytes."""
    x0, y0, w, h = RED_BOX

    def colour(x: int, y: int) -> tuple[int, int, int]:
        return (255, 0, 0) if x0 <= x < x0 + w and y0 <= y < y0 + h else (255, 255, 255)

    return png.encode_rgb(WIDTH, HEIGHT, colour)


def img_tag(svg: str, alt: str) -> str:
    """The `text/html` form ShopMine's ChartBundle emits: an `<img>` with a base64 SVG data URI."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img src="data:image/svg+xml;base64,{data}" alt="{alt}"/>'


# A one-bar Vega-Lite chart in blue: if it shows, blue pixels appear; if the HTML wins, red ones do.
VEGA_LITE = {
    "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
    "width": 80,
    "height": 60,
    "data": {"values": [{"k": "a", "v": 1}]},
    "mark": {"type": "bar", "color": BLUE},
    "encoding": {
        "x": {"field": "k", "type": "nominal"},
        "y": {"field": "v", "type": "quantitative"},
    },
}


@dataclass(frozen=True)
class Candidate:
    """One output bundle under test; `key` is the letter used in the brief and in the report."""

    key: str
    title: str
    bundle: dict


def candidates() -> list[Candidate]:
    """All bundles, in the order of the fixture notebook's code cells."""
    text = "a red rectangle on white"
    svg_b = {"image/svg+xml": CHART_SVG, "text/plain": text}
    return [
        Candidate("a", "image/svg+xml", svg_b),
        Candidate("b", "text/html <img> SVG data URI", {"text/html": img_tag(CHART_SVG, text), "text/plain": text}),
        Candidate("c", "text/html inline <svg>", {"text/html": CHART_SVG, "text/plain": text}),
        Candidate("d", "image/png", {"image/png": base64.b64encode(chart_png()).decode("ascii"), "text/plain": text}),
        Candidate(
            "shopmine",
            "ShopMine bundle: image/svg+xml + text/html <img> + Vega-Lite + text/plain",
            {
                "image/svg+xml": CHART_SVG,
                "text/html": img_tag(CHART_SVG, text),
                "application/vnd.vegalite.v5+json": VEGA_LITE,
                "text/plain": text,
            },
        ),
        Candidate("vegalite", "application/vnd.vegalite.v5+json", {"application/vnd.vegalite.v5+json": VEGA_LITE, "text/plain": text}),
        Candidate(
            "svg+vegalite",
            "image/svg+xml + Vega-Lite (no text/html)",
            {"image/svg+xml": CHART_SVG, "application/vnd.vegalite.v5+json": VEGA_LITE, "text/plain": text},
        ),
    ]


def notebook(items: list[Candidate] | None = None) -> dict:
    """An nbformat 4.5 notebook (as a JSON-ready dict) with one code cell per candidate, no signature.

    The kernelspec is `python3` (ipykernel is in the test venv) so JupyterLab opens it without a
    "select kernel" dialog; nothing is executed.
    """
    cells = []
    for index, item in enumerate(items if items is not None else candidates()):
        cells.append(
            {
                "cell_type": "code",
                "execution_count": index + 1,
                "id": f"candidate-{item.key.replace('+', '-')}",
                "metadata": {},
                "source": f"# candidate {item.key}: {item.title}",
                "outputs": [{"output_type": "display_data", "data": item.bundle, "metadata": {}}],
            }
        )
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def notebook_text(nb: dict) -> str:
    """The notebook in Jupyter's own JSON style (indent 1, sorted keys, trailing newline)."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m browser.candidates OUT.ipynb")
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        out.write(notebook_text(notebook()))
