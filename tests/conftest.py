"""Shared fixtures: the sample corpus and the golden example, each built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLE = GOLDEN / "example" / "input.txt"

# The public API, taken before anything imports the submodule kg/build.py:
# importing it rebinds the attribute ``kg.build`` to that module.
_PUBLIC_BUILD = kg.build if callable(kg.build) else None


def build_dataset(paths):
    """``kg.build(paths)``: an rdflib Dataset with one named graph per article."""
    if _PUBLIC_BUILD is not None:
        return _PUBLIC_BUILD([str(p) for p in paths])
    from kg.build import build_corpus
    from kg.graph import to_dataset

    return to_dataset(build_corpus([str(p) for p in paths]))


@pytest.fixture(scope="session")
def kg_build():
    """``kg.build`` as a fixture: a function from paths to a Dataset."""
    return build_dataset


@pytest.fixture(scope="session")
def corpus_dataset():
    """The sample corpus (data/corpus, 30+ articles) as a Dataset."""
    return build_dataset([CORPUS])


@pytest.fixture(scope="session")
def corpus_graph(corpus_dataset):
    from kg.graph import union

    return union(corpus_dataset)


@pytest.fixture(scope="session")
def example_dataset():
    """The golden example article (Thừa Thiên Huế, ADB, KOICA) as a Dataset."""
    return build_dataset([EXAMPLE])


@pytest.fixture(scope="session")
def example_graph(example_dataset):
    from kg.graph import union

    return union(example_dataset)


def pytest_configure(config):
    # rdflib 7 warns about its own use of deprecated Dataset/ConjunctiveGraph API on every parse.
    config.addinivalue_line("filterwarnings", "ignore::DeprecationWarning:rdflib.*")
