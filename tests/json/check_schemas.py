#!/usr/bin/env python3
"""Every query command's --json output, on the bundled dataset, against its
JSON Schema in docs/json/ (draft 2020-12); errors under --json against
error.schema.json. Needs python3-jsonschema (Debian; .ci/install-deps
installs it): without it the test is skipped (exit 77) with a message.

    check_schemas.py --pgraph build/src/cli/pgraph
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "docs" / "json"
SKIP = 77

# (schema, arguments): every query command, in its usual and its edge cases.
CASES = [
    ("find", ["find", "ilo"]),
    ("find", ["find", "labour", "--limit", "0"]),
    ("find", ["find", "Maritime"]),
    ("find", ["find", "swedn"]),
    ("find", ["find", "labor organisation"]),
    ("find", ["find", "国际劳工组织"]),
    ("find", ["find", "no such thing at all"]),
    ("show", ["show", "ilo"]),
    ("show", ["show", "cn-mohrss", "--types", "mou"]),
    ("show", ["show", "china", "--as-of", "2015", "--kinds", "project"]),
    ("path", ["path", "china", "cambodia"]),
    ("path", ["path", "china", "cambodia", "--all", "--as-of", "2015"]),
    ("path", ["path", "ilo", "ilo"]),
    ("path", ["path", "cn-mot", "ilo", "--types", "funds"]),
    ("neighbours", ["neighbours", "ilo"]),
    ("neighbours", ["neighbours", "cn-mohrss", "--depth", "2", "--kinds", "event"]),
    ("funds", ["funds"]),
    ("funds", ["funds", "--funder", "china", "--through"]),
    ("funds", ["funds", "--beneficiary", "cambodia"]),
    ("central", ["central", "--top", "10"]),
    ("central", ["central", "--top", "0", "--sample", "50"]),
    ("stats", ["stats"]),
    ("sources", ["sources"]),
    ("neighbours", ["neighbours", "ilo", "--as-of", "2015"]),
    ("neighbours", ["neighbours", "ilo", "--as-of", "2019", "--dates", "strict"]),
    ("funds", ["funds", "--as-of", "2019", "--dates", "any"]),
    ("query", ["query", "MATCH (a)-[r:mou]->(b) RETURN b.id AS id", "--as-of", "2021"]),
    ("diff", ["diff", "2015", "2019", "--around", "ilo"]),
    ("diff", ["diff", "2019", "2019"]),
    ("query", ["query", "MATCH (a)-[r:mou]->(b) RETURN a, r, b.id AS id, [1, 2.5, 'x'] AS list, "
               "{k: a.kind} AS map, null AS nothing, true AS yes LIMIT 3"]),
    ("query", ["query", "MATCH p = shortestPath((a {id: 'china'})-[*..4]-(b {id: 'cambodia'})) "
               "RETURN p"]),
    ("query", ["query", "MATCH (n) WHERE n.id = 'nobody' RETURN n"]),
]

# Failures under --json: {"error": {"code", "message"}} on stderr, nothing on stdout.
ERRORS = [
    (["show", "swedn"], 1),
    (["path", "ilo", "china", "--as-of", "2019-13"], 2),
    (["find", ""], 1),
    (["neighbours", "ilo", "--types", "nosuch"], 2),
    (["funds", "--funder", "nobody-at-all"], 1),
    (["central", "--types", "nosuch"], 2),
    (["diff", "2019", "2015"], 2),
    (["query", "MATCH (n RETURN n"], 1),
    (["show", "ilo", "--no-such-flag"], 2),
]


def load_validators():
    try:
        import jsonschema
    except ImportError:
        print("SKIP: python3-jsonschema is not installed (apt-get install python3-jsonschema)")
        sys.exit(SKIP)
    documents = {}
    for path in SCHEMAS.glob("*.schema.json"):
        document = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(document)
        documents[path.name] = document
    try:  # jsonschema 4.18 and later
        from referencing import Registry, Resource
        registry = Registry().with_resources(
            (document["$id"], Resource.from_contents(document)) for document in documents.values())
        make = lambda document: jsonschema.Draft202012Validator(document, registry=registry)
    except ImportError:  # Debian 12's 4.10
        store = {document["$id"]: document for document in documents.values()}
        make = lambda document: jsonschema.Draft202012Validator(
            document, resolver=jsonschema.RefResolver.from_schema(document, store=store))
    return {name[: -len(".schema.json")]: make(document) for name, document in documents.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pgraph", required=True)
    args = parser.parse_args()
    validators = load_validators()
    failures = []

    def check(what, validator, document):
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors[:5]:
            failures.append(f"{what}: at {'/'.join(map(str, error.absolute_path)) or '(root)'}: "
                            f"{error.message[:300]}")

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PGRAPH_DB=os.path.join(tmp, "db"), NO_COLOR="1")
        env.pop("PGRAPH_PAGER", None)
        init = subprocess.run([args.pgraph, "init"], env=env, capture_output=True, text=True)
        if init.returncode != 0:
            print("pgraph init failed:", init.stderr)
            return 1

        def run(arguments):
            return subprocess.run([args.pgraph, *arguments], env=env, capture_output=True,
                                  text=True, timeout=120)

        checked = 0
        for schema, arguments in CASES:
            what = "pgraph " + " ".join(arguments) + " --json"
            result = run(arguments + ["--json"])
            if result.returncode != 0:
                failures.append(f"{what}: exit {result.returncode}: {result.stderr.strip()}")
                continue
            document = json.loads(result.stdout)
            check(what, validators[schema], document)
            checked += 1
            # --format jsonl: a list one element a line, each valid as an item.
            lines = run(arguments + ["--format", "jsonl"])
            items = [json.loads(line) for line in lines.stdout.splitlines() if line]
            if schema == "query":  # a row a line
                if items != document["rows"]:
                    failures.append(f"{what}: --format jsonl is not the rows, one a line")
            elif schema == "diff":  # a changed relation a line
                if items != [r for group in document["groups"] for r in group["relations"]]:
                    failures.append(f"{what}: --format jsonl is not the changes, one a line")
            elif isinstance(document, list):
                item_schema = dict(validators[schema].schema)
                item_schema = item_schema["items"]
                item_validator = validators[schema].evolve(
                    schema={**item_schema, "$id": validators[schema].schema["$id"]})
                if len(items) != len(document):
                    failures.append(f"{what}: --format jsonl gave {len(items)} lines "
                                    f"for {len(document)} items")
                for i, item in enumerate(items):
                    check(f"{what} (jsonl line {i + 1})", item_validator, item)
            elif items != [document]:
                failures.append(f"{what}: --format jsonl is not the document on one line")
        for arguments, status in ERRORS:
            what = "pgraph " + " ".join(arguments) + " --json"
            result = run(arguments + ["--json"])
            if result.returncode != status:
                failures.append(f"{what}: exit {result.returncode}, expected {status}")
            if result.stdout:
                failures.append(f"{what}: wrote to stdout: {result.stdout[:200]}")
            try:
                check(what, validators["error"], json.loads(result.stderr))
            except json.JSONDecodeError:
                failures.append(f"{what}: stderr is not one JSON document: {result.stderr[:300]}")
            checked += 1
    for failure in failures:
        print("FAIL", failure)
    print(f"{checked} documents checked against docs/json, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
