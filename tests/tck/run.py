#!/usr/bin/env python3
"""Runs the openCypher TCK (and PartnerGraph's own scenarios) against `pgraph query`.

PartnerGraph is read-only from Cypher: a graph is loaded with `pgraph import`.
So for every scenario this runner
  1. parses the Gherkin feature file (Scenario, Scenario Outline + Examples,
     Background, docstrings, tables);
  2. skips it, with a counted reason, when the tested query writes or the
     setup graph cannot be represented in PartnerGraph;
  3. runs the setup Cypher (`having executed:`, named graphs) here, in a small
     interpreter of the write subset the TCK uses, into an in-memory graph;
  4. writes that graph as a schema and an import document, creates a fresh
     database (`init --empty --schema`, `import`) and runs the query with
     `query --json`;
  5. compares the rows the TCK way.

Standard library only (Python 3.11). See tests/tck/README.md.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_TCK = REPO_ROOT.parent / 'shared' / 'ref' / 'opencypher-tck'
DEFAULT_FEATURES = REPO_ROOT / 'tests' / 'tck' / 'features'
DEFAULT_PGRAPH = REPO_ROOT / 'build' / 'src' / 'cli' / 'pgraph'
PARTNERGRAPH_SCHEMA = REPO_ROOT / 'data' / 'schema.json'

# Kind given to nodes without a label (a PartnerGraph entity always has one),
# and relation type put in the schema when the graph has none (a schema needs
# at least one type).
NO_LABEL = '_'
NO_TYPE = '_'
# Every relationship type of a TCK graph: directed, between any kinds.
ANY_ENDPOINTS = {'symmetric': False, 'from': ['*'], 'to': ['*']}


class SetupError(Exception):
    """The scenario cannot be run here; the message is the skip reason."""


# ---------------------------------------------------------------------------
# Gherkin
# ---------------------------------------------------------------------------

@dataclass
class Step:
    keyword: str            # Given, When, Then (And/But take the one before)
    text: str               # the step text after the keyword
    line: int
    docstring: str | None = None
    table: list[list[str]] | None = None


@dataclass
class Scenario:
    path: Path              # the feature file
    root: Path              # the features folder it was found under
    feature: str
    name: str
    line: int
    tags: list[str]
    steps: list[Step]

    @property
    def folder(self) -> str:
        """The report group: the first two folders under features/."""
        parts = self.path.relative_to(self.root).parts[:-1]
        return '/'.join(parts[:2]) if parts else '.'

    @property
    def where(self) -> str:
        return f'{self.path}:{self.line}'


_STEP_KEYWORDS = ('Given', 'When', 'Then', 'And', 'But', '*')


def split_table_row(line: str) -> list[str]:
    """The cells of a Gherkin table row `| a | b |`.

    Gherkin unescapes `\\|` to `|`, `\\\\` to `\\` and `\\n` to a newline in
    cells; any other backslash stays (the TCK then reads `\\'` in its string
    syntax).
    """
    body = line.strip()
    assert body.startswith('|')
    cells, cell, i = [], [], 1
    while i < len(body):
        c = body[i]
        if c == '\\' and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt == '|':
                cell.append('|')
            elif nxt == '\\':
                cell.append('\\')
            elif nxt == 'n':
                cell.append('\n')
            else:
                cell.append('\\' + nxt)
            i += 2
            continue
        if c == '|':
            cells.append(''.join(cell).strip())
            cell = []
        else:
            cell.append(c)
        i += 1
    return cells


def parse_feature(text: str, path: Path, root: Path | None = None) -> list[Scenario]:
    """Parses one feature file into scenarios, outlines expanded.

    Background steps are put in front of every scenario's own steps. An
    outline gives one scenario per Examples row, named `name [row N]` and
    located at the row's line; `<column>` is replaced in step texts,
    docstrings and tables.
    """
    lines = text.split('\n')
    feature = ''
    feature_tags: list[str] = []
    pending_tags: list[str] = []
    background: list[Step] = []
    # (name, line, tags, steps, examples: list of tables with row lines)
    blocks: list[dict[str, Any]] = []
    current: list[Step] | None = None
    current_block: dict[str, Any] | None = None
    examples_table: list[tuple[int, list[str]]] | None = None
    last_keyword = 'Given'
    i = 0
    while i < len(lines):
        raw = lines[i]
        stripped = raw.strip()
        lineno = i + 1
        i += 1
        if not stripped or stripped.startswith('#'):
            continue
        if stripped.startswith('@'):
            pending_tags.extend(t for t in stripped.split() if t.startswith('@'))
            continue
        head, colon, rest = stripped.partition(':')
        if head == 'Feature' and colon:
            feature = rest.strip()
            feature_tags, pending_tags = pending_tags, []
            continue
        if head == 'Background' and colon:
            current, current_block, examples_table = background, None, None
            continue
        if head in ('Scenario', 'Scenario Outline', 'Scenario Template', 'Example') and colon:
            current_block = {'name': rest.strip(), 'line': lineno,
                             'tags': feature_tags + pending_tags, 'steps': [],
                             'examples': [], 'outline': head != 'Scenario'}
            pending_tags = []
            blocks.append(current_block)
            current, examples_table = current_block['steps'], None
            continue
        if head in ('Examples', 'Scenarios') and colon:
            examples_table = []
            pending_tags = []
            if current_block is not None:
                current_block['examples'].append(examples_table)
            continue
        if stripped.startswith('"""') or stripped.startswith('```'):
            fence = stripped[:3]
            indent = len(raw) - len(raw.lstrip())
            body = []
            while i < len(lines) and lines[i].strip() != fence:
                # Docstring lines lose the opening fence's indentation.
                line = lines[i]
                cut = min(indent, len(line) - len(line.lstrip()))
                body.append(line[cut:].replace('\\"\\"\\"', '"""'))
                i += 1
            i += 1  # the closing fence
            if current:
                current[-1].docstring = '\n'.join(body)
            continue
        if stripped.startswith('|'):
            row = split_table_row(stripped)
            if examples_table is not None:
                examples_table.append((lineno, row))
            elif current:
                step = current[-1]
                step.table = (step.table or []) + [row]
            continue
        word = stripped.split(' ', 1)[0]
        if word in _STEP_KEYWORDS and current is not None:
            keyword = last_keyword if word in ('And', 'But', '*') else word
            last_keyword = keyword
            current.append(Step(keyword, stripped[len(word):].strip(), lineno))
            continue
        # Free text (a feature's or scenario's description) is ignored.

    scenarios = []
    for block in blocks:
        steps = background + block['steps']
        if not block['outline']:
            scenarios.append(Scenario(path, root or path.parent, feature, block['name'],
                                      block['line'], block['tags'], _copy_steps(steps, {})))
            continue
        for table in block['examples']:
            if not table:
                continue
            header = table[0][1]
            for number, (row_line, row) in enumerate(table[1:], start=1):
                values = dict(zip(header, row))
                name = _substitute(block['name'], values) + f' [row {number}]'
                scenarios.append(Scenario(path, root or path.parent, feature, name, row_line,
                                          block['tags'], _copy_steps(steps, values)))
    return scenarios


def _substitute(text: str, values: dict[str, str]) -> str:
    if not values:
        return text
    return re.sub(r'<([^<>\n]+)>', lambda m: values.get(m.group(1), m.group(0)), text)


def _copy_steps(steps: list[Step], values: dict[str, str]) -> list[Step]:
    return [Step(s.keyword, _substitute(s.text, values), s.line,
                 None if s.docstring is None else _substitute(s.docstring, values),
                 None if s.table is None
                 else [[_substitute(c, values) for c in r] for r in s.table])
            for s in steps]


# ---------------------------------------------------------------------------
# TCK values: the syntax of expected results and parameters
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class TNode:
    labels: frozenset[str]
    properties: tuple[tuple[str, Any], ...]   # sorted (key, canonical value)


@dataclass(frozen=True)
class TRel:
    type: str
    properties: tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class TPath:
    start: TNode
    links: tuple[tuple[str, TRel, TNode], ...]   # ('>' forwards or '<' backwards, rel, node)


class TckValueError(ValueError):
    pass


class _TckValueParser:
    """Parses the TCK's value syntax (tck-api CypherValueParser).

    Integers are `-?[0-9]+`; floats need a `.` or an exponent (`1.0`, `.5`,
    `1e300`) or are `Inf`, `-Inf`, `NaN`; strings are single-quoted and may
    escape with a backslash (`\\'`, `\\\\`); nodes `(:L {k: v})`, relationships
    `[:T {k: v}]`, paths `<(:A)-[:T]->(:B)<-[:S]-(:C)>`.
    """

    _NUMBER = re.compile(r'-?(?:[0-9]+\.[0-9]+(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?'
                         r'|[0-9]+[eE][-+]?[0-9]+|[0-9]+)')
    _NAME = re.compile(r'[A-Za-z0-9$_]+|`[^`]*`')

    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def parse(self) -> Any:
        value = self.value()
        self.space()
        if self.pos != len(self.text):
            self.fail('unexpected text')
        return value

    def fail(self, what: str):
        raise TckValueError(f'{what} at {self.pos} in {self.text!r}')

    def space(self):
        while self.pos < len(self.text) and self.text[self.pos] in ' \t\r\n':
            self.pos += 1

    def peek(self, s: str) -> bool:
        self.space()
        return self.text.startswith(s, self.pos)

    def expect(self, s: str):
        if not self.peek(s):
            self.fail(f'expected {s!r}')
        self.pos += len(s)

    def name(self) -> str:
        self.space()
        m = self._NAME.match(self.text, self.pos)
        if not m:
            self.fail('expected a name')
        self.pos = m.end()
        return m.group(0).strip('`')

    def value(self) -> Any:
        self.space()
        t = self.text[self.pos:]
        if t.startswith('('):
            return self.node()
        if t.startswith('<'):
            return self.path()
        if t.startswith('[:'):
            return self.rel()
        if t.startswith('['):
            self.pos += 1
            items = []
            if not self.peek(']'):
                items.append(self.value())
                while self.peek(','):
                    self.pos += 1
                    items.append(self.value())
            self.expect(']')
            return items
        if t.startswith('{'):
            return self.map()
        if t.startswith("'"):
            return self.string()
        for word, val in (('true', True), ('false', False), ('null', None),
                          ('NaN', math.nan), ('-Inf', -math.inf), ('Inf', math.inf)):
            if t.startswith(word) and not re.match(r'[A-Za-z0-9_]', t[len(word):len(word) + 1]):
                self.pos += len(word)
                return val
        m = self._NUMBER.match(self.text, self.pos)
        if m:
            self.pos = m.end()
            s = m.group(0)
            if re.fullmatch(r'-?[0-9]+', s):
                return int(s)
            return float(s)
        self.fail('expected a value')

    def string(self) -> str:
        self.expect("'")
        out = []
        while True:
            if self.pos >= len(self.text):
                self.fail('unterminated string')
            c = self.text[self.pos]
            if c == "'":
                self.pos += 1
                return ''.join(out)
            if c == '\\' and self.pos + 1 < len(self.text):
                out.append(_unescape_one(self.text, self.pos))
                self.pos += _escape_length(self.text, self.pos)
                continue
            out.append(c)
            self.pos += 1

    def map(self) -> dict[str, Any]:
        self.expect('{')
        result = {}
        if not self.peek('}'):
            while True:
                key = self.name()
                self.expect(':')
                result[key] = self.value()
                if not self.peek(','):
                    break
                self.pos += 1
        self.expect('}')
        return result

    def node(self) -> TNode:
        self.expect('(')
        labels = []
        while self.peek(':'):
            self.pos += 1
            labels.append(self.name())
        props = self.map() if self.peek('{') else {}
        self.expect(')')
        return TNode(frozenset(labels), canonical_map(props))

    def rel(self) -> TRel:
        self.expect('[')
        self.expect(':')
        rel_type = self.name()
        props = self.map() if self.peek('{') else {}
        self.expect(']')
        return TRel(rel_type, canonical_map(props))

    def path(self) -> TPath:
        self.expect('<')
        start = self.node()
        links = []
        while not self.peek('>'):
            if self.peek('<-'):
                self.pos += 2
                rel = self.rel()
                self.expect('-')
                links.append(('<', rel, self.node()))
            else:
                self.expect('-')
                rel = self.rel()
                self.expect('->')
                links.append(('>', rel, self.node()))
        self.expect('>')
        return TPath(start, tuple(links))


def parse_tck_value(text: str) -> Any:
    """A TCK value as Python: None, bool, int, float, str, list, dict, TNode, TRel, TPath."""
    return _TckValueParser(text).parse()


_SIMPLE_ESCAPES = {'\\': '\\', "'": "'", '"': '"', 'b': '\b', 'f': '\f',
                   'n': '\n', 'r': '\r', 't': '\t'}


def _escape_length(text: str, pos: int) -> int:
    kind = text[pos + 1]
    if kind == 'u':
        return 6
    if kind == 'U':
        return 10
    return 2


def _unescape_one(text: str, pos: int) -> str:
    """The character a backslash escape at `pos` stands for, as Cypher reads it."""
    kind = text[pos + 1]
    if kind in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[kind]
    digits = {'u': 4, 'U': 8}.get(kind)
    if digits:
        code = text[pos + 2:pos + 2 + digits]
        if re.fullmatch(r'[0-9a-fA-F]+', code) and len(code) == digits:
            return chr(int(code, 16))
    return '\\' + kind


# Canonical values: hashable and comparable, so that rows can be compared as
# multisets. The TCK tells integers from floats (1 <> 1.0 in a result), so
# every value carries its type; NaN equals NaN here (an expected `NaN` cell
# must match a NaN result).

def canonical(value: Any, unordered_lists: bool = False) -> Any:
    if value is None:
        return ('null',)
    if isinstance(value, bool):
        return ('bool', value)
    if isinstance(value, int):
        return ('int', value)
    if isinstance(value, float):
        return ('float', 'NaN' if math.isnan(value) else value)
    if isinstance(value, str):
        return ('str', value)
    if isinstance(value, list):
        items = [canonical(v, unordered_lists) for v in value]
        if unordered_lists:
            items.sort(key=repr)
        return ('list', tuple(items))
    if isinstance(value, dict):
        return ('map', canonical_map(value, unordered_lists))
    if isinstance(value, (TNode, TRel, TPath)):
        return value
    raise TypeError(f'not a value: {value!r}')


def canonical_map(props: dict[str, Any], unordered_lists: bool = False) -> tuple:
    return tuple(sorted((k, canonical(v, unordered_lists)) for k, v in props.items()))


def show(value: Any) -> str:
    """A canonical value back in TCK syntax, for messages."""
    if isinstance(value, TNode):
        labels = ''.join(':' + label for label in sorted(value.labels))
        props = _show_props(value.properties)
        return f'({labels}{" " if labels and props else ""}{props})'
    if isinstance(value, TRel):
        props = _show_props(value.properties)
        return f'[:{value.type}{" " + props if props else ""}]'
    if isinstance(value, TPath):
        out = show(value.start)
        for direction, rel, node in value.links:
            out += (f'-{show(rel)}->' if direction == '>' else f'<-{show(rel)}-') + show(node)
        return f'<{out}>'
    kind = value[0]
    if kind == 'null':
        return 'null'
    if kind == 'bool':
        return 'true' if value[1] else 'false'
    if kind == 'int':
        return str(value[1])
    if kind == 'float':
        x = value[1]
        if x == 'NaN':
            return 'NaN'
        if math.isinf(x):
            return 'Inf' if x > 0 else '-Inf'
        return repr(x)
    if kind == 'str':
        return "'" + value[1].replace('\\', '\\\\').replace("'", "\\'") + "'"
    if kind == 'list':
        return '[' + ', '.join(show(v) for v in value[1]) + ']'
    if kind == 'map':
        return _show_props(value[1]) or '{}'
    return repr(value)


def _show_props(props: tuple) -> str:
    if not props:
        return ''
    return '{' + ', '.join(f'{k}: {show(v)}' for k, v in props) + '}'


def tck_to_json(value: Any) -> Any:
    """A TCK parameter value as JSON data for `--param name=JSON`."""
    if isinstance(value, (TNode, TRel, TPath)):
        raise SetupError('setup: a node, relationship or path parameter')
    if isinstance(value, list):
        return [tck_to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: tck_to_json(v) for k, v in value.items()}
    return value


# ---------------------------------------------------------------------------
# PartnerGraph attribute typing (must match the engine: see cypher.h)
# ---------------------------------------------------------------------------

_INT_TEXT = re.compile(r'-?[0-9]+')
_FLOAT_TEXT = re.compile(r'-?(?:[0-9]+\.[0-9]+(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?'
                         r'|[0-9]+[eE][-+]?[0-9]+)')


def typed_attribute(text: str) -> Any:
    """An attribute's text as `pgraph query` reads it (SQLite-like affinity)."""
    if _INT_TEXT.fullmatch(text):
        return int(text)
    if _FLOAT_TEXT.fullmatch(text):
        return float(text)
    if text in ('true', 'false'):
        return text == 'true'
    if text.startswith('['):
        try:
            value = json.loads(text)
        except ValueError:
            return text
        if isinstance(value, list):
            return value
    return text


