"""Errors the library raises; the CLI turns them into one-line messages."""

from __future__ import annotations


class KGError(Exception):
    """Base class: a problem a user can fix, with a one-line message."""


class InputError(KGError):
    """An input file cannot be read as an article."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{problem}: {path}")
        self.path = path
        self.problem = problem


class QueryError(KGError):
    """A SPARQL query is malformed, too large, or timed out."""


class OutputError(KGError):
    """An output cannot be written (unknown format, unwritable folder)."""
