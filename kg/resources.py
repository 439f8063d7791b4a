"""Files shipped inside the package: gazetteers, patterns, queries, ontology.

Everything is found with importlib.resources, so an installed (non-editable)
package works from any working directory.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources


def read_text(package: str, name: str) -> str:
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


@cache
def lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of ``kg/data/patterns/NAME.txt`` or a gazetteer .txt."""
    folder = "patterns" if resources.files("kg").joinpath("data").joinpath("patterns").joinpath(name).is_file() else "gazetteers"
    text = resources.files("kg").joinpath("data").joinpath(folder).joinpath(name).read_text(encoding="utf-8")
    return tuple(s.strip() for s in text.splitlines() if s.strip() and not s.lstrip().startswith("#"))


@cache
def table(folder: str, name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``kg/data/FOLDER/NAME`` (CSV with a header)."""
    text = resources.files("kg").joinpath("data").joinpath(folder).joinpath(name).read_text(encoding="utf-8")
    return tuple(dict(row) for row in csv.DictReader(io.StringIO(text)))


def ontology_text(name: str = "smartcity.ttl") -> str:
    return read_text("kg.ontology", name)


def query_files() -> dict[str, str]:
    """Saved queries: file stem -> text."""
    folder = resources.files("kg").joinpath("queries")
    return {p.name[:-3]: p.read_text(encoding="utf-8") for p in folder.iterdir() if p.name.endswith(".rq")}
