"""ShopMine's Python package (python/shopmine-jupyter) through the real libraries that use it.

- Pygments finds `ShopMineLexer` by name, file name and MIME type, and it cuts and classifies tokens as
  ShopMine's own lexer and parser read them; its word lists are what `shopmine lexicon` prints.
- nbconvert's HTML of a committed notebook is coloured by it (verbs as keywords, options as attributes).
- papermill injects `-p` parameters as ShopMine assignments and runs the notebook on the shopmine kernel.
"""
import json
import os
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import nbformat
import pytest
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename, get_lexer_for_mimetype
from pygments.token import Comment, Error, Keyword, Name, Number, Operator, Punctuation, String, Whitespace

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "python" / "shopmine-jupyter" / "shopmine_jupyter"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def venv_bin(name):
    """A console script of the test environment (jupyter, papermill), beside this Python."""
    return str(Path(sys.executable).parent / name)


def lex(code):
    """(token type, text) of `code` without whitespace, from the lexer Pygments finds for 'shopmine'."""
    return [(t, v) for _, t, v in get_lexer_by_name("shopmine").get_tokens_unprocessed(code) if t not in Whitespace]


# Highlighting


def test_the_installed_package_is_the_one_in_the_repository():
    import shopmine_jupyter

    installed = Path(shopmine_jupyter.__file__).parent
    for name in ("lexer.py", "translator.py", "lexicon.json"):
        assert (installed / name).read_bytes() == (PACKAGE / name).read_bytes(), \
            f"{name} differs from the repository's: run scripts/venv.sh to reinstall python/shopmine-jupyter"


def test_pygments_finds_the_lexer_by_name_file_name_and_mime_type():
    for lexer in (get_lexer_by_name("shopmine"), get_lexer_for_filename("churn.mine"),
                  get_lexer_for_mimetype("text/x-shopmine")):
        assert type(lexer).__name__ == "ShopMineLexer" and lexer.name == "ShopMine"


def test_statements_tokenise_as_shopmine_reads_them():
    # One statement a line; each expected list is the whole line.
    cases = {
        "# churn, by city": [(Comment.Single, "# churn, by city")],
        "users = generate users 100 seed 42": [
            (Name, "users"), (Operator, "="), (Keyword, "generate"), (Keyword.Pseudo, "users"),
            (Number.Integer, "100"), (Name.Attribute, "seed"), (Number.Integer, "42")],
        'users | where spend > 100.5 and city == "Shanghai" | sort spend desc': [
            (Name, "users"), (Operator, "|"), (Keyword, "where"), (Name, "spend"), (Operator, ">"),
            (Number.Float, "100.5"), (Operator.Word, "and"), (Name, "city"), (Operator, "=="),
            (String.Double, '"Shanghai"'), (Operator, "|"),
            (Keyword, "sort"), (Name, "spend"), (Keyword.Pseudo, "desc")],
        # A backquoted name is one Name, even when it spells an option (`by`) or has spaces.
        "orders | derive `order value` = price * 1e3 | group by `by` aggregate n = count()": [
            (Name, "orders"), (Operator, "|"), (Keyword, "derive"), (Name, "`order value`"), (Operator, "="),
            (Name, "price"), (Operator, "*"), (Number.Float, "1e3"), (Operator, "|"), (Keyword, "group"),
            (Name.Attribute, "by"), (Name, "`by`"), (Name.Attribute, "aggregate"), (Name, "n"), (Operator, "="),
            (Name.Builtin, "count"), (Punctuation, "("), (Punctuation, ")")],
        # The value of an option is never an option, even when it spells one (`rating rating`).
        "icf = itemcf train user user_id item product_id rating rating neighbors 40": [
            (Name, "icf"), (Operator, "="), (Keyword, "itemcf"), (Name, "train"), (Name.Attribute, "user"),
            (Name, "user_id"), (Name.Attribute, "item"), (Name, "product_id"), (Name.Attribute, "rating"),
            (Name, "rating"), (Name.Attribute, "neighbors"), (Number.Integer, "40")],
        # Word values, a glued `++`, a flag; after a comma comes a value, not an option.
        "kmeans users k 3 on browse_time, k init kmeans++ trace": [
            (Keyword, "kmeans"), (Name, "users"), (Name.Attribute, "k"), (Number.Integer, "3"),
            (Name.Attribute, "on"), (Name, "browse_time"), (Punctuation, ","), (Name, "k"),
            (Name.Attribute, "init"), (Keyword.Pseudo, "kmeans++"), (Name.Attribute, "trace")],
        # The chart kind is read once: the second `rules` is the table.
        "plot rules rules": [(Keyword, "plot"), (Keyword.Pseudo, "rules"), (Name, "rules")],
        # Verbs are verbs only where a call starts: `tree` the chart kind, `sample` a column.
        "plot tree (t | where sample > 1_000)": [
            (Keyword, "plot"), (Keyword.Pseudo, "tree"), (Punctuation, "("), (Name, "t"), (Operator, "|"),
            (Keyword, "where"), (Name, "sample"), (Operator, ">"), (Number.Integer, "1_000"), (Punctuation, ")")],
        r"print 'it\'s', round(2.5), day, x is not missing, [1..3], true": [
            (Keyword, "print"), (String.Single, "'it"), (String.Escape, r"\'"), (String.Single, "s'"),
            (Punctuation, ","), (Name.Builtin, "round"),
            (Punctuation, "("), (Number.Float, "2.5"), (Punctuation, ")"), (Punctuation, ","), (Name, "day"),
            (Punctuation, ","), (Name, "x"), (Operator.Word, "is"), (Operator.Word, "not"),
            (Keyword.Constant, "missing"), (Punctuation, ","), (Punctuation, "["), (Number.Integer, "1"),
            (Operator, ".."), (Number.Integer, "3"), (Punctuation, "]"), (Punctuation, ","),
            (Keyword.Constant, "true")],
        "time users | head 1; time = 3": [
            (Keyword, "time"), (Name, "users"), (Operator, "|"), (Keyword, "head"), (Number.Integer, "1"),
            (Punctuation, ";"), (Name, "time"), (Operator, "="), (Number.Integer, "3")],
        "浏览 = generate orders 5 | rename 金额 to amount": [
            (Name, "浏览"), (Operator, "="), (Keyword, "generate"), (Keyword.Pseudo, "orders"),
            (Number.Integer, "5"), (Operator, "|"), (Keyword, "rename"), (Name, "金额"), (Keyword.Pseudo, "to"),
            (Name, "amount")],
    }
    for line, expected in cases.items():
        assert lex(line) == expected, line


