"""papermill support: `papermill in.ipynb out.ipynb -p n 60` on a ShopMine notebook.

papermill writes the parameters as statements of the notebook's language, with the translator registered
for its kernel or language. ShopMineTranslator writes ShopMine assignments (`n = 60`, `name = "x"`,
`flag = true`, `nothing = missing`, `ids = [1, 2]`) under a `# Parameters` comment, and reads a parameters
cell back for `papermill --help-notebook`.

papermill 2.7 has no entry point group for translators: it loads plugins only from `papermill.engine` and
`papermill.io`, and keeps translators in `papermill.translators.papermill_translators`. So this package
declares a `papermill.engine` entry point named `shopmine` whose engine is papermill's own nbclient engine,
unchanged (`--engine shopmine` runs exactly as the default): papermill loads every engine entry point when it
starts, which imports this module, which registers the translator for kernel and language `shopmine`.
"""
from __future__ import annotations

import math

from papermill.models import Parameter
from papermill.translators import Translator, papermill_translators
from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Whitespace

from .lexer import ShopMineLexer, is_bare_name

__all__ = ["ShopMineTranslator"]


class ShopMineTranslator(Translator):
    """Parameters as ShopMine statements (docs/LANGUAGE.md: strings, numbers, true/false, missing, lists)."""

    @classmethod
    def translate_escaped_str(cls, str_val):
        # The escapes ShopMine's lexer reads (and `shopmine execute -p` writes); other characters as they are.
        escapes = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
        return '"' + "".join(escapes.get(c, c) for c in str(str_val)) + '"'

    @classmethod
    def translate_none(cls, val):
        return "missing"

    @classmethod
    def translate_float(cls, val):
        if not math.isfinite(val):
            raise ValueError(f"ShopMine has no literal for {val}; pass a finite number")
        return repr(val)  # 0.5, 60.0, 1e-05: all ShopMine float literals

    @classmethod
    def translate_list(cls, val):
        return "[" + ", ".join(cls.translate(v) for v in val) + "]"

    @classmethod
    def translate_dict(cls, val):
        raise NotImplementedError("ShopMine has no dictionary values; pass the entries as separate parameters")

    @classmethod
    def comment(cls, cmt_str):
        return f"# {cmt_str}".strip()

    @classmethod
    def assign(cls, name, str_val):
        return f"{cls.assignment_target(name)} = {str_val}"

    @staticmethod
    def assignment_target(name):
        """`name` as a ShopMine assignment target: bare when it is an identifier, else backquoted."""
        if is_bare_name(name):
            return name
        if not name or "`" in name or "\n" in name:
            raise ValueError(f"{name!r} cannot be a ShopMine name")
        return f"`{name}`"

    @classmethod
    def inspect(cls, parameters_cell):
        """The `NAME = VALUE  # help` lines of a parameters cell, typed by their literal."""
        source = parameters_cell.source
        params, line = [], []
        tokens = list(ShopMineLexer().get_tokens_unprocessed(source)) + [(len(source), Whitespace, "\n")]
        for index, token, text in tokens:
            if token in Whitespace and "\n" in text:
                if param := cls._parameter(source, line):
                    params.append(param)
                line = []
            elif token not in Whitespace:
                line.append((index, token, text))
        return params

    @staticmethod
    def _parameter(source, line):
        """A Parameter from one line's (offset, token, text) list without spaces, or None when the line is
        not a plain assignment."""
        help_text = ""
        if line and line[-1][1] in Comment:
            help_text = line.pop()[2].lstrip("#").strip()
        if len(line) < 3 or line[0][1] is not Name or line[1][1:] != (Operator, "="):
            return None
        value = line[2:]
        (start, first, first_text), (last_start, _, last_text) = value[0], value[-1]
        single = len(value) == 1
        if first in String:
            type_name = "str"
        elif first in Number.Integer and single:
            type_name = "int"
        elif first in Number.Float and single:
            type_name = "float"
        elif first is Keyword.Constant and single:
            type_name = "NoneType" if first_text == "missing" else "bool"
        elif (first, first_text) == (Punctuation, "["):
            type_name = "list"
        else:
            type_name = "None"  # papermill's word for "unknown"
        return Parameter(name=line[0][2].strip("`"), inferred_type_name=type_name,
                         default=source[start:last_start + len(last_text)], help=help_text)


papermill_translators.register("shopmine", ShopMineTranslator)


def __getattr__(attribute):
    # The `papermill.engine` entry point's object, looked up only when papermill loads its entry points:
    # importing papermill.engines here at module level would start that loading while this module is
    # half-imported.
    if attribute == "Engine":
        from papermill.engines import NBClientEngine

        return NBClientEngine
    raise AttributeError(f"module {__name__!r} has no attribute {attribute!r}")
