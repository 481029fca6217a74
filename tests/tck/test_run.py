"""Unit tests of the parsing parts of tests/tck/run.py.

Run from the repository root: python3 -m unittest tests/tck/test_run.py
"""

import json
import math
import stat
import subprocess
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402  (after the path is set)

FEATURE = textwrap.dedent('''\
    #encoding: utf-8

    Feature: Sample - a feature written for the tests

      Background:
        Given an empty graph
        And having executed:
          """
          CREATE (:A {name: 'a'})
          """

      @skipStyleCheck
      Scenario: [1] Plain
        When executing query:
          """
          MATCH (n)
            RETURN n.name
          """
        Then the result should be, in any order:
          | n.name        |
          | 'a\\|b'       |
        And no side effects

      Scenario Outline: [2] Outline <x>
        When executing query:
          """
          RETURN <x> AS v
          """
        Then the result should be, in order:
          | v   |
          | <y> |

        Examples:
          | x     | y   |
          | 1 + 1 | 2   |
          | 'a'   | 'a' |

      Scenario: [3] Error
        Given any graph
        When executing query:
          """
          RETURN x
          """
        Then a SyntaxError should be raised at compile time: UndefinedVariable
    ''')


def parse(text=FEATURE):
    return run.parse_feature(text, Path('/f/clauses/x/Sample.feature'), Path('/f'))


class GherkinTest(unittest.TestCase):
    def test_scenarios_outlines_and_background(self):
        scenarios = parse()
        self.assertEqual([s.name for s in scenarios],
                         ['[1] Plain', '[2] Outline 1 + 1 [row 1]', "[2] Outline 'a' [row 2]",
                          '[3] Error'])
        first = scenarios[0]
        self.assertEqual(first.feature, 'Sample - a feature written for the tests')
        self.assertEqual(first.tags, ['@skipStyleCheck'])
        self.assertEqual(first.folder, 'clauses/x')
        # The background comes first; And takes the keyword before it.
        self.assertEqual([(s.keyword, s.text) for s in first.steps[:2]],
                         [('Given', 'an empty graph'), ('Given', 'having executed:')])
        self.assertEqual(first.steps[1].docstring, "CREATE (:A {name: 'a'})")
        # The docstring keeps indentation beyond the fence's.
        self.assertEqual(first.steps[2].docstring, 'MATCH (n)\n  RETURN n.name')
        # Gherkin unescapes \| in a cell.
        self.assertEqual(first.steps[3].table, [['n.name'], ["'a|b'"]])

    def test_outline_rows_are_substituted(self):
        outline = parse()[1]
        self.assertEqual(outline.steps[2].docstring, 'RETURN 1 + 1 AS v')
        self.assertEqual(outline.steps[3].table, [['v'], ['2']])
        self.assertEqual(outline.line, FEATURE.split('\n').index('      | 1 + 1 | 2   |') + 1)

    def test_prepare_reads_the_expectations(self):
        plain, outline, _, error = [run.prepare(s, None) for s in parse()]
        self.assertIsNone(plain.skip)
        self.assertEqual(plain.checks[0].expect.kind, 'rows')
        self.assertFalse(plain.checks[0].expect.ordered)
        self.assertTrue(outline.checks[0].expect.ordered)
        self.assertEqual(error.checks[0].expect.kind, 'error')
        self.assertEqual(error.checks[0].expect.error,
                         'SyntaxError at compile time: UndefinedVariable')
        doc = json.loads(plain.document)
        self.assertEqual(doc['entities'], [{'id': 'n0', 'kind': 'A', 'name': {'en': 'a'}}])