def test_a_continued_pipeline_keeps_its_verb_and_a_new_line_starts_a_statement():
    code = "big = orders\n  | group by user_id,\n    k aggregate n = count()\nk = 2"
    assert lex(code) == [
        (Name, "big"), (Operator, "="), (Name, "orders"), (Operator, "|"), (Keyword, "group"),
        (Name.Attribute, "by"), (Name, "user_id"), (Punctuation, ","), (Name, "k"), (Name.Attribute, "aggregate"),
        (Name, "n"), (Operator, "="), (Name.Builtin, "count"), (Punctuation, "("), (Punctuation, ")"),
        (Name, "k"), (Operator, "="), (Number.Integer, "2")]


@pytest.mark.parametrize("code, message", [
    ('print "open', "unterminated string"),
    (r'print "a\qb"', "unknown escape"),
    ("x = 12abc", "invalid number"),
    ("x = `open", "unterminated backquoted name"),
    ("x = 3 $ 4", "unexpected character"),
    ("x = (1 + 2]", "']' does not match '('"),
    ("x = 1)", "no matching opening bracket"),
])
def test_errors_are_where_shopmines_own_lexer_fails(shopmine_bin, code, message):
    assert Error in [t for t, _ in lex(code)]
    proc = subprocess.run([shopmine_bin, "run", "-"], input=code, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and message in proc.stderr, proc.stderr


def test_every_cell_of_the_committed_notebooks_lexes_without_errors_and_loses_nothing():
    lexer = get_lexer_by_name("shopmine")
    cells = [c.source for nb in NOTEBOOKS for c in nbformat.read(nb, as_version=4).cells if c.cell_type == "code"]
    assert len(NOTEBOOKS) >= 8 and len(cells) > 100
    verbs = 0
    for source in cells:
        tokens = list(lexer.get_tokens_unprocessed(source))
        assert "".join(v for _, _, v in tokens) == source
        assert [v for _, t, v in tokens if t is Error] == [], source
        verbs += sum(t is Keyword for _, t, _ in tokens)
    assert verbs > len(cells)


def test_lexicon_json_is_what_the_binary_prints(shopmine_bin):
    proc = subprocess.run([shopmine_bin, "lexicon"], capture_output=True, text=True, timeout=60, check=True)
    committed = (PACKAGE / "lexicon.json").read_text(encoding="utf-8")
    assert proc.stdout == committed, (
        "lexicon.json is stale: shopmine lexicon > python/shopmine-jupyter/shopmine_jupyter/lexicon.json")
    lexicon = json.loads(committed)
    assert {"generate", "kmeans", "dedupe"} <= set(lexicon["verbs"])
    assert {"and", "or", "not", "missing"} <= set(lexicon["keywords"])
    assert {"seed", "by", "on", "as"} <= set(lexicon["options"])
    assert {"count", "round", "days_between", "quantile"} <= set(lexicon["functions"])
    kinds = ["inner", "left", "right", "outer", "semi", "anti"]
    assert lexicon["arguments"]["join"]["options"]["kind"] == kinds
    assert lexicon["arguments"]["join"]["options"]["how"] == kinds
    # Hidden: a tool for the repository, not for users.
    usage = subprocess.run([shopmine_bin, "--help"], capture_output=True, text=True, timeout=60).stdout
    assert "execute" in usage and "lexicon" not in usage


def test_the_kernel_names_the_shopmine_lexer(kernel):
    _, kc = kernel
    kc.kernel_info()
    reply = kc.get_shell_msg(timeout=30)
    assert reply["content"]["language_info"]["pygments_lexer"] == "shopmine"


def test_nbconvert_html_of_a_committed_notebook_is_coloured_by_the_shopmine_lexer(tmp_path):
    notebook = ROOT / "notebooks" / "01-tour.ipynb"
    proc = subprocess.run([venv_bin("jupyter"), "nbconvert", "--to", "html", "--output-dir", str(tmp_path),
                           str(notebook)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "No lexer found" not in proc.stderr
    html = (tmp_path / "01-tour.html").read_text(encoding="utf-8")
    # (Pygments CSS class, text) of every highlighted token in the page.
    spans = {(cls, unescape(text)) for cls, text in re.findall(r'<span class="(\w+)">([^<]*)</span>', html)}
    for span in [("k", "generate"), ("kp", "users"), ("na", "seed"), ("mi", "42"), ("k", "where"), ("ow", "and"),
                 ("s2", '"Shanghai"'), ("nb", "sum"), ("kp", "desc"), ("na", "by"), ("mf", "0.2")]:
        assert span in spans, span
    assert 'class="err"' not in html


# papermill

PARAMETERS_NOTEBOOK = [
    ("parameters", 'n = 100          # rows to generate\nlabel = "default"\nrate = 0.5\nflag = false\n'
                   'ids = [1]\nnothing = 1'),
    (None, "users = generate users n seed 1"),
    (None, "count(users)"),
    (None, 'print label, rate * 2, flag, count(ids), nothing is missing'),
]


def parameters_notebook(path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "shopmine", "display_name": "ShopMine", "language": "shopmine"}
    for tag, source in PARAMETERS_NOTEBOOK:
        cell = nbformat.v4.new_code_cell(source)
        if tag:
            cell.metadata["tags"] = [tag]
        nb.cells.append(cell)
    nbformat.write(nb, path)


def test_papermill_translates_parameters_to_shopmine():
    from papermill.translators import translate_parameters

    text = translate_parameters("shopmine", "shopmine", {
        "n": 60, "rate": 1e-05, "label": 'say "hi"\n\\', "flag": True, "ids": [1, "a"], "nothing": None,
        "order id": 3,
    })
    assert text == ('# Parameters\nn = 60\nrate = 1e-05\nlabel = "say \\"hi\\"\\n\\\\"\nflag = true\n'
                    'ids = [1, "a"]\nnothing = missing\n`order id` = 3\n')


def test_papermill_injects_parameters_and_runs_the_notebook_on_the_kernel(jupyter_env, tmp_path):
    source, out = tmp_path / "in.ipynb", tmp_path / "out.ipynb"
    parameters_notebook(source)
    proc = subprocess.run(
        [venv_bin("papermill"), str(source), str(out), "-p", "n", "60", "-p", "label", 'say "hi"',
         "-p", "rate", "0.25", "-p", "flag", "True", "-y", "ids: [1, 2, 3]\nnothing: null"],
        cwd=tmp_path, env=os.environ.copy(), capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    cells = nbformat.read(out, as_version=4).cells
    injected = cells[1]
    assert injected.metadata.tags == ["injected-parameters"]
    # papermill's order: -y values first, then -p.
    assert injected.source == ('# Parameters\nids = [1, 2, 3]\nnothing = missing\nn = 60\nlabel = "say \\"hi\\""\n'
                               'rate = 0.25\nflag = true\n')
    assert injected.outputs == []  # it ran without an error
    assert cells[3].outputs[0]["data"]["text/plain"] == "60"
    assert cells[4].outputs == [{"output_type": "stream", "name": "stdout", "text": 'say "hi" 0.5 true 3 true\n'}]


def test_papermill_help_notebook_lists_the_parameters_cell(jupyter_env, tmp_path):
    source = tmp_path / "in.ipynb"
    parameters_notebook(source)
    proc = subprocess.run([venv_bin("papermill"), "--help-notebook", str(source)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = [line.strip() for line in proc.stdout.splitlines()]
    # papermill puts the help after the definition, padded to a column.
    assert [line.split() for line in lines if line.startswith("n:")] == [
        ["n:", "int", "(default", "100)", "rows", "to", "generate"]]
    assert 'label: str (default "default")' in lines
    assert "rate: float (default 0.5)" in lines
    assert "flag: bool (default false)" in lines
    assert "ids: list (default [1])" in lines
