"""Benchmark ``kg build`` on generated corpora against a bare underthesea pass over the same text.

For each size (1k, 10k, 50k articles by default) it generates a corpus with
scripts/generate_articles.py, then times, each in a subprocess of its own:

* the build: ``kg build DIR -o OUT.nt -q --jobs N`` (``--store DIR`` instead of
  ``-o`` with ``--store``, when the installed ``kg build`` has that option);
* the bare pass: ``sent_tokenize`` on every line and ``word_tokenize(sentence,
  use_token_normalize=False)`` on every sentence, over the same files, in a
  multiprocessing pool of the same size (this script's ``--bare-pass`` mode).

It prints a markdown table (wall time, articles/s, peak RSS of the whole
process tree, triples, bare-pass time, and the ratio build / bare pass: the
figure to drive down), how time grows from the second size to the third, and
the speed-up of ``--jobs N`` over ``--jobs 1`` at one size (10k by default).

Peak RSS is the largest sum of the resident sets of the process and all its
descendants, sampled every 50 ms (psutil, else /proc); "max proc" is the
largest single process as the kernel reports it through /usr/bin/time -v when
that is installed (``apt-get install -y time``), else the sampled maximum.
CPU seconds (user + system of every process in the tree, sampled the same
way) and the load average are printed too: on a busy machine wall times
mislead, and the CPU ratio is the steadier figure.

A size is skipped, with the reason printed, once a build took longer than
``--skip-after`` seconds (240), or when the peak RSS extrapolated (linearly,
to be safe) from the previous size exceeds ``--memory-share`` (0.6) of the
memory available.

``--profile N`` instead builds N articles in this process with ``--jobs 1``:
first timed stage by stage (extract and resolve, then writing N-Triples),
then under cProfile, with self time summed by area (underthesea, kg.nlp,
kg.extract, kg.resolve, kg.graph, rdflib ...).

usage:
  python scripts/bench.py [--sizes 1000,10000,50000] [--jobs 2] [--speedup-size 10000] [--store] [--keep]
  python scripts/bench.py --profile 1000
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "scripts" / "generate_articles.py"
PYTHON = sys.executable
_SCRIPT = Path(PYTHON).parent / "kg"
KG = [str(_SCRIPT)] if _SCRIPT.exists() else [PYTHON, "-m", "kg.cli"]  # the installed ``kg`` command
CHUNK = 2000  # characters handed to underthesea at once, as kg.nlp does
SAMPLE_EVERY = 0.05  # seconds between RSS samples


# -- running a command and watching its memory --------------------------------


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system time of the whole tree (sampled per process)
    peak_tree_mb: float  # largest sum of RSS over the process tree (sampled)
    max_proc_mb: float  # largest single process (kernel figure when /usr/bin/time is there)
    load: float  # 1-minute load average when the run ended: other work on the machine skews wall times
    stdout: str


def _tree(pid: int, cpu: dict[int, float]) -> tuple[int, int]:
    """(sum, max) of the RSS in bytes of ``pid`` and its descendants; records their CPU seconds in ``cpu``."""
    try:
        import psutil
    except ImportError:
        return _tree_rss_proc(pid, cpu)
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    sizes = []
    for p in procs:
        try:
            with p.oneshot():
                sizes.append(p.memory_info().rss)
                times = p.cpu_times()
            cpu[p.pid] = times.user + times.system
        except psutil.Error:
            continue
    return sum(sizes), max(sizes, default=0)


def _tree_rss_proc(pid: int, cpu: dict[int, float]) -> tuple[int, int]:
    """The same from /proc, for machines without psutil."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    tree, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        children = [p for p, pp in parents.items() if pp == parent and p not in tree]
        tree.update(children)
        frontier += children
    sizes = []
    page = os.sysconf("SC_PAGE_SIZE")
    ticks = os.sysconf("SC_CLK_TCK")
    for p in tree:
        try:
            sizes.append(int(Path(f"/proc/{p}/statm").read_text().split()[1]) * page)
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            cpu[p] = (int(fields[11]) + int(fields[12])) / ticks
        except (OSError, ValueError, IndexError):
            continue
    return sum(sizes), max(sizes, default=0)