def float_text(x: float) -> str:
    """A float as attribute text that reads back as that float: `1.0`, `1.5e300`."""
    text = repr(x)
    mantissa, e, exponent = text.partition('e')
    if '.' not in mantissa:
        mantissa += '.0'
    return mantissa + (e + exponent.replace('+', '') if e else '')


# ---------------------------------------------------------------------------
# Cypher: tokens
# ---------------------------------------------------------------------------

_TOKEN = re.compile(r'''
    (?P<space>\s+|//[^\n]*|/\*.*?\*/)
  | (?P<float>(?:[0-9]+\.[0-9]+|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)
  | (?P<int>0x[0-9a-fA-F]+|0o[0-7]+|[0-9]+)
  | (?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<param>\$(?:[^\W\d]\w*|[0-9]+|`[^`]*`))
  | (?P<qident>`(?:[^`]|``)*`)
  | (?P<ident>[^\W\d]\w*)
  | (?P<op><>|<=|>=|=~|\.\.|\+=|[-+*/%^=<>(){}\[\],:;.|!&?])
''', re.VERBOSE | re.DOTALL)


@dataclass
class Token:
    kind: str       # ident, qident, int, float, str, param, op, junk, eof
    value: Any
    pos: int

    def is_word(self, *words: str) -> bool:
        return self.kind == 'ident' and self.value.upper() in words


def tokenize(text: str) -> list[Token]:
    """Cypher tokens; never fails (what it cannot read becomes a `junk` token)."""
    tokens, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            tokens.append(Token('junk', text[pos], pos))
            pos += 1
            continue
        kind, raw = m.lastgroup, m.group(0)
        if kind == 'int':
            base = 16 if raw.startswith('0x') else 8 if raw.startswith('0o') else 10
            tokens.append(Token('int', int(raw[2:] if base != 10 else raw, base), pos))
        elif kind == 'float':
            tokens.append(Token('float', float(raw), pos))
        elif kind == 'str':
            tokens.append(Token('str', _unescape_string(raw[1:-1]), pos))
        elif kind == 'param':
            tokens.append(Token('param', raw[1:].strip('`'), pos))
        elif kind == 'qident':
            tokens.append(Token('qident', raw[1:-1].replace('``', '`'), pos))
        elif kind != 'space':
            tokens.append(Token(kind, raw, pos))
        pos = m.end()
    tokens.append(Token('eof', None, len(text)))
    return tokens


