"""Benchmark ``kg viz`` on synthetic graphs: time to write the page, its size, time until it is drawn.

The graphs use the project's classes and properties (entities, relations with
evidence, documents, amounts, positions), seeded, with a mix of types and
degrees like the sample corpus: a few dozen provinces, a few hundred donors
whose popularity follows a long tail, projects in one province funded by one to
three donors, officials of a province (a third of them unlinked).

The page is opened in headless Chromium driven over the DevTools protocol on a
pipe (``--remote-debugging-pipe``, no extra package); "drawn" is the page's own
``performance.now()`` when the layout has settled, physics is off and the network
has been drawn (``data-drawn-ms`` of ``#kg-status``), in real time.

usage: python scripts/bench_viz.py [--sizes 100,1000,10000,50000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from kg.analytics import to_networkx
from kg.namespaces import SC, SCHEMA, SCR
from kg.viz import LARGE, write_html

DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
POSITIONS = ("Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh", "Giám đốc Sở Kế hoạch và Đầu tư", "Bí thư Tỉnh ủy",
             "Giám đốc Quốc gia", "Đại sứ", "Trưởng đại diện")
CURRENCIES = (("USD", 1e6, 5e8), ("VND", 1e10, 5e12), ("EUR", 1e6, 2e8), ("JPY", 1e8, 5e10))


def synthetic_graph(size: int, seed: int = 0) -> Graph:
    """About ``size`` entities: 1 province in 40 (at most 63), 1 donor in 60, 30% officials, the rest projects."""
    rng = random.Random(seed)
    g = Graph()
    provinces = max(3, min(63, size // 40))
    donors = max(3, size // 60)
    officials = int(size * 0.3)
    projects = size - provinces - donors - officials
    documents = [SCR[f"document/bai-{i}"] for i in range(max(5, size // 8))]
    for i, doc in enumerate(documents):
        g.add((doc, RDF.type, SC.Document))
        g.add((doc, DCTERMS.identifier, Literal(f"bai-{i:05d}")))
    evidence = 0

    def entity(kind: str, i: int, label: str) -> URIRef:
        node = SCR[f"{kind.lower()}/{i}"]
        g.add((node, RDF.type, SC[kind]))
        g.add((node, SKOS.prefLabel, Literal(label, lang="vi")))
        for doc in rng.sample(documents, rng.choice((1, 1, 2))):
            g.add((node, SC.mentionedIn, doc))
        return node

    def relate(s: URIRef, relation: str, o: URIRef) -> None:
        nonlocal evidence
        g.add((s, SC[relation], o))
        for _ in range(rng.choice((1, 1, 1, 2))):
            evidence += 1
            ev = SCR[f"evidence/{evidence}"]
            g.add((ev, RDF.type, SC.Evidence))
            g.add((ev, RDF.subject, s))
            g.add((ev, RDF.predicate, SC[relation]))
            g.add((ev, RDF.object, o))
            g.add((ev, PROV.wasDerivedFrom, rng.choice(documents)))
            sentence = f"Câu nguồn số {evidence}: quan hệ {relation} giữa hai thực thể."
            g.add((ev, SC.sentence, Literal(sentence, lang="vi")))
            g.add((ev, SC.confidence, Literal(rng.choice(("0.7", "0.8", "0.9")), datatype=DECIMAL)))

    province_nodes = [entity("Province", i, f"Tỉnh {i}") for i in range(provinces)]
    donor_nodes = [entity("Donor", i, f"Nhà tài trợ {i}") for i in range(donors)]
    donor_weights = [1 / (rank + 1) for rank in range(donors)]  # a long tail: a few donors fund most projects
    province_weights = [1 / (rank + 1) ** 0.5 for rank in range(provinces)]
    for i in range(officials):
        node = entity("Official", i, f"Quan chức {i}")
        g.add((node, SC.position, Literal(rng.choice(POSITIONS), lang="vi")))
        if rng.random() < 0.67:
            relate(node, "officialOf", rng.choices(province_nodes, province_weights)[0])
    for i in range(projects):
        node = entity("Project", i, f"Dự án đô thị thông minh {i}")
        if rng.random() < 0.6:
            currency, low, high = rng.choice(CURRENCIES)
            amount = SCR[f"amount/{i}"]
            g.add((node, SC.amount, amount))
            g.add((amount, RDF.type, SCHEMA.MonetaryAmount))
            g.add((amount, SCHEMA.value, Literal(str(int(rng.uniform(low, high))), datatype=DECIMAL)))
            g.add((amount, SCHEMA.currency, Literal(currency)))
        if rng.random() < 0.95:
            relate(node, "locatedIn", rng.choices(province_nodes, province_weights)[0])
        for donor in set(rng.choices(donor_nodes, donor_weights, k=rng.choice((1, 1, 1, 2, 2, 3)))):
            relate(donor, "funds", node)
    for donor in donor_nodes:
        for province in set(rng.choices(province_nodes, province_weights, k=rng.randint(1, 4))):
            relate(donor, "partnerOf", province)
    return g


class DevTools:
    """Chromium's DevTools protocol over ``--remote-debugging-pipe``: JSON messages ending in NUL on fds 3 and 4."""

    def __init__(self, chromium: str, profile: Path):
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def wire():  # in the child: fd 3 reads our commands, fd 4 writes the answers
            commands, answers = os.dup(to_browser_r), os.dup(from_browser_w)  # neither can be clobbered below
            os.dup2(commands, 3)
            os.dup2(answers, 4)

        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
             "--window-size=1200,800", "--remote-debugging-pipe", f"--user-data-dir={profile}", "about:blank"],
            preexec_fn=wire, pass_fds=(3, 4), stdout=subprocess.DEVNULL,  # kept open after wire() ran
            stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next = 0
        target = next(t for t in self.call("Target.getTargets")["targetInfos"] if t["type"] == "page")
        self.session = self.call("Target.attachToTarget", targetId=target["targetId"], flatten=True)["sessionId"]

    def call(self, method: str, session: str | None = None, **params) -> dict:
        self._next += 1
        message = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self._buffer:
                chunk = os.read(self._from_browser, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the DevTools pipe")
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            answer = json.loads(raw)
            if answer.get("id") == self._next:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", self.session, expression=expression, returnByValue=True)
        return result["result"].get("value")

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self._to_browser)
        os.close(self._from_browser)


