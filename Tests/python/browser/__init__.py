"""Helpers for the untrusted-notebook browser check (Tests/python/test_browser_untrusted.py).

- `png`: a tiny PNG encoder/decoder on the standard library, so the pixel checks need no Pillow;
- `candidates`: the chart representations under test and the fixture notebook that carries them;
- `lab`: a private JupyterLab server and a headless Chromium driven through chromedriver.
"""