def _unescape_string(body: str) -> str:
    out, i = [], 0
    while i < len(body):
        if body[i] == '\\' and i + 1 < len(body):
            out.append(_unescape_one(body, i))
            i += _escape_length(body, i)
        else:
            out.append(body[i])
            i += 1
    return ''.join(out)


# Clauses that make a query a write (or a procedure call): such scenarios are
# skipped. A keyword counts only where a clause can start: not as a property
# key (`n.set`), label (`:Create`) or map key (`{delete: 1}`).
WRITE_CLAUSES = ('CREATE', 'MERGE', 'SET', 'DELETE', 'REMOVE', 'DETACH', 'CALL', 'FOREACH')


def write_clause(query: str) -> str | None:
    """The first write (or CALL / LOAD CSV) clause keyword in `query`, or None."""
    tokens = tokenize(query)
    for i, tok in enumerate(tokens):
        if tok.kind != 'ident':
            continue
        before = tokens[i - 1] if i > 0 else None
        after = tokens[i + 1]
        if before is not None and before.kind == 'op' and before.value in ('.', ':'):
            continue
        if after.kind == 'op' and after.value == ':':
            continue
        word = tok.value.upper()
        if word in WRITE_CLAUSES:
            return word
        if word == 'LOAD' and after.is_word('CSV'):
            return 'LOAD CSV'
    return None


def query_vocabulary(query: str) -> set[str]:
    """Every name a query may use as a label or relationship type.

    A name after `:` (`(n:A)`, `[:T]`, `n:A`), and after `|` inside brackets
    (`[:T|S]`). Over-collecting is harmless: the names only widen a schema.
    """
    tokens = tokenize(query)
    names, brackets = set(), []
    for i, tok in enumerate(tokens[:-1]):
        if tok.kind == 'op' and tok.value in '([{':
            brackets.append(tok.value)
        elif tok.kind == 'op' and tok.value in ')]}' and brackets:
            brackets.pop()
        after = tokens[i + 1]
        if after.kind not in ('ident', 'qident'):
            continue
        if tok.kind == 'op' and (tok.value == ':' or
                                 (tok.value == '|' and brackets[-1:] == ['['])):
            names.add(after.value)
    return names


# ---------------------------------------------------------------------------
# Cypher: the setup interpreter (the write subset the TCK's setups use)
# ---------------------------------------------------------------------------

class GNode:
    """A node of the setup graph; identity is the object."""
    __slots__ = ('labels', 'props', 'alive')

    def __init__(self, labels: list[str], props: dict[str, Any]):
        self.labels = list(dict.fromkeys(labels))
        self.props = props
        self.alive = True


class GRel:
    __slots__ = ('type', 'start', 'end', 'props', 'alive')

    def __init__(self, rel_type: str, start: GNode, end: GNode, props: dict[str, Any]):
        self.type, self.start, self.end, self.props = rel_type, start, end, props
        self.alive = True


class Graph:
    def __init__(self):
        self.nodes: list[GNode] = []
        self.rels: list[GRel] = []

    def live_nodes(self) -> list[GNode]:
        return [n for n in self.nodes if n.alive]

    def live_rels(self) -> list[GRel]:
        return [r for r in self.rels if r.alive]


# AST: tuples, tagged by their first element.
#   patterns: [('node', var, labels, props) | ('rel', var, types, props, left, right, varlen)]


class CypherParser:
    """Recursive descent over tokens, for the clauses a setup may use."""

    def __init__(self, text: str):
        self.tokens = tokenize(text)
        self.i = 0
        junk = [t for t in self.tokens if t.kind == 'junk']
        if junk:
            raise SetupError('setup: cannot parse')

    # -- token helpers
    def peek(self, k: int = 0) -> Token:
        return self.tokens[min(self.i + k, len(self.tokens) - 1)]

    def next(self) -> Token:
        tok = self.peek()
        self.i += 1
        return tok

    def at_op(self, *ops: str, k: int = 0) -> bool:
        tok = self.peek(k)
        return tok.kind == 'op' and tok.value in ops

    def at_word(self, *words: str, k: int = 0) -> bool:
        return self.peek(k).is_word(*words)

    def take_op(self, op: str) -> bool:
        if self.at_op(op):
            self.i += 1
            return True
        return False

    def take_word(self, word: str) -> bool:
        if self.at_word(word):
            self.i += 1
            return True
        return False

    def expect_op(self, op: str):
        if not self.take_op(op):
            raise SetupError('setup: cannot parse')

    def expect_word(self, word: str):
        if not self.take_word(word):
            raise SetupError('setup: cannot parse')

    def name(self) -> str:
        tok = self.next()
        if tok.kind not in ('ident', 'qident'):
            raise SetupError('setup: cannot parse')
        return tok.value

    # -- clauses
    def query(self) -> list[tuple]:
        clauses = []
        while self.peek().kind != 'eof':
            if self.take_op(';'):
                continue
            clauses.append(self.clause())
        return clauses

    def clause(self) -> tuple:
        tok = self.peek()
        if self.take_word('CREATE'):
            return ('create', self.patterns())
        if self.at_word('OPTIONAL') or self.at_word('MATCH'):
            optional = self.take_word('OPTIONAL')
            self.expect_word('MATCH')
            patterns = self.patterns()
            where = self.expr() if self.take_word('WHERE') else None
            return ('match', patterns, where, optional)
        if self.take_word('UNWIND'):
            value = self.expr()
            self.expect_word('AS')
            return ('unwind', value, self.name())
        if self.take_word('WITH'):
            return ('with',) + self.projection()
        if self.take_word('RETURN'):
            self.projection()
            return ('return',)
        if self.at_word('DETACH') or self.at_word('DELETE'):
            detach = self.take_word('DETACH')
            self.expect_word('DELETE')
            targets = [self.expr()]
            while self.take_op(','):
                targets.append(self.expr())
            return ('delete', targets, detach)
        word = tok.value.upper() if tok.kind == 'ident' else str(tok.value)
        raise SetupError(f'setup: clause {word}')

    def projection(self) -> tuple:
        distinct = self.take_word('DISTINCT')
        star, items = False, []
        if self.take_op('*'):
            star = True
            if not self.take_op(','):
                return self._projection_tail(distinct, star, items)
        while True:
            start = self.i
            value = self.expr()
            if self.take_word('AS'):
                alias = self.name()
            elif value[0] == 'var':
                alias = value[1]
            else:
                alias = ' '.join(str(t.value) for t in self.tokens[start:self.i])
            items.append((value, alias))
            if not self.take_op(','):
                break
        return self._projection_tail(distinct, star, items)

    def _projection_tail(self, distinct, star, items) -> tuple:
        if self.at_word('ORDER', 'SKIP', 'LIMIT'):
            raise SetupError(f'setup: WITH ... {self.peek().value.upper()}')
        where = self.expr() if self.take_word('WHERE') else None
        return (distinct, star, items, where)

    # -- patterns
    def patterns(self) -> list[list[tuple]]:
        result = [self.pattern()]
        while self.take_op(','):
            result.append(self.pattern())
        return result

    def pattern(self) -> list[tuple]:
        if self.peek().kind in ('ident', 'qident') and self.at_op('=', k=1):
            raise SetupError('setup: named path')
        if self.peek().kind == 'ident' and self.at_op('(', k=1):
            raise SetupError(f'setup: {self.peek().value}() pattern')
        elements = [self.node_pattern()]
        while self.at_op('-') or (self.at_op('<') and self.at_op('-', k=1)):
            elements.append(self.rel_pattern())
            elements.append(self.node_pattern())
        return elements

    def node_pattern(self) -> tuple:
        self.expect_op('(')
        var = self.name() if self.peek().kind in ('ident', 'qident') else None
        labels = []
        while self.take_op(':'):
            labels.append(self.name())
        props = self.properties()
        self.expect_op(')')
        return ('node', var, labels, props)

    def properties(self) -> tuple | None:
        if self.at_op('{'):
            return self.atom()
        if self.peek().kind == 'param':
            return ('param', self.next().value)
        return None

    def rel_pattern(self) -> tuple:
        left = self.take_op('<')
        self.expect_op('-')
        var, types, props, varlen = None, [], None, False
        if self.take_op('['):
            var = self.name() if self.peek().kind in ('ident', 'qident') else None
            if self.take_op(':'):
                types.append(self.name())
                while self.take_op('|'):
                    self.take_op(':')
                    types.append(self.name())
            if self.take_op('*'):
                varlen = True
                while self.peek().kind == 'int' or self.at_op('..'):
                    self.next()
            props = self.properties()
            self.expect_op(']')
        self.expect_op('-')
        right = self.take_op('>')
        return ('rel', var, types, props, left, right, varlen)

    # -- expressions, by precedence
    def expr(self) -> tuple:
        return self.or_expr()

    def or_expr(self) -> tuple:
        left = self.xor_expr()
        while self.take_word('OR'):
            left = ('or', left, self.xor_expr())
        return left

    def xor_expr(self) -> tuple:
        left = self.and_expr()
        while self.take_word('XOR'):
            left = ('xor', left, self.and_expr())
        return left

    def and_expr(self) -> tuple:
        left = self.not_expr()
        while self.take_word('AND'):
            left = ('and', left, self.not_expr())
        return left

    def not_expr(self) -> tuple:
        if self.take_word('NOT'):
            return ('not', self.not_expr())
        return self.comparison()

    def comparison(self) -> tuple:
        left = self.predicate()
        parts = []
        while self.at_op('=', '<>', '<', '>', '<=', '>='):
            op = self.next().value
            right = self.predicate()
            parts.append(('cmp', op, left, right))
            left = right
        if not parts:
            return left
        result = parts[0]
        for part in parts[1:]:
            result = ('and', result, part)
        return result

    def predicate(self) -> tuple:
        left = self.additive()
        while True:
            if self.take_word('IN'):
                left = ('in', left, self.additive())
            elif self.at_word('IS'):
                self.next()
                negate = self.take_word('NOT')
                self.expect_word('NULL')
                left = ('isnull', left, negate)
            elif self.at_word('STARTS', 'ENDS') and self.at_word('WITH', k=1):
                op = self.next().value.upper()
                self.next()
                left = ('strop', op, left, self.additive())
            elif self.take_word('CONTAINS'):
                left = ('strop', 'CONTAINS', left, self.additive())
            else:
                return left

    def additive(self) -> tuple:
        left = self.multiplicative()
        while self.at_op('+', '-'):
            op = self.next().value
            left = ('arith', op, left, self.multiplicative())
        return left

    def multiplicative(self) -> tuple:
        left = self.power()
        while self.at_op('*', '/', '%'):
            op = self.next().value
            left = ('arith', op, left, self.power())
        return left

    def power(self) -> tuple:
        left = self.unary()
        while self.take_op('^'):
            left = ('arith', '^', left, self.unary())
        return left

    def unary(self) -> tuple:
        if self.take_op('-'):
            return ('neg', self.unary())
        if self.take_op('+'):
            return self.unary()
        return self.postfix()

    def postfix(self) -> tuple:
        value = self.atom()
        while True:
            if self.at_op('.') and self.peek(1).kind in ('ident', 'qident'):
                self.next()
                value = ('prop', value, self.name())
            elif self.take_op('['):
                start = None if self.at_op('..') else self.expr()
                if self.take_op('..'):
                    end = None if self.at_op(']') else self.expr()
                    self.expect_op(']')
                    value = ('slice', value, start, end)
                else:
                    self.expect_op(']')
                    value = ('index', value, start)
            elif self.at_op(':') and value[0] == 'var':
                labels = []
                while self.take_op(':'):
                    labels.append(self.name())
                value = ('haslabels', value, labels)
            else:
                return value

    def atom(self) -> tuple:
        tok = self.next()
        if tok.kind in ('int', 'float', 'str'):
            return ('lit', tok.value)
        if tok.kind == 'param':
            return ('param', tok.value)
        if tok.kind == 'qident':
            return ('var', tok.value)
        if tok.kind == 'op' and tok.value == '(':
            inner = self.expr()
            self.expect_op(')')
            return inner
        if tok.kind == 'op' and tok.value == '[':
            if self.peek().kind in ('ident', 'qident') and self.at_word('IN', k=1):
                raise SetupError('setup: list comprehension')
            items = []
            if not self.at_op(']'):
                items.append(self.expr())
                while self.take_op(','):
                    items.append(self.expr())
            self.expect_op(']')
            return ('list', items)
        if tok.kind == 'op' and tok.value == '{':
            entries = []
            if not self.at_op('}'):
                while True:
                    key = self.next()
                    if key.kind not in ('ident', 'qident', 'str'):
                        raise SetupError('setup: cannot parse')
                    self.expect_op(':')
                    entries.append((key.value, self.expr()))
                    if not self.take_op(','):
                        break
            self.expect_op('}')
            return ('map', entries)
        if tok.kind == 'ident':
            word = tok.value.upper()
            if word in ('TRUE', 'FALSE'):
                return ('lit', word == 'TRUE')
            if word == 'NULL':
                return ('lit', None)
            if word in ('CASE', 'EXISTS', 'ALL', 'ANY', 'NONE', 'SINGLE', 'REDUCE') \
                    and (word == 'CASE' or self.at_op('(', '{')):
                raise SetupError(f'setup: {word}')
            name = tok.value
            while self.at_op('.') and self.peek(1).kind == 'ident' and \
                    self._call_follows(2):
                self.next()
                name += '.' + self.next().value
            if self.take_op('('):
                if name.lower() == 'count' and self.take_op('*'):
                    self.expect_op(')')
                    return ('countstar',)
                distinct = self.take_word('DISTINCT')
                args = []
                if not self.at_op(')'):
                    args.append(self.expr())
                    while self.take_op(','):
                        args.append(self.expr())
                self.expect_op(')')
                return ('call', name.lower(), distinct, args)
            return ('var', name)
        raise SetupError('setup: cannot parse')

    def _call_follows(self, k: int) -> bool:
        """Whether a dotted name continues to a call: `date.truncate(`."""
        while self.at_op('.', k=k) and self.peek(k + 1).kind == 'ident':
            k += 2
        return self.at_op('(', k=k)