class TckValueTest(unittest.TestCase):
    def test_scalars(self):
        v = run.parse_tck_value
        self.assertEqual(v('1'), 1)
        self.assertIsInstance(v('1'), int)
        self.assertIsInstance(v('1.0'), float)
        self.assertEqual(v('-.5e-3'), -0.0005)
        self.assertEqual(v('1e300'), 1e300)
        self.assertTrue(math.isnan(v('NaN')))
        self.assertEqual(v('Inf'), math.inf)
        self.assertEqual(v('-Inf'), -math.inf)
        self.assertIs(v('true'), True)
        self.assertIsNone(v('null'))
        self.assertEqual(v("'it\\'s \\\\ ok'"), "it's \\ ok")
        self.assertEqual(v("''"), '')

    def test_collections(self):
        self.assertEqual(run.parse_tck_value("[1, 'a', [2.0], {k: null}]"),
                         [1, 'a', [2.0], {'k': None}])
        self.assertEqual(run.parse_tck_value('{a: 1, `b c`: [true]}'), {'a': 1, 'b c': [True]})

    def test_int_and_float_differ_nan_equals_nan(self):
        c = run.canonical
        self.assertNotEqual(c(1), c(1.0))
        self.assertEqual(c(math.nan), c(float('nan')))
        self.assertNotEqual(c([1, 2]), c([2, 1]))
        self.assertEqual(c([1, 2], unordered_lists=True), c([2, 1], unordered_lists=True))

    def test_node_and_relationship(self):
        node = run.parse_tck_value("(:A:B {name: 'x', num: 1})")
        self.assertEqual(node.labels, frozenset({'A', 'B'}))
        self.assertEqual(dict(node.properties), {'name': ('str', 'x'), 'num': ('int', 1)})
        self.assertEqual(run.parse_tck_value('()'), run.TNode(frozenset(), ()))
        rel = run.parse_tck_value('[:T {w: 2.5}]')
        self.assertEqual(rel, run.TRel('T', (('w', ('float', 2.5)),)))
        self.assertEqual(run.parse_tck_value('[:T]'), run.TRel('T', ()))

    def test_path_literal_and_pgraph_path(self):
        expected = run.parse_tck_value("<(:A {name: 'a'})-[:T]->(:B)<-[:S {w: 1}]-(:C)>")
        self.assertEqual([d for d, _, _ in expected.links], ['>', '<'])
        # The same path as `pgraph query --json` prints it: n1 -T-> n2 <-S- n3.
        got = {'~': 'path',
               'nodes': [{'~': 'node', 'id': 'n1', 'kind': 'A', 'name': {'en': 'a'}},
                         {'~': 'node', 'id': 'n2', 'kind': 'B', 'name': {'zh': 'n2'}},
                         {'~': 'node', 'id': 'n3', 'kind': 'C', 'name': {'zh': 'n3'}}],
               'relationships': [
                   {'~': 'relationship', 'id': 'r0', 'type': 'T', 'from': 'n1', 'to': 'n2'},
                   {'~': 'relationship', 'id': 'r1', 'type': 'S', 'from': 'n3', 'to': 'n2',
                    'attributes': {'w': '1'}}]}
        self.assertEqual(run.decode_result_value(got), expected)
        self.assertEqual(run.show(expected), "<(:A {name: 'a'})-[:T]->(:B)<-[:S {w: 1}]-(:C)>")

    def test_pgraph_values(self):
        d = run.decode_result_value
        self.assertEqual(d('NaN'), run.canonical(math.nan))
        self.assertEqual(d('-Infinity'), run.canonical(-math.inf))
        self.assertEqual(d(1.0), run.canonical(1.0))
        self.assertEqual(d({'a': [1, 'x']}), run.canonical({'a': [1, 'x']}))
        node = {'~': 'node', 'id': 'n0', 'kind': '_', 'name': {'zh': 'n0'},
                'attributes': {'num': '1', 'f': '1.0', 'b': 'true', 'l': '[1, "a"]', 's': 'x'}}
        self.assertEqual(d(node), run.parse_tck_value("({num: 1, f: 1.0, b: true, "
                                                      "l: [1, 'a'], s: 'x'})"))


