#!/usr/bin/env python3
"""Validate JSON documents stigdiff wrote against their JSON Schemas.

usage: json-schema.py SCHEMA FILE... [-- SCHEMA FILE...]...

SCHEMA names a file of docs/formats/schema/; the other schemas of that
directory are what its "$ref"s may name. Groups separated by "--" are
checked in turn by one process (starting python and jsonschema costs a
third of a second of CPU, more than validating most documents). A FILE ending in .jsonl holds one
document per line. Prints "FILE: ok" per valid file, else one line per
error ("FILE[:line]: at PATH: message") and exits 1. The validator is
python3-jsonschema's (Debian), draft 2020-12.
"""
import glob
import json
import os
import sys

import jsonschema


def registry_kwargs(schemas):
    """How this jsonschema finds the other schemas: the referencing
    library (4.18 and later) or the older RefResolver (Debian 12's 4.10)."""
    try:
        from referencing import Registry, Resource
    except ImportError:
        return lambda schema: {"resolver": jsonschema.RefResolver.from_schema(
            schema, store={s["$id"]: s for s in schemas})}
    reg = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas)
    return lambda schema: {"registry": reg}


def main(argv):
    groups, group = [], []
    for a in argv[1:] + ["--"]:
        if a != "--":
            group.append(a)
            continue
        if len(group) < 2:
            sys.stderr.write(__doc__)
            return 2
        groups.append(group)
        group = []
    return 1 if sum(validate(g[0], g[1:]) for g in groups) else 0


def validate(path, files):
    """Print one line per file (ok) or per error; the number of errors."""
    schemas = []
    for f in sorted(glob.glob(os.path.join(os.path.dirname(path) or ".", "*.json"))):
        with open(f, encoding="utf-8") as fp:
            schemas.append(json.load(fp))
    with open(path, encoding="utf-8") as fp:
        schema = json.load(fp)
    cls = jsonschema.Draft202012Validator
    cls.check_schema(schema)
    validator = cls(schema, **registry_kwargs(schemas)(schema))
    bad = 0
    for f in files:
        with open(f, encoding="utf-8") as fp:
            if f.endswith(".jsonl"):
                docs = [(f"{f}:{n}", json.loads(line))
                        for n, line in enumerate(fp, 1) if line.strip()]
            else:
                docs = [(f, json.load(fp))]
        errors = 0
        for name, doc in docs:
            for e in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path)):
                # an anyOf (a value or null) names the branch that came
                # nearest, not the whole value
                while e.context:
                    near = [c for c in e.context if c.validator != "type"]
                    e = jsonschema.exceptions.best_match(near or e.context)
                where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}"
                                for p in e.absolute_path) or "."
                print(f"{name}: at {where}: {e.message[:200]}")
                errors += 1
        if not docs:
            print(f"{f}: no document")
            errors += 1
        if not errors:
            print(f"{f}: ok")
        bad += errors
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv))