def time_to_draw(chromium: str, page: Path, tmp: Path, timeout: float = 300) -> float:
    """Milliseconds from navigation until the page says it is drawn and settled (its own clock)."""
    browser = DevTools(chromium, tmp / f"profile-{page.stem}")
    try:
        browser.call("Page.navigate", browser.session, url=page.as_uri())
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = browser.evaluate("JSON.stringify(Object.assign({}, "
                                     "(document.getElementById('kg-status') || {}).dataset))")
            status = json.loads(state) if state else {}
            if status.get("state") == "ready":
                return float(status.get("drawnMs", "nan"))
            time.sleep(0.05)
        raise RuntimeError(f"{page} was not drawn within {timeout:.0f} s")
    finally:
        browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000,50000", help="Graph sizes (entities), comma separated.")
    parser.add_argument("--repeat", type=int, default=3, help="Writes per size (the median is reported).")
    parser.add_argument("--full-up-to", type=int, default=10000,
                        help="Also time pages of every node (--top all) for graphs up to this size.")
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("note: no chromium on PATH; the page is not opened", file=sys.stderr)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-viz-") as folder:
        tmp = Path(folder)
        for size in (int(s) for s in args.sizes.split(",")):
            started = time.perf_counter()
            graph = synthetic_graph(size, seed=size)
            net = to_networkx(graph)
            made = time.perf_counter() - started
            views = [("default", None)] + ([("all (--top N)", net.number_of_nodes())]
                                           if LARGE < net.number_of_nodes() <= args.full_up_to else [])
            for view, top in views:
                page = tmp / f"network-{size}-{top or 0}.html"
                times = []
                for _ in range(args.repeat):
                    started = time.perf_counter()
                    result = write_html(graph, page, top=top)
                    times.append(time.perf_counter() - started)
                drawn = time_to_draw(chromium, page, tmp) if chromium else float("nan")
                rows.append((net.number_of_nodes(), net.number_of_edges(), len(graph), view, result.nodes,
                             result.edges, statistics.median(times), page.stat().st_size, drawn))
            print(f"done {size}: graph made in {made:.1f} s", file=sys.stderr)
    print(f"| entities | links | triples | view | drawn nodes / links | write HTML (median of {args.repeat}) "
          "| file size | page drawn and settled |")
    print("|---:|---:|---:|---|---:|---:|---:|---:|")
    for nodes, edges, triples, view, shown, shown_edges, write, size_bytes, drawn in rows:
        print(f"| {nodes:,} | {edges:,} | {triples:,} | {view} | {shown:,} / {shown_edges:,} | {write:.2f} s | "
              f"{size_bytes / 1e6:.2f} MB | {drawn / 1000:.2f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