class SetupTest(unittest.TestCase):
    def prepare(self, setup, query='MATCH (n) RETURN n'):
        text = ('Feature: F\n  Scenario: S\n    Given an empty graph\n'
                '    And having executed:\n      """\n' + textwrap.indent(setup, '      ') +
                '\n      """\n    When executing query:\n      """\n      ' + query +
                '\n      """\n    Then the result should be empty\n')
        return run.prepare(parse(text)[0], None)

    def test_two_labels_are_skipped(self):
        self.assertEqual(self.prepare('CREATE (:A:B {num: 1})').skip,
                         'setup: node with several labels')

    def test_writing_queries_are_skipped(self):
        self.assertEqual(self.prepare('CREATE ()', 'MATCH (n) SET n.x = 1').skip, 'query: SET')
        self.assertEqual(self.prepare('CREATE ()', 'MATCH (n) DETACH DELETE n').skip,
                         'query: DETACH')
        self.assertIsNone(run.write_clause("MATCH (n:Create {set: 1}) RETURN n.delete, 'SET'"))
        self.assertEqual(run.write_clause('LOAD CSV FROM $u AS l RETURN l'), 'LOAD CSV')

    def test_create_path_is_translated(self):
        prepared = self.prepare("CREATE (a:A {name: 'a', num: 1})-[:T {w: 1.5}]->"
                                "(b:B {l: [1, 2], ok: true})<-[:S]-(c)\n"
                                "CREATE (c)-[:T]->(a)")
        self.assertIsNone(prepared.skip)
        doc = json.loads(prepared.document)
        self.assertEqual(doc['entities'], [
            {'id': 'n0', 'kind': 'A', 'name': {'en': 'a'}, 'attributes': {'num': '1'}},
            {'id': 'n1', 'kind': 'B', 'name': {'zh': 'n1'},
             'attributes': {'l': '[1, 2]', 'ok': 'true'}},
            {'id': 'n2', 'kind': '_', 'name': {'zh': 'n2'}}])
        self.assertEqual([(r['type'], r['from'], r['to'], r.get('attributes'))
                          for r in doc['relations']],
                         [('T', 'n0', 'n1', {'w': '1.5'}), ('S', 'n2', 'n1', None),
                          ('T', 'n2', 'n0', None)])
        self.assertEqual(set(prepared.schema['kinds']), {'A', 'B', '_'})
        self.assertEqual(prepared.schema['types']['T'],
                         {'symmetric': False, 'from': ['*'], 'to': ['*']})

    def test_unwind_match_and_with(self):
        prepared = self.prepare('UNWIND range(1, 3) AS i CREATE (:N {num: i})\n'
                                'WITH count(*) AS created\n'
                                'MATCH (a:N), (b:N) WHERE a.num + 1 = b.num\n'
                                'CREATE (a)-[:NEXT]->(b)')
        doc = json.loads(prepared.document)
        self.assertEqual([e['attributes']['num'] for e in doc['entities']], ['1', '2', '3'])
        self.assertEqual([(r['from'], r['to']) for r in doc['relations']],
                         [('n0', 'n1'), ('n1', 'n2')])

    def test_what_cannot_be_represented(self):
        self.assertEqual(self.prepare("CREATE ({num: '1'})").skip,
                         'setup: string property that reads back as another type')
        self.assertEqual(self.prepare('CREATE (a)-[:T]->(a)').skip,
                         'setup: self-loop (PartnerGraph refuses them)')
        self.assertEqual(self.prepare('CREATE ({d: date()})').skip, 'setup: temporal value')
        self.assertEqual(self.prepare('CREATE ({id: 1})').skip,
                         'setup: node property "id" is a PartnerGraph built-in')

    def test_query_labels_and_types_join_the_schema(self):
        self.assertEqual(run.query_vocabulary("MATCH (a:A)-[:T|:S|U]->(b {k: 'v'}) "
                                              "WHERE a:B RETURN a"),
                         {'A', 'T', 'S', 'U', 'B'})
        schema = self.prepare('CREATE (:A)', 'MATCH (n:X)-[:R]->() RETURN n').schema
        self.assertEqual(set(schema['kinds']), {'A', 'X', 'R', '_'})
        self.assertEqual(set(schema['types']), {'X', 'R', '_'})

    def test_queries_reading_builtins_are_skipped(self):
        self.assertEqual(self.prepare('CREATE ()', 'MATCH (a) RETURN a.id IS NULL').skip,
                         'query: reads "id", a property PartnerGraph always sets')
        self.assertIsNone(self.prepare('CREATE ()', 'MATCH (a) RETURN a.title').skip)

    def test_key_lists_are_skipped_key_tests_are_not(self):
        self.assertEqual(self.prepare('CREATE ({a: 1})', 'MATCH (n) RETURN keys(n)').skip,
                         "query: keys() or properties() of a record list PartnerGraph's "
                         'built-in fields')
        self.assertIsNone(self.prepare('CREATE ({a: 1})',
                                       "MATCH (n) RETURN 'a' IN keys(n) AS x").skip)

    def test_property_text_reads_back(self):
        for value in (1, -7, 1.0, 1e300, -0.5, 2.5e-10, True, 'text', [1, 'a', 2.0]):
            text = run.property_text(value)
            self.assertEqual(run.canonical(run.typed_attribute(text)), run.canonical(value), text)
        self.assertEqual(run.property_text(1e300), '1.0e300')


