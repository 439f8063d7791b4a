"""smartcity-kg: Vietnamese smart-city and development-aid news to an RDF knowledge graph."""

__version__ = "0.1.0"


# The submodule kg/build.py is imported here, before the function below is
# defined, so that importing it later never replaces ``kg.build`` (the function).
from . import build as _pipeline  # noqa: E402


def build(paths, *, jobs: int = 0, skip_bad: bool = False, min_confidence: float = 0.0):
    """Build the knowledge graph of the articles under ``paths`` -> ``rdflib.Dataset``.

    The dataset's default graph describes the entities; each article has its
    own named graph with the relations it states and their evidence.  Use
    ``kg.graph.union(dataset)`` for a single ``rdflib.Graph``.
    """
    from .graph import to_dataset

    return to_dataset(_pipeline.build_corpus(paths, jobs=jobs, skip_bad=skip_bad, min_confidence=min_confidence))
