"""A Pygments lexer for ShopMine that follows the language's own lexer and parser.

Tokens are cut as ShopMine's lexer cuts them (Sources/ShopMineLanguage/Syntax/Lexer.swift): `#` comments,
`"…"`/`'…'` strings with their escapes, `` `backquoted names` ``, numbers (`42`, `100.5`, `1e3`, `1_000`),
Unicode identifiers, and the lexer's symbols. Words are classified as the parser reads them, with the
verbs, options and argument words of lexicon.json (printed by `shopmine lexicon`, so there is one list):

- a verb where a verb call can start (a statement, after `|`, `=`, `(` …) is a Keyword;
- an option word of that verb is a Name.Attribute (`k` in `kmeans users k 3`), unless it is the value of
  the option before it (`rating rating`);
- a word the verb's arguments read (`users` in `generate users`, `desc`, `inner`) is a Keyword.Pseudo;
- `and or not in is` are Operator.Word, `true false missing` Keyword.Constant, `time` before a
  statement a Keyword;
- a name glued to `(` is a call: Name.Builtin for ShopMine's functions, else Name.Function;
- other names, bare or backquoted, are Name.

Text ShopMine's lexer rejects (an unterminated string, `1abc`, `$`, a `)` that closes nothing or a `[`)
becomes Error tokens.
"""
from __future__ import annotations

import json
import re
from importlib import resources

from pygments.lexer import Lexer
from pygments.token import Comment, Error, Keyword, Name, Number, Operator, Punctuation, String, Whitespace

__all__ = ["ShopMineLexer", "LEXICON", "is_bare_name"]

LEXICON = json.loads(resources.files(__package__).joinpath("lexicon.json").read_text(encoding="utf-8"))

_LITERAL_WORDS = {"true", "false", "missing"}
_PUNCTUATION = {"(", ")", "[", "]", "{", "}", ",", ":"}
_OPEN = {"(", "[", "{"}
_CLOSE = {")": "(", "]": "[", "}": "{"}  # each closing bracket with the one it closes

# Lexer.swift's rules as regular expressions; only ASCII digits are digits there.
_SPACE = re.compile(r"[ \t\r\ufeff]+")
_COMMENT = re.compile(r"#[^\n]*")
_NUMBER = re.compile(r"(?:[0-9][0-9_]*(?:\.[0-9][0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][+-]?[0-9]+)?")
_ESCAPE = re.compile(r"\\(?:[ntr\\\"']|u\{[0-9A-Fa-f]{1,8}\})")
_BACKQUOTED = re.compile(r"`[^`\n]+`")
_SYMBOL = re.compile("|".join(re.escape(s) for s in sorted(LEXICON["symbols"], key=len, reverse=True)))


def _is_digit(c: str) -> bool:
    return len(c) == 1 and "0" <= c <= "9"


def is_bare_name(text: str) -> bool:
    """Whether `text` is one identifier as ShopMine's lexer reads it (else it needs backquotes)."""
    return bool(text) and _is_identifier_start(text[0]) and all(_is_identifier_continue(c) for c in text[1:])


def _is_identifier_start(c: str) -> bool:
    # Swift: `_`, ASCII letters, else Unicode XID_Start — what str.isidentifier() checks.
    return c == "_" or (c.isascii() and c.isalpha()) or (not c.isascii() and c.isidentifier())


def _is_identifier_continue(c: str) -> bool:
    return c == "_" or (c.isascii() and c.isalnum()) or (not c.isascii() and ("a" + c).isidentifier())


class _Frame:
    """What the parser expects inside one bracket level (or at statement level)."""

    def __init__(self, opener=None):
        self.opener = opener  # the bracket that opened this level; None at statement level
        self.reset()

    def reset(self):
        self.head = True  # a verb call may start here
        self.verb = None  # the arguments entry of the verb being read
        self.value_words = None  # after an option: the words its value may be; None: not after an option
        self.used = set()  # indices of the verb's word positionals already matched


