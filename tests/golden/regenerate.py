"""Rewrite the golden files: tests/golden/*/expected.ttl from tests/golden/*/input.txt.

Run it after an intended change to the extractors or the graph layout, then
read the diff (``git diff tests/golden``) before committing: every changed
triple is a change in what the graph says about the article.

    .venv/bin/python tests/golden/regenerate.py            # every case
    .venv/bin/python tests/golden/regenerate.py example    # one case
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def cases(names: list[str]) -> list[Path]:
    folders = sorted(p.parent for p in HERE.glob("*/input.txt"))
    if names:
        folders = [f for f in folders if f.name in names]
        missing = set(names) - {f.name for f in folders}
        if missing:
            raise SystemExit(f"no golden case named {', '.join(sorted(missing))} in {HERE}")
    return folders


def build(input_path: Path):
    # kg.build(...) itself, without relying on the attribute ``kg.build`` (which the
    # submodule kg/build.py replaces once anything imports it).
    from kg.build import build_corpus
    from kg.graph import to_dataset

    return to_dataset(build_corpus([str(input_path)], jobs=1))


def main(argv: list[str]) -> int:
    from kg.storage import write_graph

    for folder in cases(argv):
        target = folder / "expected.ttl"
        write_graph(build(folder / "input.txt"), target)
        print(f"wrote {target.relative_to(HERE.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