AGGREGATES = ('collect', 'count', 'sum', 'min', 'max', 'avg')
TEMPORAL = ('date', 'time', 'localtime', 'datetime', 'localdatetime', 'duration')


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _hashable(v: Any) -> Any:
    """A key for grouping and DISTINCT (nodes and relationships by identity)."""
    if isinstance(v, list):
        return ('list', tuple(_hashable(x) for x in v))
    if isinstance(v, dict):
        return ('map', tuple(sorted((k, _hashable(x)) for k, x in v.items())))
    if isinstance(v, (GNode, GRel)):
        return ('entity', id(v))
    if isinstance(v, bool):
        return ('bool', v)
    if isinstance(v, float) and math.isnan(v):
        return ('nan',)
    return (type(v).__name__ if not _is_number(v) else 'num', v)


def _equals(a: Any, b: Any) -> bool | None:
    """Cypher `=`: null when either side is null."""
    if a is None or b is None:
        return None
    if _is_number(a) and _is_number(b):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return False
        result: bool | None = True
        for x, y in zip(a, b):
            e = _equals(x, y)
            if e is False:
                return False
            if e is None:
                result = None
        return result
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) != set(b):
            return False
        return _equals([a[k] for k in sorted(a)], [b[k] for k in sorted(b)])
    if type(a) is not type(b):
        return False
    if isinstance(a, (GNode, GRel)):
        return a is b
    return a == b


