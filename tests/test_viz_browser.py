"""The network page in headless Chromium: it draws the graph, runs no injected script, fetches nothing.

Each page is opened once (module fixtures); the whole file takes a few seconds per Chromium run.
The page writes what it drew into ``<div id="kg-status" data-…>``, read back with ``--dump-dom``.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path
from urllib.parse import quote

import pytest

from kg.analytics import to_networkx
from kg.viz import write_html
from test_viz import HOSTILE, hostile_graph

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium or chromium-browser on PATH (apt-get install chromium)"),
]
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--hide-scrollbars", "--virtual-time-budget=10000")
BROWSER_ORIGIN = "not an origin"  # the net log's initiator of Chromium's own requests (updates, accounts)


def chromium(tmp: Path, url: str, *flags: str) -> subprocess.CompletedProcess:
    profile = tmp / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *flags, url], capture_output=True,
                          text=True, timeout=60, check=True)


def status(dom: str) -> dict[str, str]:
    """The data-* attributes of the page's status element."""
    tag = re.search(r'<div id="kg-status"[^>]*>', dom)
    assert tag, "the page has no status element"
    return {k: html.unescape(v) for k, v in re.findall(r'data-([\w-]+)="([^"]*)"', tag.group(0))}


def page_requests(net_log: Path) -> list[str]:
    """URLs the page asked for (not file: or data:), from Chromium's net log."""
    log = json.loads(net_log.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [e["params"]["url"] for e in log["events"]
            if e["type"] == start and "url" in e.get("params", {})
            and e["params"].get("initiator") != BROWSER_ORIGIN
            and not e["params"]["url"].startswith(("file:", "data:", "blob:", "about:", "chrome:"))]


def png_colours(path: Path) -> tuple[int, float]:
    """Distinct colours and the share of pixels that are not the background, from an 8-bit RGB(A) PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, colour_type, *_ = header
    assert depth == 8 and colour_type in (2, 6), header
    bpp = 3 if colour_type == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    previous = bytearray(stride)
    colours: dict[bytes, int] = {}
    for y in range(height):
        kind, row = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 1:
            for i in range(bpp, stride):
                row[i] = (row[i] + row[i - bpp]) & 255
        elif kind == 2:
            row = bytearray((a + b) & 255 for a, b in zip(row, previous))
        elif kind == 3:
            for i in range(stride):
                row[i] = (row[i] + ((row[i - bpp] if i >= bpp else 0) + previous[i]) // 2) & 255
        elif kind == 4:
            for i in range(stride):
                a, b = row[i - bpp] if i >= bpp else 0, previous[i]
                c = previous[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(0, stride, bpp):
            pixel = bytes(row[x:x + 3])
            colours[pixel] = colours.get(pixel, 0) + 1
        previous = row
    background = max(colours.values())
    return len(colours), 1 - background / (width * height)


# -- the sample corpus --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_page(corpus_graph, tmp_path_factory):
    """The sample corpus's page opened once: its DOM, Chromium's log, the net log, the expected counts."""
    tmp = tmp_path_factory.mktemp("viz-corpus")
    net = to_networkx(corpus_graph)
    write_html(corpus_graph, tmp / "network.html", top=net.number_of_nodes())  # every node, whatever the size
    run = chromium(tmp, (tmp / "network.html").as_uri(), "--dump-dom", "--enable-logging=stderr", "--v=0",
                   '--host-resolver-rules=MAP * ~NOTFOUND', f"--log-net-log={tmp / 'net.json'}")
    return {"dom": run.stdout, "log": run.stderr, "net_log": tmp / "net.json", "nodes": net.number_of_nodes(),
            "edges": net.number_of_edges(), "html": tmp / "network.html", "tmp": tmp}


def test_the_page_draws_every_node_and_link_of_the_graph(corpus_page):
    drawn = status(corpus_page["dom"])
    assert drawn["state"] == "ready", drawn
    assert (int(drawn["nodes"]), int(drawn["edges"])) == (corpus_page["nodes"], corpus_page["edges"])
    assert corpus_page["nodes"] > 100  # the sample corpus, not an empty page
    assert int(drawn["stabilized-ms"]) > 0  # physics ran, settled and was switched off


def test_the_page_runs_without_script_errors_or_refused_resources(corpus_page):
    console = [line for line in corpus_page["log"].splitlines() if "CONSOLE" in line or "Refused" in line]
    assert console == []


def test_the_page_requests_nothing_from_the_network(corpus_page):
    assert status(corpus_page["dom"])["resources"] == "0"  # the page's own count of fetched resources
    assert page_requests(corpus_page["net_log"]) == []


def test_the_network_check_catches_a_page_that_fetches(tmp_path):
    """The check above can fail: a page with an image and a fetch from the web is caught."""
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><img src="http://example.com/x.png">'
                    '<script>fetch("https://example.org/d.json").catch(function () {});</script>', encoding="utf-8")
    chromium(tmp_path, page.as_uri(), "--dump-dom", '--host-resolver-rules=MAP * ~NOTFOUND',
             f"--log-net-log={tmp_path / 'net.json'}")
    assert sorted(page_requests(tmp_path / "net.json")) == ["http://example.com/x.png", "https://example.org/d.json"]


def test_a_screenshot_of_the_page_is_not_blank(corpus_page):
    shot = corpus_page["tmp"] / "shot.png"
    chromium(corpus_page["tmp"], corpus_page["html"].as_uri(), "--window-size=1200,800", f"--screenshot={shot}")
    colours, drawn = png_colours(shot)
    assert colours > 50 and drawn > 0.02, (colours, drawn)


# -- hostile text -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory):
    """Hostile labels, positions, documents and sentences, with one node's details opened (#node=…)."""
    from kg.build import build_corpus
    from kg.graph import to_dataset, union

    tmp = tmp_path_factory.mktemp("viz-hostile")
    article = tmp / "articles" / "hostile.txt"
    article.parent.mkdir()
    article.write_text("Ngân hàng Phát triển Châu Á (ADB) tài trợ dự án “<img src=x onerror=alert(1)></script>"
                       "<script>alert(2)</script>” tại tỉnh Quảng Ninh.\n", encoding="utf-8")
    graph = union(to_dataset(build_corpus([article], jobs=1))) + hostile_graph()
    write_html(graph, tmp / "hostile.html")
    target = next(n for n, d in to_networkx(graph).nodes(data=True) if d["label"] == HOSTILE[0])
    url = (tmp / "hostile.html").as_uri() + "#node=" + quote(target, safe="")
    run = chromium(tmp, url, "--dump-dom")
    return {"dom": run.stdout, "nodes": to_networkx(graph).number_of_nodes()}


def test_hostile_text_runs_no_script(hostile_page):
    assert "data-pwned" not in hostile_page["dom"].replace("'data-pwned'", "")
    assert not re.search(r"<img\b", hostile_page["dom"])


def test_the_page_with_hostile_text_still_draws_everything(hostile_page):
    drawn = status(hostile_page["dom"])
    assert drawn["state"] == "ready" and int(drawn["nodes"]) == hostile_page["nodes"] >= len(HOSTILE) + 3


def test_hostile_text_is_shown_as_text_in_the_details(hostile_page):
    card = re.search(r'<div id="kg-tooltip"[^>]*>(.*?)</div>\s*<div id="kg-status"', hostile_page["dom"], re.S)
    assert card, "the details of the node in the URL are not open"
    text = html.unescape(re.sub(r"<[^>]+>", "\n", card.group(1)))
    assert HOSTILE[0] in text  # the label: a whole <img onerror> tag, as text
    assert HOSTILE[0] + " alt" in text  # an alternative label
    assert HOSTILE[-1] in text.replace("\n", "")  # the article a sentence comes from
    assert "&lt;img src=x onerror=" in card.group(1)  # escaped in the DOM: the browser made text of it
