"""The ``kg`` command: a thin click layer over the library.

Library errors (:class:`kg.errors.KGError`) become one-line messages and exit
status 2 here, and only here.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .errors import KGError

EXAMPLES = "data/corpus"


def _fail(message: str) -> None:
    """A wrong combination of options: a usage error (exit status 2)."""
    raise click.UsageError(message)


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KGError as exc:
            click.echo(f"kg: error: {exc}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("kg: interrupted; nothing was written", err=True)
            ctx.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """Vietnamese smart-city and development-aid news -> an RDF knowledge graph.

    \b
    kg build data/corpus -o out/graph.ttl
    kg query out/graph.ttl --name donors-by-province
    kg stats out/graph.ttl
    """


def _progress(enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    def wrap(stream, total):
        return tqdm(stream, total=total, unit="article", desc="kg build", file=sys.stderr, disable=None,
                    dynamic_ncols=True)

    return wrap


def _warn(message: str) -> None:
    click.echo(f"kg: warning: {message}", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "outputs", multiple=True, type=click.Path(path_type=Path),
              help="Graph file to write; the extension picks the format (.ttl .nt .trig .nq .jsonld). Repeatable.")
@click.option("-j", "--jobs", default=0, show_default="one per core", help="Worker processes.")
@click.option("--skip-bad", is_flag=True, help="Warn about unreadable files and build the rest.")
@click.option("--min-confidence", default=0.0, show_default=True, type=click.FloatRange(0, 1),
              help="Leave out relations read with less confidence than this.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Add the articles to this on-disk store: only new or edited ones are read; "
                   "with -o, the whole store is then written out.")
@click.option("--encoding", metavar="NAME",
              help="The articles' encoding instead of detecting it: utf-8, utf-16, cp1258, tcvn3, vni, viscii.")
@click.option("--batch", type=click.IntRange(1),
              help="With --store: new articles per commit (default: 500, or what arrives in 10 s); "
                   "a build stopped half-way keeps every whole batch.")
def build(paths, outputs, jobs, skip_bad, min_confidence, quiet, store_dir, encoding, batch):
    """Build a graph from article files and folders (recursive *.txt).

    \b
    Examples:
      kg build data/corpus -o out/graph.ttl -o out/graph.trig
      kg build data/corpus --store out/store
    """
    if encoding:
        from .reading import encoding_name

        encoding = encoding_name(encoding)  # an unknown name is refused before any work
    if store_dir is not None:
        _build_store(paths, outputs, jobs, skip_bad, min_confidence, quiet, store_dir, encoding, batch)
        return
    if not outputs:
        _fail("give an output file (-o FILE), a store (--store DIR), or both")
    from .build import build_corpus
    from .storage import format_for, write_corpus

    for output in outputs:
        format_for(output)  # refuse an unknown format before any work
    corpus = build_corpus(paths, jobs=jobs, skip_bad=skip_bad, min_confidence=min_confidence,
                          on_warning=_warn, progress=_progress(not quiet), encoding=encoding)
    write_corpus(corpus, outputs)  # every file or none
    if not quiet:
        from .analytics import corpus_stats

        _print_summary(corpus_stats(corpus), outputs)


def _build_store(paths, outputs, jobs, skip_bad, min_confidence, quiet, store_dir, encoding=None, batch=None) -> None:
    from .storage import format_for
    from .store import Store

    for output in outputs:
        format_for(output)  # refuse an unknown format before any work
    with Store(store_dir) as store:
        try:
            report = store.add(paths, jobs=jobs, skip_bad=skip_bad, min_confidence=min_confidence,
                               on_warning=_warn, progress=_progress(not quiet), encoding=encoding, batch=batch)
        except KeyboardInterrupt:
            click.echo(f"kg: interrupted; {store_dir} keeps the {len(store.articles())} articles committed so far: "
                       "the same command carries on from there", err=True)
            raise click.exceptions.Exit(130) from None
        for output in outputs:
            store.export(output)
        if not quiet:
            click.echo(f"{len(report.added)} added, {len(report.replaced)} replaced, "
                       f"{len(report.unchanged)} unchanged, {len(report.skipped)} skipped -> {store_dir}: "
                       f"{len(store.articles())} articles, {len(store)} triples"
                       + (f"; wrote {', '.join(map(str, outputs))}" if outputs else ""))


def _one_source(graph, store_dir) -> None:
    if (graph is None) == (store_dir is None):
        _fail("give a graph file or --store DIR (exactly one)")


def _load_union(graph, store_dir):
    """The whole graph of a file or a store, as one rdflib Graph."""
    _one_source(graph, store_dir)
    if store_dir is not None:
        from .store import Store

        with Store(store_dir, read_only=True) as store:
            return store.union_graph()
    from .storage import load_union

    return load_union(graph)


STORE_OPTION = click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False),
                            help="Read this store folder (kg build --store) instead of a graph file.")


def _print_summary(stats, outputs) -> None:
    click.echo(f"{stats.documents} articles -> {stats.triples} triples -> {', '.join(map(str, outputs))}")
    click.echo("entities:  " + "  ".join(f"{k} {v}" for k, v in stats.entities.items()))
    click.echo("relations: " + "  ".join(f"{k} {v}" for k, v in stats.relations.items()))


@main.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.File("r", encoding="utf-8"), help="Read the query from a file.")
@click.option("-n", "--name", help="Run a saved query (see --list).")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="A saved query's parameter.")
@click.option("--list", "list_saved", is_flag=True, help="List the saved queries and exit.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Stop the query after this many seconds (it runs in a process that is killed).")
@click.option("--endpoint", metavar="URL", help="Ask this remote SPARQL endpoint instead of a file or a store.")
@STORE_OPTION
def query(graph, sparql, query_file, name, params, list_saved, fmt, timeout, endpoint, store_dir):
    """Run a SPARQL query (text, --file or a saved --name) against a graph file or a store.

    \b
    Examples:
      kg query out/graph.ttl --name projects-of-donor --param donor=ADB
      kg query out/graph.ttl 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
      kg query --store out/store --name donors-by-province
      kg query out/graph.ttl --file heavy.rq --timeout 30
      kg query --endpoint http://localhost:7878/query 'SELECT * WHERE { ?s ?p ?o } LIMIT 5'
    """
    from . import queries

    if list_saved:
        for q in queries.saved_queries().values():
            params_text = f" [{', '.join(q.parameters)}]" if q.parameters else ""
            click.echo(f"{q.name}{params_text}\n    {q.description}")
        return
    if (store_dir is not None or endpoint) and graph is not None and sparql is None:
        graph, sparql = None, str(graph)  # with --store or --endpoint, the one argument is the query text
    if not endpoint:
        _one_source(graph, store_dir)
    elif graph is not None or store_dir is not None:
        _fail("give --endpoint URL alone, without a graph file or --store")
    chosen = [x for x in (sparql, query_file, name) if x]
    if len(chosen) != 1:
        _fail("give exactly one of: a query text, --file Q.rq, --name SAVED")
    values = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep:
            _fail(f"--param expects NAME=VALUE, got '{item}'")
        values[key] = value
    init = {}
    if name:
        saved = queries.saved_query(name)
        text = saved.text
        init = queries.bindings(saved, values)
    else:
        if values:
            _fail("--param only applies to saved queries (--name)")
        text = query_file.read() if query_file else sparql
    queries.check_size(text)  # refused before any engine sees it, with or without a timeout
    if endpoint:
        from . import remote

        if init:
            _fail("--param is bound locally; with --endpoint, put the value in the query")
        header, body = remote.query(endpoint, text, timeout or 60.0)
        click.echo(render(header, body, fmt), nl=False)
        return
    if store_dir is not None:
        from .store import Store

        def work():
            with Store(store_dir, read_only=True) as store:
                return store.rows(text, values if name else None)
    else:
        from .storage import load_union

        loaded = load_union(graph)

        def work():
            return queries.rows(queries.run(loaded, text, init))

    header, body = queries.within(work, timeout)
    click.echo(render(header, body, fmt), nl=False)


def render(header: list[str], body: list[list[str]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([dict(zip(header, row)) for row in body], ensure_ascii=False, indent=1) + "\n"
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(body)
        return buffer.getvalue()
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    widths = [min(w, 80) for w in widths]

    def line(cells):
        return "  ".join(c[:80].ljust(w) for c, w in zip(cells, widths)).rstrip() + "\n"

    out = line(header) + line(["-" * w for w in widths])
    out += "".join(line(r) for r in body)
    return out + f"({len(body)} row{'s' if len(body) != 1 else ''})\n"


@main.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@click.option("--top", default=10, show_default=True, help="How many central stakeholders to list.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@STORE_OPTION
def stats(graph, top, fmt, store_dir):
    """Counts per class and relation, and the most central stakeholders.

    \b
    Examples:
      kg stats out/graph.ttl --top 5
      kg stats --store out/store
    """
    from .analytics import stats as compute

    result = compute(_load_union(graph, store_dir), top)
    if fmt == "json":
        click.echo(json.dumps({
            "documents": result.documents, "triples": result.triples, "entities": result.entities,
            "relations": result.relations,
            "central": [dict(zip(("label", "type", "betweenness", "degree"), c)) for c in result.central],
        }, ensure_ascii=False, indent=1))
        return
    click.echo(f"documents  {result.documents}\ntriples    {result.triples}")
    click.echo("entities   " + "  ".join(f"{k} {v}" for k, v in result.entities.items()))
    click.echo("relations  " + "  ".join(f"{k} {v}" for k, v in result.relations.items()))
    click.echo("most central stakeholders (betweenness, degree):")
    click.echo(render(["label", "type", "betweenness", "degree"],
                      [[a, b, f"{c:.4f}", str(d)] for a, b, c, d in result.central], "table"), nl=False)


@main.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="File to write: .ttl .nt .trig .nq .jsonld, or .graphml / .gexf for network tools.")
@click.option("--format", "fmt", type=click.Choice(["auto", "graphml", "gexf"]), default="auto", show_default=True)
@STORE_OPTION
def export(graph, output, fmt, store_dir):
    """Write a graph file in another format (by the output's extension).

    \b
    Examples:
      kg export out/graph.trig -o out/graph.jsonld
      kg export out/graph.ttl --format gexf -o out/graph.gexf
      kg export --store out/store -o out/graph.trig
    """
    from .storage import format_for, load_graph, serialize, write_bytes

    network = fmt if fmt != "auto" else {".graphml": "graphml", ".gexf": "gexf"}.get(output.suffix.lower())
    _one_source(graph, store_dir)
    if store_dir is not None:
        from .store import Store

        if network:
            from .analytics import write_network

            write_bytes(output, write_network(_load_union(None, store_dir), network))
        else:
            format_for(output)
            with Store(store_dir, read_only=True) as store:
                store.export(output)
        click.echo(f"wrote {output}")
        return
    dataset = load_graph(graph)
    if network:
        from .analytics import write_network
        from .graph import union

        write_bytes(output, write_network(union(dataset), network))
    else:
        write_bytes(output, serialize(dataset, format_for(output)))
    click.echo(f"wrote {output}")


@main.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="HTML file to write.")
@click.option("--province", "provinces", multiple=True, help="Keep this province and its neighbours (repeatable).")
@click.option("--donor", "donors", multiple=True, help="Keep this donor and its neighbours (repeatable).")
@click.option("--type", "types", multiple=True, type=click.Choice(["Province", "Donor", "Project", "Official"]),
              help="Keep only nodes of this type (repeatable).")
@click.option("--min-degree", default=0, show_default=True, help="Drop nodes with fewer links.")
@click.option("--top", type=int, default=None,
              help="Keep the N most central nodes (default: all, or 300 above 500 nodes).")
@STORE_OPTION
def viz(graph, output, provinces, donors, types, min_degree, top, store_dir):
    """Write an interactive network (one offline HTML file) of a graph.

    \b
    Examples:
      kg viz out/graph.ttl -o out/graph.html --donor ADB
      kg viz --store out/store -o out/graph.html
    """
    from .viz import write_html

    result = write_html(_load_union(graph, store_dir), output, provinces=provinces, donors=donors, types=types,
                        min_degree=min_degree, top=top)
    click.echo(f"wrote {output}: {result.nodes} nodes, {result.edges} edges"
               + (f" ({result.omitted} nodes left out: {result.note})" if result.omitted else ""))


@main.command(name="eval")
@click.argument("gold_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option("--graph", "graph_file", type=click.Path(path_type=Path),
              help="Score this built graph instead of building GOLD_DIR's articles.")
@click.option("--select", default="*", show_default=True,
              help="Only documents whose name matches this pattern (e.g. 'h*' for the held-out part).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--errors/--no-errors", default=True, show_default=True, help="List misses and false positives.")
@click.option("-j", "--jobs", default=0, help="Worker processes for the build.")
@click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Score this store (kg build --store) instead of building GOLD_DIR's articles.")
def evaluate(gold_dir, graph_file, select, fmt, errors, jobs, store_dir):
    """Score extraction against gold annotations (NAME.txt + NAME.gold.json).

    \b
    Examples:
      kg eval data/corpus
      kg eval data/corpus --select 'h*' --no-errors
      kg eval data/corpus --graph out/graph.ttl --format json
      kg eval data/corpus --store out/store
    """
    import fnmatch

    from .evaluate import format_text, load_gold, score

    gold = load_gold(gold_dir, select)
    if graph_file and store_dir:
        _fail("give --graph FILE or --store DIR, not both")
    if store_dir:
        graph = _load_union(None, store_dir)
    elif graph_file:
        from .storage import load_union

        graph = load_union(graph_file)
    else:
        from .build import build_corpus
        from .graph import to_graph

        articles = [gold_dir / f"{name}.txt" for name in sorted(gold.texts)]
        articles = [a for a in articles if a.exists() and fnmatch.fnmatch(a.stem, select)]
        graph = to_graph(build_corpus(articles, jobs=jobs, on_warning=_warn))
    report = score(gold, graph)
    if fmt == "json":
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        click.echo(format_text(report, errors), nl=False)


@main.command()
@click.argument("documents", nargs=-1, required=True)
@click.option("--store", "store_dir", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="The store folder to remove the articles from.")
def remove(documents, store_dir):
    """Remove articles (by name, the file stem, or by path) from a store.

    \b
    Example:
      kg remove t01_quangninh_adb_giaothong --store out/store
    """
    from .store import Store

    names = [Path(d).stem if d.endswith(".txt") else d for d in documents]
    with Store(store_dir) as store:
        missing = [n for n in names if store.article(n) is None]
        if missing:
            _fail(f"no article named {', '.join(missing)} in {store_dir}; nothing was removed")
        for name in names:
            store.remove(name)
        click.echo(f"removed {len(names)} article{'s' if len(names) != 1 else ''}; "
                   f"{store_dir}: {len(store.articles())} articles, {len(store)} triples")


@main.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@STORE_OPTION
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback exposes the graph to the network.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535))
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a query may run before it is cut off (HTTP 503).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Queries answered at the same time (one process each).")
def serve(graph, store_dir, host, port, timeout, workers):
    """Serve a graph file or a store as a read-only SPARQL 1.1 endpoint.

    \b
    Examples:
      kg serve --store out/store
      kg serve out/graph.trig --port 8000 --timeout 10
    Then open http://127.0.0.1:7878/ or query http://127.0.0.1:7878/sparql.
    """
    from .server import open_endpoint

    _one_source(graph, store_dir)
    if host not in ("127.0.0.1", "localhost", "::1"):
        _warn(f"listening on {host}: anyone who can reach this address can query the graph")
    endpoint = open_endpoint(graph, store_dir, host=host, port=port, timeout=timeout, workers=workers)
    click.echo(f"SPARQL endpoint {endpoint.url} (query page {endpoint.url[:-len('sparql')]}); Ctrl-C to stop", err=True)
    try:
        endpoint.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        endpoint.close()


@main.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@STORE_OPTION
@click.option("--endpoint", required=True, metavar="URL",
              help="The Graph Store Protocol URL, e.g. http://localhost:7878/store (see docs/store.md).")
@click.option("--default-graph", "default_graph", metavar="IRI",
              help="Push the default graph (entities, documents) into this named graph instead.")
@click.option("--batch-size", default=16, show_default=True, type=click.IntRange(1), help="Graphs per batch.")
@click.option("--parallel", default=4, show_default=True, type=click.IntRange(1, 32),
              help="Requests in flight within a batch.")
@click.option("--retries", default=5, show_default=True, type=click.IntRange(0),
              help="Retries of a graph after a connection error or a 5xx answer (with back-off).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def push(graph, store_dir, endpoint, default_graph, batch_size, parallel, retries, quiet):
    """Push a graph file or a store to a triple store (SPARQL 1.1 Graph Store Protocol).

    One HTTP PUT per graph (each article's named graph, and the default
    graph), so pushing again replaces rather than duplicates.  Credentials
    come from the environment: KG_PUSH_TOKEN, or KG_PUSH_USER and
    KG_PUSH_PASSWORD.

    \b
    Examples:
      kg push --store out/store --endpoint http://localhost:7878/store
      KG_PUSH_USER=admin KG_PUSH_PASSWORD=... kg push out/graph.trig \\
          --endpoint http://localhost:3030/kg/data
    """
    from .push import PushOptions, file_payloads, push as push_graphs, rename_default

    _one_source(graph, store_dir)
    options = PushOptions(batch_size=batch_size, parallel=parallel, retries=retries)
    bar = None
    if not quiet:
        from tqdm import tqdm

        bar = tqdm(unit="graph", desc="kg push", file=sys.stderr, disable=None, dynamic_ncols=True)
    on_graph = (lambda _graph, _count: bar.update()) if bar is not None else None
    try:
        if store_dir is not None:
            from .store import Store

            with Store(store_dir, read_only=True) as store:
                report = push_graphs(rename_default(store.graph_payloads(), default_graph), endpoint, options, on_graph)
        else:
            report = push_graphs(rename_default(file_payloads(graph), default_graph), endpoint, options, on_graph)
    finally:
        if bar is not None:
            bar.close()
    if not quiet:
        click.echo(f"pushed {report.graphs} graphs ({report.triples} triples) to {endpoint}")


def run() -> None:  # pragma: no cover - console entry point alias
    main(prog_name="kg")


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONUTF8", "1")
    main(prog_name="kg")