class Interpreter:
    """Runs setup queries into a Graph. Unsupported constructs raise SetupError."""

    def __init__(self, graph: Graph, params: dict[str, Any]):
        self.graph = graph
        self.params = params

    def run(self, text: str):
        clauses = CypherParser(text).query()
        rows: list[dict[str, Any]] = [{}]
        for clause in clauses:
            rows = getattr(self, 'do_' + clause[0])(clause, rows)

    # -- clauses
    def do_create(self, clause, rows):
        for row in rows:
            for pattern in clause[1]:
                self.create_pattern(pattern, row)
        return rows

    def create_pattern(self, pattern, row):
        nodes = []
        for element in pattern[::2]:
            _, var, labels, props = element
            if var is not None and var in row:
                if labels or props is not None:
                    raise SetupError('setup: CREATE of a bound node with labels or properties')
                node = row[var]
                if not isinstance(node, GNode):
                    raise SetupError('setup: CREATE of a bound non-node')
            else:
                node = GNode(labels, self.property_map(props, row))
                self.graph.nodes.append(node)
                if var is not None:
                    row[var] = node
            nodes.append(node)
        for k, element in enumerate(pattern[1::2]):
            _, var, types, props, left, right, varlen = element
            if varlen or len(types) != 1 or left == right:
                raise SetupError('setup: CREATE of a relationship without one type and direction')
            start, end = nodes[k], nodes[k + 1]
            if left:
                start, end = end, start
            rel = GRel(types[0], start, end, self.property_map(props, row))
            self.graph.rels.append(rel)
            if var is not None:
                row[var] = rel

    def property_map(self, props, row) -> dict[str, Any]:
        if props is None:
            return {}
        value = self.eval(props, row)
        if not isinstance(value, dict):
            raise SetupError('setup: properties that are not a map')
        result = {}
        for key, v in value.items():
            if v is None:
                continue   # setting a property to null sets nothing
            if isinstance(v, (dict, GNode, GRel)) or \
                    (isinstance(v, list) and any(isinstance(x, (dict, list, GNode, GRel))
                                                 for x in v)):
                raise SetupError('setup: a property that Cypher cannot store')
            result[key] = v
        return result

    def do_match(self, clause, rows):
        _, patterns, where, optional = clause
        if optional:
            raise SetupError('setup: OPTIONAL MATCH')
        result = []
        for row in rows:
            for match in self.match_patterns(patterns, row):
                if where is None or self.eval(where, match) is True:
                    result.append(match)
        return result

    def match_patterns(self, patterns, row) -> Iterator[dict[str, Any]]:
        def walk(index: int, current: dict, used: frozenset) -> Iterator[dict]:
            if index == len(patterns):
                yield current
                return
            for found, now_used in self.match_pattern(patterns[index], current, used):
                yield from walk(index + 1, found, now_used)
        yield from walk(0, dict(row), frozenset())

    def match_pattern(self, pattern, row, used):
        def node_ok(element, node, current) -> bool:
            _, var, labels, props = element
            if var is not None and var in current and current[var] is not node:
                return False
            if not all(label in node.labels for label in labels):
                return False
            return all(_equals(node.props.get(k), v) is True
                       for k, v in self.property_map(props, current).items())

        def bind(current, var, value):
            if var is None:
                return current
            extended = dict(current)
            extended[var] = value
            return extended

        def steps(k: int, node: GNode, current: dict, used_now: frozenset):
            if k == len(pattern):
                yield current, used_now
                return
            _, var, types, props, left, right, varlen = pattern[k]
            if varlen:
                raise SetupError('setup: variable-length MATCH')
            wanted = self.property_map(props, current)
            for rel in self.graph.live_rels():
                if id(rel) in used_now or (types and rel.type not in types):
                    continue
                if var is not None and var in current and current[var] is not rel:
                    continue
                if not all(_equals(rel.props.get(p), v) is True for p, v in wanted.items()):
                    continue
                ends = []
                if not left and rel.start is node:
                    ends.append(rel.end)
                if not right and rel.end is node:
                    ends.append(rel.start)
                for other in ends:
                    if node_ok(pattern[k + 1], other, current):
                        bound = bind(bind(current, var, rel), pattern[k + 1][1], other)
                        yield from steps(k + 2, other, bound, used_now | {id(rel)})

        first = pattern[0]
        for node in self.graph.live_nodes():
            if node_ok(first, node, row):
                yield from steps(1, node, bind(row, first[1], node), used)

    def do_unwind(self, clause, rows):
        _, value, var = clause
        result = []
        for row in rows:
            items = self.eval(value, row)
            if items is None:
                continue
            for item in items if isinstance(items, list) else [items]:
                extended = dict(row)
                extended[var] = item
                result.append(extended)
        return result

    def do_with(self, clause, rows):
        _, distinct, star, items, where = clause
        aggregating = any(self.has_aggregate(value) for value, _ in items)
        if aggregating:
            keys = [(v, a) for v, a in items if not self.has_aggregate(v)]
            groups: dict[Any, list[dict]] = {}
            for row in rows:
                key = tuple(_hashable(self.eval(v, row)) for v, _ in keys)
                groups.setdefault(key, []).append(row)
            if not groups and not keys:
                groups[()] = []
            result = []
            for group in groups.values():
                first = group[0] if group else {}
                out = dict(first) if star else {}
                for value, alias in items:
                    out[alias] = self.eval(value, first, group)
                result.append(out)
        else:
            result = []
            for row in rows:
                out = dict(row) if star else {}
                for value, alias in items:
                    out[alias] = self.eval(value, row)
                result.append(out)
        if distinct:
            seen, unique = set(), []
            for row in result:
                key = tuple(sorted((k, _hashable(v)) for k, v in row.items()))
                if key not in seen:
                    seen.add(key)
                    unique.append(row)
            result = unique
        if where is not None:
            result = [row for row in result if self.eval(where, row) is True]
        return result

    def do_return(self, clause, rows):
        return rows

    def do_delete(self, clause, rows):
        _, targets, detach = clause
        for row in rows:
            for target in targets:
                value = self.eval(target, row)
                if isinstance(value, GRel):
                    value.alive = False
                elif isinstance(value, GNode):
                    attached = [r for r in self.graph.live_rels()
                                if r.start is value or r.end is value]
                    if attached and not detach:
                        raise SetupError('setup: DELETE of a node with relationships')
                    for rel in attached:
                        rel.alive = False
                    value.alive = False
                elif value is not None:
                    raise SetupError('setup: DELETE of a value')
        return rows

    # -- expressions
    def has_aggregate(self, expr) -> bool:
        """Whether an expression calls an aggregate (count(*), collect(), ...)."""
        if isinstance(expr, list):
            return any(self.has_aggregate(x) for x in expr)
        if not isinstance(expr, tuple) or not expr:
            return False
        if expr[0] == 'countstar' or (expr[0] == 'call' and expr[1] in AGGREGATES):
            return True
        if expr[0] == 'map':
            return any(self.has_aggregate(value) for _, value in expr[1])
        return any(self.has_aggregate(part) for part in expr[1:])

    def eval(self, expr, row, group: list[dict] | None = None) -> Any:
        kind = expr[0]
        if kind == 'lit':
            return expr[1]
        if kind == 'var':
            if expr[1] not in row:
                raise SetupError('setup: unknown variable')
            return row[expr[1]]
        if kind == 'param':
            if expr[1] not in self.params:
                raise SetupError('setup: missing parameter')
            return self.params[expr[1]]
        if kind == 'list':
            return [self.eval(e, row, group) for e in expr[1]]
        if kind == 'map':
            return {k: self.eval(e, row, group) for k, e in expr[1]}
        if kind == 'prop':
            target = self.eval(expr[1], row, group)
            if target is None:
                return None
            if isinstance(target, (GNode, GRel)):
                return target.props.get(expr[2])
            if isinstance(target, dict):
                return target.get(expr[2])
            raise SetupError('setup: property of a non-map')
        if kind == 'index':
            target, index = self.eval(expr[1], row, group), self.eval(expr[2], row, group)
            if target is None or index is None:
                return None
            if isinstance(target, list) and _is_number(index) and isinstance(index, int):
                return target[index] if -len(target) <= index < len(target) else None
            if isinstance(target, dict) and isinstance(index, str):
                return target.get(index)
            raise SetupError('setup: bad index')
        if kind == 'slice':
            target = self.eval(expr[1], row, group)
            start = 0 if expr[2] is None else self.eval(expr[2], row, group)
            end = None if expr[3] is None else self.eval(expr[3], row, group)
            if target is None:
                return None
            return target[start:end]
        if kind == 'haslabels':
            node = self.eval(expr[1], row, group)
            if node is None:
                return None
            return all(label in node.labels for label in expr[2])
        if kind in ('and', 'or', 'xor'):
            a, b = self.eval(expr[1], row, group), self.eval(expr[2], row, group)
            if kind == 'and':
                if a is False or b is False:
                    return False
                return None if a is None or b is None else True
            if kind == 'or':
                if a is True or b is True:
                    return True
                return None if a is None or b is None else False
            return None if a is None or b is None else a != b
        if kind == 'not':
            v = self.eval(expr[1], row, group)
            return None if v is None else not v
        if kind == 'neg':
            v = self.eval(expr[1], row, group)
            return None if v is None else -v
        if kind == 'isnull':
            v = self.eval(expr[1], row, group)
            return (v is not None) if expr[2] else (v is None)
        if kind == 'in':
            item, items = self.eval(expr[1], row, group), self.eval(expr[2], row, group)
            if items is None:
                return None
            found = [_equals(item, x) for x in items]
            if True in found:
                return True
            return None if None in found else False
        if kind == 'cmp':
            return self.compare(expr[1], self.eval(expr[2], row, group),
                                self.eval(expr[3], row, group))
        if kind == 'strop':
            a, b = self.eval(expr[2], row, group), self.eval(expr[3], row, group)
            if not isinstance(a, str) or not isinstance(b, str):
                return None
            return {'STARTS': a.startswith, 'ENDS': a.endswith,
                    'CONTAINS': a.__contains__}[expr[1]](b)
        if kind == 'arith':
            return self.arith(expr[1], self.eval(expr[2], row, group),
                              self.eval(expr[3], row, group))
        if kind == 'countstar':
            if group is None:
                raise SetupError('setup: count(*) outside WITH')
            return len(group)
        if kind == 'call':
            return self.call(expr, row, group)
        raise SetupError(f'setup: expression {kind}')

    @staticmethod
    def compare(op, a, b):
        if op in ('=', '<>'):
            e = _equals(a, b)
            return e if e is None or op == '=' else not e
        if a is None or b is None:
            return None
        if not ((_is_number(a) and _is_number(b)) or
                (isinstance(a, str) and isinstance(b, str))):
            return None
        return {'<': a < b, '>': a > b, '<=': a <= b, '>=': a >= b}[op]

    @staticmethod
    def arith(op, a, b):
        if a is None or b is None:
            return None
        if op == '+':
            if isinstance(a, list):
                return a + (b if isinstance(b, list) else [b])
            if isinstance(b, list):
                return [a] + b
            if isinstance(a, str) or isinstance(b, str):
                if isinstance(a, str) and isinstance(b, str):
                    return a + b
                raise SetupError('setup: string concatenation with a non-string')
        if not (_is_number(a) and _is_number(b)):
            raise SetupError('setup: arithmetic on non-numbers')
        if op == '+':
            return a + b
        if op == '-':
            return a - b
        if op == '*':
            return a * b
        if op == '^':
            return float(a) ** float(b)
        if isinstance(a, int) and isinstance(b, int):
            if b == 0:
                raise SetupError('setup: division by zero')
            quotient = abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)
            return quotient if op == '/' else a - b * quotient   # truncating, as Java
        if op == '/':
            return a / b if b else math.copysign(math.inf, a) if a else math.nan
        return math.fmod(a, b)

    def call(self, expr, row, group):
        _, name, distinct, args = expr
        if name in AGGREGATES:
            if group is None:
                raise SetupError(f'setup: {name}() outside WITH')
            values = [self.eval(args[0], r) for r in group]
            values = [v for v in values if v is not None]
            if distinct:
                seen, unique = set(), []
                for v in values:
                    if _hashable(v) not in seen:
                        seen.add(_hashable(v))
                        unique.append(v)
                values = unique
            if name == 'collect':
                return values
            if name == 'count':
                return len(values)
            if name == 'sum':
                return sum(values)
            if name == 'avg':
                return sum(values) / len(values) if values else None
            return (min if name == 'min' else max)(values) if values else None
        if name in TEMPORAL or name.split('.')[0] in TEMPORAL:
            raise SetupError('setup: temporal value')
        values = [self.eval(a, row, group) for a in args]
        if name == 'range':
            step = values[2] if len(values) > 2 else 1
            if step == 0:
                raise SetupError('setup: range() step 0')
            end = values[1] + (1 if step > 0 else -1)
            return list(range(values[0], end, step))
        if name == 'size':
            return None if values[0] is None else len(values[0])
        if name == 'tostring':
            v = values[0]
            if v is None or isinstance(v, str):
                return v
            if isinstance(v, bool):
                return 'true' if v else 'false'
            return float_text(v) if isinstance(v, float) else str(v)
        if name == 'tointeger':
            v = values[0]
            return None if v is None else int(v)
        if name == 'tofloat':
            v = values[0]
            return None if v is None else float(v)
        if name == 'abs':
            return None if values[0] is None else abs(values[0])
        if name == 'coalesce':
            return next((v for v in values if v is not None), None)
        if name == 'head':
            return values[0][0] if values[0] else None
        if name == 'last':
            return values[0][-1] if values[0] else None
        if name == 'tail':
            return values[0][1:] if values[0] is not None else None
        if name == 'reverse':
            return None if values[0] is None else values[0][::-1]
        raise SetupError(f'setup: function {name}()')