class ShopMineLexer(Lexer):
    """ShopMine, the e-commerce data mining language of the ShopMine Jupyter kernel."""

    name = "ShopMine"
    aliases = ["shopmine"]
    filenames = ["*.mine"]
    mimetypes = ["text/x-shopmine"]
    url = "https://github.com/shopmine/shopmine/blob/main/docs/LANGUAGE.md"

    _verbs = set(LEXICON["verbs"])
    _keywords = set(LEXICON["keywords"])
    _statement_keywords = set(LEXICON["statement_keywords"])
    _block_end = LEXICON["block_end"]
    _expression_keywords = set(LEXICON["expression_keywords"])
    _functions = set(LEXICON["functions"])
    _arguments = LEXICON["arguments"]

    def get_tokens_unprocessed(self, text):
        frames = [_Frame()]
        last = None  # the last symbol or value token, for line continuation
        i, n = 0, len(text)
        while i < n:
            c = text[i]
            frame = frames[-1]
            if m := _SPACE.match(text, i):
                yield i, Whitespace, m.group()
                i = m.end()
            elif c == "#":
                m = _COMMENT.match(text, i)
                yield i, Comment.Single, m.group()
                i = m.end()
            elif c == "\n" or c == ";":
                yield i, (Whitespace if c == "\n" else Punctuation), c
                # A newline inside brackets, or after a trailing `|` or `,`, continues the statement.
                if len(frames) == 1 and not (c == "\n" and last in ("|", ",")):
                    frame.reset()
                    last = None
                i += 1
            elif c in "\"'":
                tokens, i = self._string(text, i)
                yield from tokens
                self._value(frame)
                last = "value"
            elif c == "`":
                m = _BACKQUOTED.match(text, i)
                if m:  # a name, never a verb, keyword or option, however it is spelled
                    yield i, Name, m.group()
                    i = m.end()
                    self._value(frame)
                    last = "value"
                else:
                    end = text.find("\n", i)
                    end = n if end < 0 else end
                    yield i, Error, text[i:end]
                    i = end
            elif _is_identifier_start(c):
                j = i + 1
                while j < n and _is_identifier_continue(text[j]):
                    j += 1
                # `db.orders` (a connection's table), `ctx.page` (a flattened JSON column): one name.
                while j + 1 < n and text[j] == "." and _is_identifier_start(text[j + 1]):
                    j += 2
                    while j < n and _is_identifier_continue(text[j]):
                        j += 1
                j = self._plus_plus_suffix(text, j)
                yield i, self._word(text[i:j], text, j, frame), text[i:j]
                i = j
                last = "value"
            elif _is_digit(c) or (c == "." and _is_digit(text[i + 1:i + 2]) and text[i - 1:i] != "."):
                m = _NUMBER.match(text, i)
                j = m.end()
                if j < n and _is_identifier_start(text[j]):  # `1abc`: "invalid number"
                    while j < n and _is_identifier_continue(text[j]):
                        j += 1
                    yield i, Error, text[i:j]
                else:
                    number = m.group()
                    fractional = "." in number or "e" in number or "E" in number
                    yield i, (Number.Float if fractional else Number.Integer), number
                self._value(frame)
                i = j
                last = "value"
            elif m := _SYMBOL.match(text, i):
                symbol = m.group()
                if symbol in _CLOSE and frame.opener != _CLOSE[symbol]:
                    yield i, Error, symbol  # "unexpected ')' with no matching opening bracket", "does not match"
                    i = m.end()
                    continue
                yield i, (Punctuation if symbol in _PUNCTUATION else Operator), symbol
                i = m.end()
                last = symbol
                if symbol in _OPEN:
                    frames.append(_Frame(opener=symbol))
                elif symbol in _CLOSE:
                    frames.pop()
                    self._value(frames[-1])
                    last = "value"
                elif symbol == "|":
                    frame.reset()
                elif symbol in ("=", ","):
                    # Outside a verb, `a = …`, `a, b = …` and list items may start a verb call; inside one,
                    # a comma continues the current argument's list, so the next word is a value.
                    if frame.verb is None:
                        frame.head = True
                    elif symbol == ",":
                        frame.value_words = []
            else:
                yield i, Error, c
                i += 1

    @staticmethod
    def _value(frame):
        """A value was read: the current option's value is given, and no verb call starts here."""
        frame.head = False
        frame.value_words = None

    def _word(self, word, text, end, frame):
        """The token type of the bare word `word`, which ends at `end`; updates `frame`."""
        if word in self._keywords:
            # Reserved words never end an argument: `is missing`, `not in`, `a and b`.
            return Keyword.Constant if word in _LITERAL_WORDS else Operator.Word
        if word in self._expression_keywords:
            self._value(frame)
            return Keyword  # `case when … then … else … end`
        glued_call = text.startswith("(", end)
        if frame.head:
            if word in self._verbs:
                frame.reset()
                frame.head = False
                frame.verb = self._arguments[word]
                return Keyword
            rest = text[end:].lstrip(" \t")
            assignment = rest.startswith("=") and not rest.startswith("==")
            if word in self._statement_keywords and not assignment and rest[:1] not in ("", "\n", ";", "#"):
                return Keyword  # `time STATEMENT`: a verb call may still follow
            if word == self._block_end and rest[:1] in ("", "\n", ";", "#"):
                return Keyword  # `end` of a `for` block
        verb = frame.verb
        if verb is not None:
            if frame.value_words is None and word in verb["options"]:
                frame.head = False
                frame.value_words = verb["options"][word]  # None for a flag: no value follows
                return Name.Attribute
            if frame.value_words is not None and word in frame.value_words:
                self._value(frame)
                return Keyword.Pseudo
            if word in verb["keywords"]:
                return Keyword.Pseudo
            if frame.value_words is None:
                for index, words in enumerate(verb["positionals"]):
                    if index not in frame.used and word in words:
                        frame.used.add(index)
                        frame.head = False
                        return Keyword.Pseudo
        self._value(frame)
        if glued_call:
            return Name.Builtin if word in self._functions else Name.Function
        return Name

    @staticmethod
    def _plus_plus_suffix(text, end):
        """`kmeans++` is one word when the `++` is glued to it and nothing glued follows (Lexer.swift)."""
        if not text.startswith("++", end):
            return end
        after = text[end + 2:end + 3]
        if after and (_is_identifier_continue(after) or after in "+-!([{'\"`."):
            return end
        return end + 2

    @staticmethod
    def _string(text, start):
        """The tokens of the string at `start`, and where it ends. Escapes are String.Escape; an unknown
        escape is an Error, and so is a string the line ends before its closing quote."""
        quote, i, n = text[start], start + 1, len(text)
        kind = String.Double if quote == '"' else String.Single
        tokens = [(start, kind, quote)]
        while i < n and text[i] != "\n":
            if text[i] == quote:
                tokens.append((i, kind, quote))
                return _merged(tokens), i + 1
            if text[i] == "\\":
                m = _ESCAPE.match(text, i)
                end = m.end() if m else min(i + 2, n)
                if text[i + 1:i + 2] in ("", "\n"):
                    break  # a backslash at the end of the line: the string is left open
                tokens.append((i, String.Escape if m else Error, text[i:end]))
                i = end
                continue
            j = i
            while j < n and text[j] not in (quote, "\\", "\n"):
                j += 1
            tokens.append((i, kind, text[i:j]))
            i = j
        end = text.find("\n", start)
        end = n if end < 0 else end
        return [(start, Error, text[start:end])], end


def _merged(tokens):
    """Adjacent (offset, type, text) tokens of one type joined: `"Shanghai"` is one String token."""
    out = []
    for index, token, text in tokens:
        if out and out[-1][1] is token:
            out[-1] = (out[-1][0], token, out[-1][2] + text)
        else:
            out.append((index, token, text))
    return out