class JudgeTest(unittest.TestCase):
    def judge(self, expect, code, stdout='', stderr=''):
        return run.judge(expect, subprocess.CompletedProcess([], code, stdout, stderr))

    def test_rows_in_any_order_and_in_order(self):
        out = json.dumps({'columns': ['a'], 'rows': [{'a': 2}, {'a': 1}]})
        any_order = run.Expectation('rows', header=['a'], rows=[['1'], ['2']])
        self.assertEqual(self.judge(any_order, 0, out), (None, False))
        in_order = run.Expectation('rows', ordered=True, header=['a'], rows=[['1'], ['2']])
        self.assertIsNotNone(self.judge(in_order, 0, out)[0])
        floats = run.Expectation('rows', header=['a'], rows=[['1.0'], ['2.0']])
        self.assertIsNotNone(self.judge(floats, 0, out)[0])

    def test_errors(self):
        expect = run.Expectation('error', error='SyntaxError at compile time: X')
        self.assertEqual(self.judge(expect, 1, stderr='syntax error at line 1, column 2: x'),
                         (None, False))
        self.assertIsNotNone(self.judge(expect, 2)[0])
        self.assertIsNotNone(self.judge(expect, -11)[0])
        self.assertEqual(self.judge(expect, 1, stderr='OPTIONAL MATCH is not supported')[1],
                         True)


class RunnerTest(unittest.TestCase):
    """The whole path through a stand-in pgraph that answers `MATCH (n) RETURN n`."""

    FAKE = textwrap.dedent('''\
        #!/usr/bin/env python3
        import json, os, sys
        args = sys.argv[1:]
        db = args[args.index('--db') + 1]
        if 'init' in args:
            os.makedirs(db)
            json.load(open(args[args.index('--schema') + 1]))
        elif 'import' in args:
            os.replace(args[-1], os.path.join(db, 'data.json'))
        elif 'query' in args:
            path = os.path.join(db, 'data.json')
            data = json.load(open(path)) if os.path.exists(path) else {'entities': []}
            rows = [{'n': dict(e, **{'~': 'node'})} for e in data['entities']]
            print(json.dumps({'columns': ['n'], 'rows': rows}))
        ''')

    def test_runs_a_scenario(self):
        with tempfile.TemporaryDirectory() as tmp:
            fake = Path(tmp) / 'pgraph'
            fake.write_text(self.FAKE)
            fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
            text = textwrap.dedent('''\
                Feature: F
                  Scenario: S
                    Given an empty graph
                    And having executed:
                      """
                      CREATE (:A {name: 'x', num: 1}), ({f: 1.5, l: ['a']})
                      """
                    When executing query:
                      """
                      MATCH (n) RETURN n
                      """
                    Then the result should be, in any order:
                      | n                         |
                      | ({f: 1.5, l: ['a']})      |
                      | (:A {name: 'x', num: 1})  |
                ''')
            prepared = run.prepare(parse(text)[0], None)
            outcome = run.Runner(fake, timeout=30).run(prepared)
            self.assertEqual((outcome.status, outcome.detail), ('passed', ''))


if __name__ == '__main__':
    unittest.main()