def build_graph(setups: list[str], params: dict[str, Any]) -> Graph:
    """The graph the setup queries create, in order."""
    graph = Graph()
    interpreter = Interpreter(graph, params)
    for text in setups:
        try:
            interpreter.run(text)
        except SetupError:
            raise
        except (ArithmeticError, TypeError, ValueError, IndexError, KeyError,
                RecursionError) as e:
            raise SetupError('setup: cannot interpret') from e
    return graph


# ---------------------------------------------------------------------------
# The setup graph as a PartnerGraph schema and import document
# ---------------------------------------------------------------------------

# Properties whose names PartnerGraph reads from the record itself, not from
# the attributes: a TCK property of that name could not be read back.
NODE_BUILTINS = frozenset({'id', 'kind', 'name_zh', 'aliases'})
REL_BUILTINS = frozenset({'id', 'type', 'title', 'role', 'since', 'until', 'amount',
                          'currency', 'source_doc', 'quote'})
# The built-ins that read non-null on every imported record (the others are
# empty, so they read null as an absent TCK property does). `name_zh` holds
# the placeholder name.
NON_NULL_BUILTINS = frozenset({'id', 'kind', 'name_zh', 'aliases', 'type'})


def lists_keys(query: str) -> bool:
    """Whether the query uses keys() or properties() other than as `x IN keys(n)`.

    A record's keys include PartnerGraph's built-ins (id, kind, type, the
    placeholder name_zh), so a whole list or map of them differs from the
    TCK's; a test for one key's presence does not see them.
    """
    for call in re.finditer(r'\b(keys|properties)\s*\(', query, re.I):
        if not re.search(r'\bIN\s+$', query[:call.start()], re.I):
            return True
    return False


def reads_builtin(query: str) -> str | None:
    """A property the query reads (`x.id`) that is always set on a PartnerGraph record."""
    tokens = tokenize(query)
    for dot, name in zip(tokens, tokens[1:]):
        if dot.kind == 'op' and dot.value == '.' and name.kind in ('ident', 'qident') \
                and name.value in NON_NULL_BUILTINS:
            return name.value
    return None


def _check_text(text: str):
    """Text the importer refuses (control characters, invalid UTF-8, > 64 KiB)."""
    try:
        size = len(text.encode('utf-8'))
    except UnicodeEncodeError:
        raise SetupError('setup: text the importer refuses (invalid UTF-8)') from None
    if size > 64 * 1024:
        raise SetupError('setup: text the importer refuses (longer than 64 KiB)')
    for c in text:
        code = ord(c)
        if (code < 0x20 and c not in '\t\n\r') or 0x7F <= code <= 0x9F:
            raise SetupError('setup: text the importer refuses (a control character)')


def property_text(value: Any) -> str:
    """A property value as attribute text that `pgraph query` types back to it."""
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise SetupError('setup: NaN or infinite property')
        return float_text(value)
    if isinstance(value, str):
        _check_text(value)
        if typed_attribute(value) != value or not isinstance(typed_attribute(value), str):
            # '1', 'true', '[1]' would read back as an integer, boolean, list.
            raise SetupError('setup: string property that reads back as another type')
        return value
    if isinstance(value, list):
        if any(isinstance(x, float) and not math.isfinite(x) for x in value):
            raise SetupError('setup: NaN or infinite property')
        for x in value:
            if isinstance(x, str):
                _check_text(x)
        return json.dumps(value, ensure_ascii=False)
    raise SetupError('setup: a property that PartnerGraph cannot store')


def graph_to_import(graph: Graph) -> tuple[dict, dict]:
    """(schema, import document) for the setup graph.

    Nodes become entities n0, n1, ... of kind = their label (`_` when they
    have none); the `name` property, when a string, is name.en; otherwise the
    entity is named {"zh": id} (the importer requires a name) and the runner
    drops that placeholder when it reads nodes back. Other properties are
    attribute text.
    """
    nodes = graph.live_nodes()
    rels = graph.live_rels()
    ids = {id(node): f'n{i}' for i, node in enumerate(nodes)}
    kinds, types = {NO_LABEL: 'a node without a label'}, {}
    entities = []
    for node in nodes:
        if len(node.labels) > 1:
            raise SetupError('setup: node with several labels')
        kind = node.labels[0] if node.labels else NO_LABEL
        kinds.setdefault(kind, 'a TCK label')
        for key in node.props:
            if key in NODE_BUILTINS:
                raise SetupError(f'setup: node property "{key}" is a PartnerGraph built-in')
        entity: dict[str, Any] = {'id': ids[id(node)], 'kind': kind}
        attributes = {}
        name = node.props.get('name')
        if isinstance(name, str) and name:
            _check_text(name)
            entity['name'] = {'en': name}
        else:
            if name == '':
                raise SetupError('setup: empty string name')
            entity['name'] = {'zh': ids[id(node)]}
            if name is not None:
                attributes['name'] = property_text(name)
        for key, value in node.props.items():
            if key != 'name':
                _check_text(key)
                attributes[key] = property_text(value)
        if attributes:
            entity['attributes'] = attributes
        entities.append(entity)
    relations = []
    for i, rel in enumerate(rels):
        if rel.start is rel.end:
            raise SetupError('setup: self-loop (PartnerGraph refuses them)')
        types.setdefault(rel.type, dict(ANY_ENDPOINTS))
        relation: dict[str, Any] = {'id': f'r{i}', 'type': rel.type,
                                    'from': ids[id(rel.start)], 'to': ids[id(rel.end)]}
        attributes = {}
        for key, value in rel.props.items():
            if key in REL_BUILTINS:
                raise SetupError(f'setup: relationship property "{key}" is a PartnerGraph '
                                 'built-in')
            _check_text(key)
            attributes[key] = property_text(value)
        if attributes:
            relation['attributes'] = attributes
        relations.append(relation)
    if not types:
        types[NO_TYPE] = dict(ANY_ENDPOINTS)
    schema = {'format': 'partnergraph-schema', 'version': 1, 'kinds': kinds, 'types': types}
    document = {'sources': [], 'entities': entities, 'relations': relations}
    return schema, document


# ---------------------------------------------------------------------------
# pgraph's JSON values as TCK values
# ---------------------------------------------------------------------------

def decode_result_value(value: Any, unordered_lists: bool = False) -> Any:
    """A value of `query --json` output, canonical as the TCK compares it.

    A node's labels are [kind] (none for kind `_`), its properties the typed
    attributes plus `name` (name.en); its id and a placeholder name.zh are the
    runner's, not the scenario's, and are dropped. NaN and infinities arrive
    as the strings "NaN", "Infinity", "-Infinity".
    """
    if isinstance(value, str):
        special = {'NaN': math.nan, 'Infinity': math.inf, '-Infinity': -math.inf}
        if value in special:
            return canonical(special[value])
        return canonical(value)
    if isinstance(value, dict) and value.get('~') == 'node':
        return _decode_node(value, unordered_lists)
    if isinstance(value, dict) and value.get('~') == 'relationship':
        return _decode_rel(value, unordered_lists)
    if isinstance(value, dict) and value.get('~') == 'path':
        nodes, rels = value.get('nodes', []), value.get('relationships', [])
        links = []
        for i, rel in enumerate(rels):
            forwards = rel.get('from') == nodes[i].get('id')
            links.append(('>' if forwards else '<', _decode_rel(rel, unordered_lists),
                          _decode_node(nodes[i + 1], unordered_lists)))
        return TPath(_decode_node(nodes[0], unordered_lists), tuple(links))
    if isinstance(value, list):
        items = [decode_result_value(v, unordered_lists) for v in value]
        if unordered_lists:
            items.sort(key=repr)
        return ('list', tuple(items))
    if isinstance(value, dict):
        return ('map', tuple(sorted((k, decode_result_value(v, unordered_lists))
                                    for k, v in value.items())))
    return canonical(value, unordered_lists)


def _typed_properties(attributes: dict[str, str]) -> dict[str, Any]:
    return {k: typed_attribute(v) for k, v in (attributes or {}).items()}


def _decode_node(value: dict, unordered_lists: bool) -> TNode:
    kind = value.get('kind', NO_LABEL)
    props = _typed_properties(value.get('attributes'))
    name = value.get('name') or {}
    if name.get('en'):
        props['name'] = name['en']
    return TNode(frozenset() if kind == NO_LABEL else frozenset([kind]),
                 canonical_map(props, unordered_lists))


def _decode_rel(value: dict, unordered_lists: bool) -> TRel:
    props = _typed_properties(value.get('attributes'))
    return TRel(value.get('type', ''), canonical_map(props, unordered_lists))


# ---------------------------------------------------------------------------
# Scenarios: what to set up, run and expect
# ---------------------------------------------------------------------------