def run(command: list[str], cwd: Path = ROOT) -> Run:
    """Run ``command``, timing it and sampling the memory of its process tree."""
    gnu_time = shutil.which("time", path="/usr/bin")
    report = tempfile.NamedTemporaryFile(prefix="kg-bench-time-", delete=False)
    report.close()
    full = [gnu_time, "-v", "-o", report.name, *command] if gnu_time else command
    peak_sum = peak_one = 0
    cpu: dict[int, float] = {}
    started = time.perf_counter()
    process = subprocess.Popen(full, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_sum, peak_one
        while not done.is_set():
            total, largest = _tree(process.pid, cpu)
            peak_sum, peak_one = max(peak_sum, total), max(peak_one, largest)
            done.wait(SAMPLE_EVERY)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    kernel_max = 0
    if gnu_time:
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", Path(report.name).read_text())
        kernel_max = int(found.group(1)) * 1024 if found else 0
        cpu.pop(process.pid, None)  # /usr/bin/time itself
    os.unlink(report.name)
    if process.returncode != 0:
        raise SystemExit(f"command failed ({process.returncode}): {' '.join(command)}\n{stderr[-2000:]}")
    return Run(seconds, sum(cpu.values()), peak_sum / 2**20, max(kernel_max, peak_one) / 2**20,
               os.getloadavg()[0], stdout)


# -- the bare underthesea pass ------------------------------------------------


def _bare_init() -> None:
    import underthesea  # noqa: F401  (imported once per worker, as the build's workers do)


def _pieces(line: str):
    while len(line) > CHUNK:
        cut = line.rfind(" ", CHUNK // 2, CHUNK)
        cut = cut if cut > 0 else CHUNK
        yield line[:cut]
        line = line[cut:]
    yield line


def _bare_one(path: str) -> tuple[int, int]:
    """Sentences and tokens of one file: read, NFC, sent_tokenize per line, word_tokenize per sentence."""
    from underthesea import sent_tokenize, word_tokenize

    text = unicodedata.normalize("NFC", Path(path).read_text(encoding="utf-8"))
    sentences = tokens = 0
    for line in text.split("\n"):
        if not line.strip():
            continue
        for piece in _pieces(line):
            for sentence in sent_tokenize(piece):
                sentences += 1
                tokens += len(word_tokenize(sentence, use_token_normalize=False))
    return sentences, tokens


def bare_pass(folder: Path, jobs: int) -> dict:
    """The floor: what tokenising the corpus costs with nothing else around it."""
    import multiprocessing

    paths = sorted(str(p) for p in folder.rglob("*.txt"))
    started = time.perf_counter()
    if jobs == 1:
        _bare_init()
        counts = list(map(_bare_one, paths))
    else:
        context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
        with context.Pool(jobs, initializer=_bare_init) as pool:
            counts = list(pool.imap(_bare_one, paths, chunksize=4))
    return {"files": len(paths), "sentences": sum(c[0] for c in counts), "tokens": sum(c[1] for c in counts),
            "seconds": round(time.perf_counter() - started, 3)}


def available_mb() -> float:
    try:
        import psutil

        return psutil.virtual_memory().available / 2**20
    except ImportError:
        found = re.search(r"MemAvailable:\s+(\d+) kB", Path("/proc/meminfo").read_text())
        return int(found.group(1)) / 1024 if found else float("inf")


# -- one size -------------------------------------------------------------------


@dataclass
class Row:
    articles: int
    jobs: int
    build: Run
    triples: int | None
    bare: Run
    tokens: int


def corpus(workdir: Path, n: int, seed: int) -> Path:
    """The generated corpus of ``n`` articles, made once per work folder."""
    folder = workdir / f"gen{n}-seed{seed}"
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        subprocess.run([PYTHON, str(GENERATOR), str(n), str(folder), "--seed", str(seed)], check=True,
                       stderr=subprocess.DEVNULL)
        done.write_text("ok\n")
        print(f"  generated {n} articles in {time.perf_counter() - started:.1f}s -> {folder}", file=sys.stderr)
    return folder


def store_supported() -> bool:
    helped = subprocess.run([*KG, "build", "--help"], capture_output=True, text=True, cwd=ROOT)
    return "--store" in helped.stdout


def count_triples(output: Path, store: bool) -> int | None:
    if not store:
        with open(output, "rb") as fh:
            return sum(1 for line in fh if line.strip() and not line.startswith(b"#"))
    for where in (["--store", str(output)], [str(output)]):  # ``kg stats --store DIR``, or a positional folder
        stats = subprocess.run([*KG, "stats", *where, "--format", "json"], capture_output=True, text=True, cwd=ROOT)
        try:
            return int(json.loads(stats.stdout)["triples"])
        except (ValueError, KeyError):
            continue
    return None


def measure(workdir: Path, n: int, jobs: int, seed: int, store: bool) -> Row:
    folder = corpus(workdir, n, seed)
    output = workdir / (f"store{n}-j{jobs}" if store else f"graph{n}-j{jobs}.nt")
    if output.is_dir():
        shutil.rmtree(output)
    target = ["--store", str(output)] if store else ["-o", str(output)]
    print(f"  building {n} articles with --jobs {jobs} ...", file=sys.stderr)
    build = run([*KG, "build", str(folder), *target, "-q", "--jobs", str(jobs)])
    triples = count_triples(output, store)
    print(f"  bare pass over {n} articles with {jobs} process(es) ...", file=sys.stderr)
    bare = run([PYTHON, str(Path(__file__).resolve()), "--bare-pass", str(folder), "--jobs", str(jobs)])
    tokens = json.loads(bare.stdout)["tokens"]
    if output.is_dir():
        shutil.rmtree(output)
    else:
        output.unlink(missing_ok=True)
    return Row(n, jobs, build, triples, bare, tokens)


def table(rows: list[Row]) -> str:
    lines = ["| articles | jobs | build wall s | articles/s | peak RSS MB | triples | bare-pass s "
             "| ratio build/bare | build CPU s | bare CPU s | CPU ratio | max proc MB | bare RSS MB | load |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        triples = f"{r.triples:,}" if r.triples is not None else "n/a"
        lines.append(f"| {r.articles:,} | {r.jobs} | {r.build.seconds:.1f} | {r.articles / r.build.seconds:.1f} "
                     f"| {r.build.peak_tree_mb:.0f} | {triples} | {r.bare.seconds:.1f} "
                     f"| {r.build.seconds / r.bare.seconds:.2f} | {r.build.cpu_seconds:.1f} "
                     f"| {r.bare.cpu_seconds:.1f} | {r.build.cpu_seconds / max(r.bare.cpu_seconds, 1e-9):.2f} "
                     f"| {r.build.max_proc_mb:.0f} | {r.bare.peak_tree_mb:.0f} "
                     f"| {max(r.build.load, r.bare.load):.1f} |")
    return "\n".join(lines)


def summary(rows: list[Row], sizes: list[int], jobs: int, speedup_size: int, skipped: list[str]) -> str:
    out = []
    main = {r.articles: r for r in rows if r.jobs == jobs}
    measured = [s for s in sizes if s in main]
    if len(measured) >= 2:
        a, b = measured[-2], measured[-1]
        growth = main[b].build.seconds / main[a].build.seconds
        bare_growth = main[b].bare.seconds / main[a].bare.seconds
        out.append(f"- time grows {a:,} -> {b:,} articles: build x{growth:.2f}, bare pass x{bare_growth:.2f} "
                   f"(x{b / a:.2f} would be linear)")
    single = next((r for r in rows if r.jobs == 1 and r.articles == speedup_size), None)
    if single and speedup_size in main and jobs != 1:
        many = main[speedup_size]
        out.append(f"- --jobs {jobs} vs --jobs 1 speed-up at {speedup_size:,} articles: build "
                   f"x{single.build.seconds / many.build.seconds:.2f}, bare pass "
                   f"x{single.bare.seconds / many.bare.seconds:.2f}")
    for r in rows:
        out.append(f"- {r.articles:,} articles, jobs {r.jobs}: {r.tokens:,} tokens; build "
                   f"{r.tokens / r.build.seconds:,.0f} tokens/s, bare pass {r.tokens / r.bare.seconds:,.0f} tokens/s")
    out += [f"- {s}" for s in skipped]
    return "\n".join(out)


# -- profile mode -----------------------------------------------------------------

AREAS = (  # (area, substring of the code's file path), first match wins
    ("underthesea", "underthesea"),
    ("kg.nlp (offsets)", "/kg/nlp.py"),
    ("kg.extract", "/kg/extract/"),
    ("kg.resolve", "/kg/resolve.py"),
    ("kg.graph", "/kg/graph.py"),
    ("kg.gazetteer (phrase matching)", "/kg/gazetteer.py"),
    ("kg.reading + kg.text", "/kg/reading.py"),
    ("kg.reading + kg.text", "/kg/text.py"),
    ("kg (other)", "/kg/"),
    ("rdflib", "rdflib"),
    ("regex (re)", "/re/"),
    ("multiprocessing/pickle", "multiprocessing"),
)


def _area(filename: str) -> str:
    for area, needle in AREAS:
        if needle in filename:
            return area
    return "other Python"


def self_time_by_area(stats) -> dict[str, float]:
    """Self time per area; a C function's time goes to the areas of its callers
    (underthesea's CRF featuriser and tagger are C calls made from underthesea)."""
    by_area: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, callers) in stats.stats.items():
        if filename != "~":
            by_area[_area(filename)] = by_area.get(_area(filename), 0.0) + tottime
            continue
        for (caller_file, _l, _n), (_c, _n2, caller_tt, _ct2) in callers.items():
            by_area[_area(caller_file)] = by_area.get(_area(caller_file), 0.0) + caller_tt
    return by_area


def profile(workdir: Path, n: int, seed: int) -> str:
    import cProfile
    import pstats

    from kg.build import build_corpus
    from kg.storage import write_corpus

    folder = corpus(workdir, n, seed)
    output = workdir / f"profile-{n}.nt"
    lines = [f"## In-process build of {n:,} articles, --jobs 1", ""]
    started = time.perf_counter()
    import underthesea  # noqa: F401
    imported = time.perf_counter() - started
    t0 = time.perf_counter()
    built = build_corpus([str(folder)], jobs=1)
    t1 = time.perf_counter()
    write_corpus(built, [output])
    t2 = time.perf_counter()
    bare = bare_pass(folder, 1)
    total = t2 - t0
    with open(output, "rb") as fh:
        triples = sum(1 for _ in fh)
    lines += ["| stage | seconds | share |", "|---|---:|---:|"]
    for name, seconds in (("read + nlp + extract + resolve (build_corpus)", t1 - t0),
                          ("  of which a bare underthesea pass costs", bare["seconds"]),
                          ("N-Triples written from the corpus (write_corpus)", t2 - t1)):
        lines.append(f"| {name} | {seconds:.1f} | {seconds / total:.0%} |")
    lines += [f"| total (plus {imported:.1f}s to import underthesea) | {total:.1f} | 100% |", "",
              f"{triples:,} triples; {bare['sentences']:,} sentences, {bare['tokens']:,} tokens.", ""]
    del built

    profiler = cProfile.Profile()
    profiler.enable()
    write_corpus(build_corpus([str(folder)], jobs=1), [output])
    profiler.disable()
    stats = pstats.Stats(profiler)
    by_area = self_time_by_area(stats)
    whole = sum(by_area.values())
    lines += ["## Self time by area under cProfile (profiling inflates pure-Python code)", "",
              "| area | self s | share |", "|---|---:|---:|"]
    for area, seconds in sorted(by_area.items(), key=lambda x: -x[1]):
        lines.append(f"| {area} | {seconds:.1f} | {seconds / whole:.0%} |")
    lines += ["", "## Cumulative time of entry points", "", "| function | calls | cumulative s |", "|---|---:|---:|"]
    wanted = {"word_tokenize", "sent_tokenize", "extract_document", "sentences", "write_corpus", "quads", "add",
              "corpus", "read_document", "tokenize", "split_sentences", "_work"}
    found = []
    for (filename, line, name), (_cc, calls, _tt, cumtime, _callers) in stats.stats.items():
        if name in wanted and ("kg/" in filename or "underthesea" in filename or "rdflib" in filename):
            found.append((cumtime, calls, f"{Path(filename).parent.name}/{Path(filename).name}:{name}"))
    for cumtime, calls, label in sorted(found, reverse=True)[:14]:
        lines.append(f"| {label} | {calls:,} | {cumtime:.1f} |")
    lines += ["", "## Top 20 functions by self time", "", "| function | calls | self s |", "|---|---:|---:|"]
    top = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:20]
    for (filename, line, name), (_cc, calls, tottime, _ct, _callers) in top:
        where = f"{Path(filename).parent.name}/{Path(filename).name}:{line}" if filename != "~" else "builtin"
        lines.append(f"| {where} {name} | {calls:,} | {tottime:.2f} |")
    return "\n".join(lines)


# -- command line -------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Time kg build on generated corpora against a bare underthesea pass over the same text.",
        epilog="example: python scripts/bench.py --sizes 1000,10000 --jobs 2 --keep")
    parser.add_argument("--sizes", default="1000,10000,50000", help="corpus sizes, comma-separated")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the build and the bare pass")
    parser.add_argument("--speedup-size", type=int, default=10000,
                        help="size at which --jobs N is compared with --jobs 1 (0: skip)")
    parser.add_argument("--store", action="store_true", help="build with --store DIR when kg build supports it")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (generated corpora)")
    parser.add_argument("--workdir", type=Path, help="work folder (default: a new temporary folder)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed")
    parser.add_argument("--skip-after", type=float, default=240.0,
                        help="skip larger sizes once a build took longer than this many seconds")
    parser.add_argument("--memory-share", type=float, default=0.6,
                        help="skip a size whose extrapolated peak RSS exceeds this share of the available memory")
    parser.add_argument("--profile", type=int, metavar="N", help="profile an in-process build of N articles instead")
    parser.add_argument("--bare-pass", type=Path, metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.bare_pass:  # the subprocess that run() times
        print(json.dumps(bare_pass(args.bare_pass, args.jobs)))
        return 0
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        if args.profile:
            print(profile(workdir, args.profile, args.seed))
            return 0
        store = args.store and store_supported()
        if args.store and not store:
            print("kg build has no --store option here: building to N-Triples instead", file=sys.stderr)
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
        rows: list[Row] = []
        skipped: list[str] = []
        for n in sizes:
            main_rows = [r for r in rows if r.jobs == args.jobs]  # not the --jobs 1 comparison
            slow = next((r for r in main_rows if r.build.seconds > args.skip_after), None)
            if slow is not None:
                skipped.append(f"{n:,} articles skipped: the {slow.articles:,} build took {slow.build.seconds:.0f}s "
                               f"(> {args.skip_after:.0f}s); estimate x{n / slow.articles:.0f} that, "
                               f"about {slow.build.seconds * n / slow.articles / 60:.0f} min")
                continue
            last = main_rows[-1] if main_rows else None
            if last and (need := last.build.peak_tree_mb * n / last.articles) > args.memory_share * available_mb():
                skipped.append(f"{n:,} articles skipped: the build would need about {need / 1024:.1f} GB "
                               f"(peak RSS extrapolated linearly), more than {args.memory_share:.0%} of the "
                               f"{available_mb() / 1024:.1f} GB available")
                continue
            rows.append(measure(workdir, n, args.jobs, args.seed, store))
            if n == args.speedup_size and args.jobs != 1:
                rows.append(measure(workdir, n, 1, args.seed, store))
        env = (f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f} at the end, Python {sys.version.split()[0]}, "
               f"{'store' if store else 'N-Triples output'}, seed {args.seed}")
        print(f"kg build benchmark ({env})\n")
        print(table(rows))
        print()
        print(summary(rows, sizes, args.jobs, args.speedup_size, skipped))
    finally:
        if args.keep:
            print(f"\nwork folder kept: {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
