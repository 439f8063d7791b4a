"""Benchmark the on-disk store against rdflib's in-memory graph.

Generates articles (scripts/generate_articles.py), adds them to a kg store
in two steps (the first SMALL articles, then the rest, so the second step is
an incremental build), and at each size reports, as a markdown table:

* load time: the store's incremental build (extraction excluded, timed
  separately), a bulk load of the same TriG into a plain pyoxigraph store,
  and rdflib parsing that TriG (what ``kg query GRAPH.trig`` does);
* size: the store folder on disk, and the TriG file;
* the latency (median of up to 5 runs; rdflib runs are stopped after --cap
  seconds) of every saved query, with rdflib over the
  in-memory union graph and with the store; a query with a parameter is
  timed without it and with the value in PARAMS.

usage: python scripts/bench_store.py [--small 600] [--large 6000] [--work out/bench] [--jobs 0] [--cap 120]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPEATS = 5
SLOW = 60.0  # a query slower than this once is not run again
# A value for each saved query's parameter: names the generated articles use.
PARAMS = {"donors-by-province": {"province": "Đà Nẵng"}, "officials-by-province": {"province": "Đà Nẵng"},
          "projects-of-donor": {"donor": "ADB"}, "relation-evidence": {"entity": "ADB"}}


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def median_time(run, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
        if times[-1] > SLOW:
            break
    return statistics.median(times)


def capped_median_time(run, cap: float) -> float | None:
    """Median of up to REPEATS runs in a forked child, stopped ``cap`` seconds in; None if no run finished."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe()

    def runs():
        for _ in range(REPEATS):
            start = time.perf_counter()
            run()
            child.send(time.perf_counter() - start)

    process = context.Process(target=runs, daemon=True)
    process.start()
    times, deadline = [], time.monotonic() + cap
    while len(times) < REPEATS and parent.poll(max(0.0, deadline - time.monotonic())):
        times.append(parent.recv())
    process.kill()
    process.join()
    return statistics.median(times) if times else None


def add(store, paths, jobs: int) -> tuple[float, float, int]:
    """Add articles one by one: (extraction seconds, store seconds, articles)."""
    from kg.build import Failure, document_names, extract_items

    items = [(str(p), n, None) for p, n in zip(paths, document_names(paths))]
    extract = put = 0.0
    stream = (x for x in extract_items(items, jobs) if not isinstance(x, Failure))
    count = 0
    while True:
        start = time.perf_counter()
        try:
            extraction = next(stream)
        except StopIteration:
            break
        middle = time.perf_counter()
        store.put(extraction)
        end = time.perf_counter()
        extract += middle - start
        put += end - middle
        count += 1
    return extract, put, count


def measure(store, work: Path, label: str, cap: float) -> dict:
    import pyoxigraph as ox

    from kg import queries
    from kg.storage import load_union

    trig = work / f"{label}.trig"
    store.export(trig)
    start = time.perf_counter()
    plain = ox.Store(str(work / f"{label}-bulk"))
    plain.bulk_load(path=str(trig))
    bulk = time.perf_counter() - start
    del plain
    start = time.perf_counter()
    graph = load_union(trig)
    rdflib_load = time.perf_counter() - start
    latencies = {}
    for saved in queries.saved_queries().values():
        for params in [{}] + ([PARAMS[saved.name]] if saved.name in PARAMS else []):
            label = saved.name + "".join(f" {k}={v}" for k, v in params.items())
            init = queries.bindings(saved, params)
            rdf = capped_median_time(lambda: queries.rows(queries.run(graph, saved.text, init)), cap)
            oxi = median_time(lambda: store.rows(saved.text, params))
            rows = len(store.rows(saved.text, params)[1])
            latencies[label] = (rdf, oxi, rows)
            print(f"  {label}: rdflib {'>' + str(cap) if rdf is None else f'{rdf:.3f}'} s, "
                  f"store {oxi:.3f} s ({rows} rows)", file=sys.stderr)
    return {"triples": len(graph), "bulk": bulk, "rdflib_load": rdflib_load, "trig_size": trig.stat().st_size,
            "latencies": latencies}


def table(results: list[dict]) -> str:
    lines = ["| | " + " | ".join(f"{r['triples']:,} triples ({r['articles']:,} articles)" for r in results) + " |",
             "|---|" + "---|" * len(results)]

    def row(name, cells):
        lines.append(f"| {name} | " + " | ".join(cells) + " |")

    row("extraction (not store work)", [f"{r['extract']:.0f} s" for r in results])
    row("store: incremental build, this step", [f"{r['put']:.1f} s ({r['step']:,} articles, "
                                                f"{1000 * r['put'] / max(r['step'], 1):.0f} ms each)" for r in results])
    row("pyoxigraph bulk load of the TriG", [f"{r['bulk']:.1f} s" for r in results])
    row("rdflib parse of the TriG", [f"{r['rdflib_load']:.1f} s" for r in results])
    row("store size on disk", [f"{r['store_size'] / 1e6:.0f} MB" for r in results])
    row("TriG file size", [f"{r['trig_size'] / 1e6:.0f} MB" for r in results])
    for name in results[0]["latencies"]:
        cells = []
        for r in results:
            rdf, oxi, rows = r["latencies"][name]
            rdf_text = f"> {r['cap']:.0f} s (stopped)" if rdf is None else f"{rdf * 1000:,.0f} ms"
            cells.append(f"{rdf_text} / {oxi * 1000:,.0f} ms ({rows:,} rows)")
        row(f"`{name}` rdflib / store", cells)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=600, help="articles in the first step (about 100k triples)")
    parser.add_argument("--large", type=int, default=6000, help="articles in all (about 1M triples)")
    parser.add_argument("--work", type=Path, default=ROOT / "out" / "bench")
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--cap", type=float, default=120.0, help="seconds an rdflib query may take before it is stopped")
    args = parser.parse_args()

    from kg.reading import discover
    from kg.store import Store

    articles = args.work / f"articles-{args.large}-{args.seed}"
    if not articles.exists():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "generate_articles.py"), str(args.large),
                        str(articles), "--seed", str(args.seed)], check=True, stdout=subprocess.DEVNULL)
    paths = discover([articles])
    for leftover in args.work.glob("step*"):
        shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    store_dir = args.work / "store"
    shutil.rmtree(store_dir, ignore_errors=True)
    results = []
    with Store(store_dir) as store:
        for step, chunk in enumerate((paths[:args.small], paths[args.small:args.large]), 1):
            if not chunk:
                continue
            print(f"step {step}: adding {len(chunk)} articles", file=sys.stderr)
            extract, put, count = add(store, chunk, args.jobs)
            store._db.flush()
            result = measure(store, args.work, f"step{step}", args.cap)
            result.update(extract=extract, put=put, step=count, articles=len(store.articles()),
                          store_size=folder_size(store_dir), cap=args.cap)
            results.append(result)
    print(table(results))


if __name__ == "__main__":
    main()