@dataclass
class Expectation:
    kind: str                         # 'rows', 'empty' or 'error'
    ordered: bool = False
    unordered_lists: bool = False
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    error: str = ''                   # e.g. 'SyntaxError at compile time: UndefinedVariable'


@dataclass
class Check:
    query: str
    params: dict[str, Any]
    expect: Expectation


@dataclass
class Prepared:
    """A scenario ready to run, or skipped with a reason."""
    scenario: Scenario
    skip: str | None = None
    schema: dict | Path | None = None
    document: str | None = None       # import JSON text; None when there is nothing
    checks: list[Check] = field(default_factory=list)


_RESULT_STEP = re.compile(r'the result should be(?P<order>, in (?:any )?order)?'
                          r'(?: ?\((?P<lists>ignoring element order for lists)\))?:$')
_ERROR_STEP = re.compile(r'an? (\w+) should be raised at (compile time|runtime|any time): ?(.*)$')


def prepare(scenario: Scenario, tck_root: Path | None) -> Prepared:
    """Reads the steps, classifies the scenario and builds its setup."""
    prepared = Prepared(scenario)
    if '@ignore' in scenario.tags:
        prepared.skip = 'tagged @ignore'
        return prepared
    setups: list[str] = []
    imports: list[str] = []
    params: dict[str, Any] = {}
    query: str | None = None
    partnergraph_schema = False
    skip = None
    for step in scenario.steps:
        text = step.text.rstrip()
        if text in ('an empty graph', 'any graph'):
            continue
        if text == 'the partnergraph schema':
            partnergraph_schema = True
            continue
        named = re.fullmatch(r'the (\S+) graph', text)
        if named:
            folder = (tck_root or Path('.')) / 'tck' / 'graphs' / named.group(1)
            files = sorted(folder.glob('*.cypher'))
            if not files:
                skip = skip or f'setup: graph {named.group(1)} not found'
            setups.extend(f.read_text(encoding='utf-8') for f in files)
            continue
        if text == 'having executed:':
            setups.append(step.docstring or '')
            continue
        if text == 'having imported:':
            imports.append(step.docstring or '')
            continue
        if text == 'parameters are:':
            try:
                for row in step.table or []:
                    params[row[0]] = parse_tck_value(row[1])
            except (TckValueError, IndexError):
                skip = skip or 'setup: parameters the runner cannot read'
            continue
        if text.startswith('there exists a procedure'):
            skip = skip or 'setup: a procedure'
            continue
        if text == 'executing query:':
            query = step.docstring or ''
            continue
        if text == 'executing control query:':
            skip = skip or 'query: a control query after a write'
            continue
        if text in ('no side effects', 'the side effects should be:'):
            continue   # PartnerGraph queries are read-only
        expectation = None
        m = _RESULT_STEP.match(text)
        if m:
            expectation = Expectation(
                'rows', ordered=m.group('order') == ', in order',
                unordered_lists=bool(m.group('lists')),
                header=(step.table or [[]])[0], rows=(step.table or [[]])[1:])
        elif text == 'the result should be empty':
            expectation = Expectation('empty')
        else:
            m = _ERROR_STEP.match(text)
            if m:
                expectation = Expectation('error', error=f'{m.group(1)} at {m.group(2)}: '
                                                         f'{m.group(3)}')
        if expectation is None:
            skip = skip or f'scenario: unknown step "{text}"'
            continue
        if query is None:
            skip = skip or 'scenario: a result without a query'
            continue
        prepared.checks.append(Check(query, dict(params), expectation))

    if not prepared.checks and not skip:
        skip = 'scenario: no query'
    for check in prepared.checks:
        keyword = write_clause(check.query)
        if keyword:
            # PartnerGraph's Cypher is read-only: a query that writes is out of scope.
            prepared.skip = f'query: {keyword}'
            return prepared
    if skip:
        prepared.skip = skip
        return prepared
    try:
        for check in prepared.checks:
            tck_to_json(check.params)   # refuses node, relationship and path parameters
        if partnergraph_schema:
            prepared.schema = PARTNERGRAPH_SCHEMA
            if setups:
                raise SetupError('setup: having executed with the partnergraph schema')
            prepared.document = imports[0] if len(imports) == 1 else None
            if len(imports) > 1:
                raise SetupError('setup: more than one import document')
            return prepared
        if imports:
            raise SetupError('setup: having imported without the partnergraph schema')
        graph = build_graph(setups, params)
        schema, document = graph_to_import(graph)
        queries = ' '.join(c.query for c in prepared.checks)
        if any(e['kind'] == NO_LABEL for e in document['entities']) and \
                re.search(r'\blabels\s*\(', queries, re.I):
            # labels(n) of an unlabeled node would be ['_'], its placeholder kind.
            raise SetupError('setup: node without a label and a query calling labels()')
        if document['entities'] and lists_keys(queries):
            raise SetupError('query: keys() or properties() of a record list PartnerGraph\'s '
                             'built-in fields')
        builtin = next(filter(None, (reads_builtin(c.query) for c in prepared.checks)), None)
        if builtin and document['entities']:
            raise SetupError(f'query: reads "{builtin}", a property PartnerGraph always sets')
        # Neo4j knows any label; PartnerGraph refuses a label or type outside
        # the schema. So the schema holds every name the queries use too.
        for check in prepared.checks:
            for name in sorted(query_vocabulary(check.query)):
                schema['kinds'].setdefault(name, 'named in a query')
                schema['types'].setdefault(name, dict(ANY_ENDPOINTS))
        prepared.schema = schema
        if document['entities']:
            prepared.document = json.dumps(document, ensure_ascii=False, indent=1)
    except SetupError as e:
        prepared.skip = str(e)
    return prepared


# ---------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------

@dataclass
class Outcome:
    prepared: Prepared
    status: str                       # 'passed', 'failed' or 'skipped'
    detail: str = ''
    not_supported: bool = False
    check: Check | None = None        # the check that failed


CANNOT_RUN = 'could not run pgraph'


class Runner:
    def __init__(self, pgraph: Path, timeout: float):
        self.pgraph = str(pgraph)
        self.timeout = timeout

    def pgraph_run(self, db: Path, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([self.pgraph, '--db', str(db), *args], capture_output=True,
                              text=True, encoding='utf-8', errors='replace',
                              timeout=self.timeout)

    def run(self, prepared: Prepared) -> Outcome:
        if prepared.skip:
            return Outcome(prepared, 'skipped', prepared.skip)
        with tempfile.TemporaryDirectory(prefix='pgraph-tck-') as tmp:
            tmp_path = Path(tmp)
            db = tmp_path / 'db'
            try:
                return self._run_in(prepared, tmp_path, db)
            except subprocess.TimeoutExpired as e:
                return Outcome(prepared, 'failed', f'pgraph {e.cmd[3]} timed out after '
                                                   f'{e.timeout:g} s')
            except OSError as e:
                # E.g. the binary is being relinked by a build.
                return Outcome(prepared, 'failed', f'{CANNOT_RUN}: {e}')

    def _run_in(self, prepared: Prepared, tmp: Path, db: Path) -> Outcome:
        if isinstance(prepared.schema, Path):
            schema_path = prepared.schema
        else:
            schema_path = tmp / 'schema.json'
            schema_path.write_text(json.dumps(prepared.schema, indent=1), encoding='utf-8')
        done = self.pgraph_run(db, 'init', '--empty', '--schema', str(schema_path))
        if done.returncode != 0:
            return Outcome(prepared, 'failed', f'init failed ({done.returncode}): '
                                               f'{done.stderr.strip()}')
        if prepared.document is not None:
            data = tmp / 'import.json'
            data.write_text(prepared.document, encoding='utf-8')
            done = self.pgraph_run(db, 'import', str(data))
            if done.returncode != 0:
                return Outcome(prepared, 'failed', f'import failed ({done.returncode}): '
                                                   f'{done.stderr.strip()}')
        for check in prepared.checks:
            # The query goes first and each parameter as one `--param=NAME=VALUE`
            # word: `--param` takes several values, and would take a query after it.
            args = ['query', '--json', check.query]
            for name, value in check.params.items():
                args.append(f'--param={name}={json.dumps(tck_to_json(value))}')
            done = self.pgraph_run(db, *args)
            problem, not_supported = judge(check.expect, done)
            if problem:
                return Outcome(prepared, 'failed', problem, not_supported, check)
        return Outcome(prepared, 'passed')


def judge(expect: Expectation, done: subprocess.CompletedProcess) -> tuple[str | None, bool]:
    """(what went wrong or None, whether pgraph said `not supported`)."""
    code, stderr = done.returncode, done.stderr.strip()
    not_supported = code == 1 and 'not supported' in stderr
    if code < 0:
        return f'pgraph crashed (signal {-code}): {stderr}', False
    if expect.kind == 'error':
        if code == 1 and not not_supported:
            return None, False
        if code == 0:
            return f'expected {expect.error}; got a result: {done.stdout.strip()[:2000]}', False
        return f'expected {expect.error}; got exit {code}: {stderr}', not_supported
    if code != 0:
        return f'error (exit {code}): {stderr}', not_supported
    try:
        output = json.loads(done.stdout)
        columns, rows = output['columns'], output['rows']
        got = [tuple(decode_result_value(row[c], expect.unordered_lists) for c in columns)
               for row in rows]
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as e:
        return f'unreadable output ({e}): {done.stdout[:2000]}', False
    if expect.kind == 'empty':
        if got:
            return f'expected no rows; got:\n{format_rows(columns, got)}', False
        return None, False
    if sorted(columns) != sorted(expect.header) or len(columns) != len(expect.header):
        return (f'expected columns {expect.header}; got {columns}\n'
                f'got:\n{format_rows(columns, got)}'), False
    # Put the result's columns in the expected header's order.
    order = [columns.index(h) for h in expect.header]
    got = [tuple(row[i] for i in order) for row in got]
    try:
        wanted = [tuple(canonical(parse_tck_value(cell), expect.unordered_lists)
                        for cell in row) for row in expect.rows]
    except TckValueError as e:
        return f'cannot read the expected table: {e}', False
    same = got == wanted if expect.ordered else \
        collections.Counter(got) == collections.Counter(wanted)
    if same:
        return None, False
    return (f'expected{" (in order)" if expect.ordered else ""}:\n'
            f'{format_rows(expect.header, wanted)}\ngot:\n'
            f'{format_rows(expect.header, got)}'), False


def format_rows(header: list[str], rows: list[tuple], limit: int = 50) -> str:
    """Rows as an aligned Gherkin table (at most `limit` of them)."""
    cells = [list(header)] + [[show(v) for v in row] for row in rows[:limit]]
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
    lines = ['  | ' + ' | '.join(c.ljust(w) for c, w in zip(line, widths)) + ' |'
             for line in cells]
    if len(rows) > limit:
        lines.append(f'  ... {len(rows) - limit} more rows')
    return '\n'.join(lines)


def collect(root: Path, tck_root: Path | None, filter_text: str | None) -> list[Prepared]:
    prepared = []
    for path in sorted(root.rglob('*.feature')):
        text = path.read_text(encoding='utf-8')
        for scenario in parse_feature(text, path, root):
            if filter_text and filter_text not in str(path.relative_to(root)) and \
                    filter_text not in scenario.name:
                continue
            prepared.append(prepare(scenario, tck_root))
    return prepared


def run_all(runner: Runner, prepared: list[Prepared], jobs: int) -> list[Outcome]:
    """Runs the scenarios on `jobs` threads; shows progress on a terminal."""
    outcomes: list[Outcome | None] = [None] * len(prepared)
    progress = sys.stderr.isatty()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(runner.run, p): i for i, p in enumerate(prepared)}
        for done, future in enumerate(concurrent.futures.as_completed(futures), start=1):
            outcomes[futures[future]] = future.result()
            if progress and (done % 25 == 0 or done == len(prepared)):
                print(f'\r{done}/{len(prepared)} scenarios', end='', file=sys.stderr,
                      flush=True)
    if progress:
        print(file=sys.stderr)
    return outcomes


def pgraph_lacks(pgraph: Path) -> str | None:
    """What the runner needs that `pgraph` does not have yet, or None.

    `pgraph query --help` alone proves nothing: an unknown subcommand followed
    by --help prints the main help and exits 0. So read the help texts.
    """
    def help_text(*args: str) -> str:
        try:
            done = subprocess.run([str(pgraph), *args, '--help'], capture_output=True,
                                  text=True, errors='replace', timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            return ''
        return done.stdout if done.returncode == 0 else ''

    if 'pgraph query' not in help_text('query'):
        return 'no `query` command'
    if '--schema' not in help_text('init'):
        return 'no `init --schema`'
    return None


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------

def summarize(outcomes: list[Outcome]) -> dict[str, Any]:
    folders: dict[str, dict[str, int]] = {}
    reasons: collections.Counter = collections.Counter()
    total = {'passed': 0, 'failed': 0, 'skipped': 0}
    not_supported = cannot_run = 0
    for outcome in outcomes:
        cannot_run += outcome.detail.startswith(CANNOT_RUN)
        folder = folders.setdefault(outcome.prepared.scenario.folder,
                                    {'passed': 0, 'failed': 0, 'skipped': 0})
        folder[outcome.status] += 1
        total[outcome.status] += 1
        if outcome.status == 'skipped':
            reasons[outcome.detail] += 1
        not_supported += outcome.not_supported
    return {'folders': dict(sorted(folders.items())), 'total': total,
            'failed_not_supported': not_supported, 'failed_cannot_run': cannot_run,
            'skip_reasons': dict(reasons.most_common())}


def print_report(summary: dict[str, Any], outcomes: list[Outcome], verbose: int,
                 out=sys.stdout, dry_run: bool = False):
    if verbose:
        for outcome in sorted(outcomes, key=lambda o: (str(o.prepared.scenario.path),
                                                        o.prepared.scenario.line)):
            scenario = outcome.prepared.scenario
            if outcome.status == 'failed':
                print(f'FAILED {scenario.where}: {scenario.feature} / {scenario.name}',
                      file=out)
                check = outcome.check or (outcome.prepared.checks or [None])[0]
                if check is not None:
                    print('  query:\n' + _indent(check.query, 4), file=out)
                    if check.params:
                        print(f'  parameters: {json.dumps(tck_to_json(check.params))}',
                              file=out)
                print(_indent(outcome.detail, 2) + '\n', file=out)
            elif outcome.status == 'skipped' and verbose > 1:
                print(f'skipped {scenario.where}: {scenario.name}: {outcome.detail}',
                      file=out)
    width = max([len(f) for f in summary['folders']] + [20])
    # A dry run counts the scenarios that would run under "passed".
    columns = (('passed', 'to run'), ('skipped', 'skipped')) if dry_run else \
        (('passed', 'passed'), ('failed', 'failed'), ('skipped', 'skipped'))
    print(f'{"folder":<{width}}' + ''.join(f'  {title:>7}' for _, title in columns),
          file=out)
    for name, counts in list(summary['folders'].items()) + [('total', summary['total'])]:
        print(f'{name:<{width}}' + ''.join(f'  {counts[key]:>7}' for key, _ in columns),
              file=out)
    if summary['failed_not_supported']:
        print(f'{summary["failed_not_supported"]} of the failures are pgraph saying '
              '"not supported"', file=out)
    if summary['failed_cannot_run']:
        print(f'WARNING: pgraph could not be run for {summary["failed_cannot_run"]} scenarios '
              '(was it being rebuilt?); the figures are not meaningful', file=out)
    if summary['skip_reasons']:
        print('skipped, by reason:', file=out)
        for reason, count in summary['skip_reasons'].items():
            print(f'  {count:>5}  {reason}', file=out)


def _indent(text: str, n: int) -> str:
    return '\n'.join(' ' * n + line for line in text.split('\n'))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description='Run the openCypher TCK and tests/tck/features against pgraph query.')
    parser.add_argument('tck', nargs='?', type=Path, default=DEFAULT_TCK,
                        help=f'the openCypher TCK folder (default {DEFAULT_TCK})')
    parser.add_argument('--features', type=Path, default=DEFAULT_FEATURES,
                        help='PartnerGraph\'s own features (default tests/tck/features)')
    parser.add_argument('--pgraph', type=Path, default=DEFAULT_PGRAPH,
                        help=f'the pgraph binary (default {DEFAULT_PGRAPH})')
    parser.add_argument('--filter', help='only feature paths or scenario names containing this')
    parser.add_argument('--jobs', type=int, default=2, help='scenarios run at once (default 2)')
    parser.add_argument('--timeout', type=float, default=60,
                        help='seconds allowed to each pgraph call (default 60)')
    parser.add_argument('--json', type=Path, help='write the figures to this file')
    parser.add_argument('--check', type=Path,
                        help='exit 1 if the pass count is below the one in this file')
    parser.add_argument('--record', type=Path, help='write the pass count to this file')
    parser.add_argument('--dry-run', action='store_true',
                        help='classify only: count what would run and what is skipped')
    parser.add_argument('-v', '--verbose', action='count', default=0,
                        help='show each failure (-vv: each skipped scenario too)')
    args = parser.parse_args(argv)
    if args.filter and (args.check or args.record):
        parser.error('--check and --record count the whole run; leave out --filter')

    features = args.tck / 'tck' / 'features'
    if not features.is_dir():
        print(f'skipped: openCypher TCK not found at {args.tck} (expected tck/features/)')
        return 0
    prepared = collect(features, args.tck, args.filter)
    if args.features.is_dir():
        prepared += collect(args.features, None, args.filter)

    if args.dry_run:
        runner = None
    elif not args.pgraph.exists():
        print(f'skipped: pgraph not found at {args.pgraph} (build it, or use --pgraph)')
        return 0
    elif missing := pgraph_lacks(args.pgraph):
        print(f'skipped: {args.pgraph} has {missing} yet')
        return 0
    else:
        runner = Runner(args.pgraph, args.timeout)

    if runner is None:
        outcomes = [Outcome(p, 'skipped', p.skip) if p.skip else Outcome(p, 'passed', 'would run')
                    for p in prepared]
        summary = summarize(outcomes)
        runnable = summary['total']['passed']
        print(f'dry run: {runnable} scenarios would run, '
              f'{summary["total"]["skipped"]} are skipped')
    else:
        outcomes = run_all(runner, prepared, args.jobs)
        summary = summarize(outcomes)
    print_report(summary, outcomes, args.verbose, dry_run=runner is None)

    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + '\n', encoding='utf-8')
    if runner is None:
        return 0
    passed = summary['total']['passed']
    status = 0
    if args.check:
        try:
            recorded = int(args.check.read_text(encoding='utf-8').split()[0])
        except (OSError, ValueError, IndexError):
            recorded = 0
            print(f'no pass count recorded in {args.check}; taking 0')
        if passed < recorded:
            print(f'FAILED: {passed} scenarios pass, fewer than the {recorded} recorded in '
                  f'{args.check}')
            status = 1
        else:
            print(f'{passed} scenarios pass ({recorded} recorded in {args.check})')
    if args.record:
        args.record.write_text(f'{passed}\n', encoding='utf-8')
        print(f'recorded {passed} in {args.record}')
    return status


if __name__ == '__main__':
    try:
        sys.exit(main())
    except BrokenPipeError:   # `run.py | head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
