"""The network page (kg viz): what it draws, what it filters, and that no text from the graph can run.

Fast tests: small graphs made by hand, no browser (see test_viz_browser.py for Chromium).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.analytics import to_networkx
from kg.errors import KGError
from kg.namespaces import SC, SCHEMA, SCR
from kg.viz import DEFAULT_TOP, LARGE, STYLES, script_json, write_html

DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")  # not rdflib's XSD: pytest's collection pokes it
HOSTILE = (
    '<img src=x onerror="document.body.setAttribute(\'data-pwned\',\'1\')">',
    "</script><script>document.body.setAttribute('data-pwned','2')</script>",
    "\"; document.body.setAttribute('data-pwned','3'); \"",
    "line\u2028separator\u2029paragraph",
    "<!-- <script>document.body.setAttribute('data-pwned','4')</script> -->",
    "{{ data }} ${alert(5)} `${alert(6)}`",
)


class GraphMaker:
    """Entities, relations and evidence under the project's ontology, as kg.graph mints them."""

    def __init__(self) -> None:
        self.graph = Graph()
        self.count = 0

    def entity(self, kind: str, local: str, label: str, *, alt: tuple[str, ...] = (), abbreviation: str = "",
               positions: tuple[str, ...] = (), amounts: tuple[tuple[str, str], ...] = (),
               documents: tuple[str, ...] = ()) -> URIRef:
        node = SCR[f"{kind.lower()}/{local}"]
        g = self.graph
        g.add((node, RDF.type, SC[kind]))
        g.add((node, SKOS.prefLabel, Literal(label, lang="vi")))
        g.add((node, RDFS.label, Literal(label, lang="vi")))
        for a in alt:
            g.add((node, SKOS.altLabel, Literal(a, lang="vi")))
        if abbreviation:
            g.add((node, SCHEMA.alternateName, Literal(abbreviation)))
        for p in positions:
            g.add((node, SC.position, Literal(p, lang="vi")))
        for i, (value, currency) in enumerate(amounts):
            amount = SCR[f"amount/{local}-{i}"]
            g.add((node, SC.amount, amount))
            g.add((amount, SCHEMA.value, Literal(value, datatype=DECIMAL)))
            g.add((amount, SCHEMA.currency, Literal(currency)))
        for d in documents:
            g.add((node, SC.mentionedIn, self.document(d)))
        return node

    def document(self, name: str) -> URIRef:
        node = SCR[f"document/{hashlib.sha1(name.encode()).hexdigest()[:12]}"]
        self.graph.add((node, RDF.type, SC.Document))
        self.graph.add((node, DCTERMS.identifier, Literal(name)))
        return node

    def relate(self, s: URIRef, relation: str, o: URIRef, *, sentence: str = "", document: str = "bai-1",
               confidence: str = "0.9") -> None:
        g = self.graph
        g.add((s, SC[relation], o))
        if sentence:
            self.count += 1
            ev = SCR[f"evidence/{self.count}"]
            g.add((ev, RDF.type, SC.Evidence))
            g.add((ev, RDF.subject, s))
            g.add((ev, RDF.predicate, SC[relation]))
            g.add((ev, RDF.object, o))
            g.add((ev, PROV.wasDerivedFrom, self.document(document)))
            g.add((ev, SC.sentence, Literal(sentence, lang="vi")))
            g.add((ev, SC.confidence, Literal(confidence, datatype=DECIMAL)))


def small_graph() -> Graph:
    """Two provinces, two donors, three projects, two officials; 9 links."""
    m = GraphMaker()
    danang = m.entity("Province", "48", "Đà Nẵng", alt=("Thành phố Đà Nẵng", "TP Đà Nẵng"))
    quangninh = m.entity("Province", "22", "Quảng Ninh")
    adb = m.entity("Donor", "adb", "Ngân hàng Phát triển Châu Á", abbreviation="ADB", documents=("t12-danang",))
    jica = m.entity("Donor", "jica", "Cơ quan Hợp tác Quốc tế Nhật Bản", abbreviation="JICA")
    drain = m.entity("Project", "thoat-nuoc", "Thoát nước Đà Nẵng", amounts=(("120000000", "USD"),))
    lights = m.entity("Project", "chieu-sang", "Chiếu sáng thông minh", amounts=(("2400000000000", "VND"),))
    port = m.entity("Project", "cang", "Cảng xanh Quảng Ninh")
    chair = m.entity("Official", "nguyen-van-a", "Nguyễn Văn A", positions=("Chủ tịch UBND thành phố Đà Nẵng",))
    m.entity("Official", "tran-thi-b", "Trần Thị B", positions=("Phó Chủ tịch",))  # no links
    m.relate(adb, "funds", drain, sentence="ADB tài trợ 120 triệu USD cho dự án thoát nước Đà Nẵng.",
             document="t12-danang")
    m.relate(jica, "funds", lights, sentence="JICA tài trợ dự án chiếu sáng.", document="t02-jica")
    m.relate(jica, "funds", port)
    m.relate(drain, "locatedIn", danang)
    m.relate(lights, "locatedIn", danang)
    m.relate(port, "locatedIn", quangninh)
    m.relate(chair, "officialOf", danang, sentence="Ông Nguyễn Văn A, Chủ tịch UBND thành phố Đà Nẵng.")
    m.relate(adb, "partnerOf", danang)
    m.relate(adb, "partnerOf", jica)
    return m.graph


def hostile_graph() -> Graph:
    """Every label, position, amount currency, document name and sentence is a hostile text."""
    m = GraphMaker()
    nodes = []
    for i, text in enumerate(HOSTILE):
        kind = ("Province", "Donor", "Project", "Official")[i % 4]
        nodes.append(m.entity(kind, f"h{i}", text, alt=(text + " alt",), abbreviation=text,
                              positions=(text,) if kind == "Official" else (),
                              amounts=(("5", text),) if kind == "Project" else (), documents=(text,)))
    relations = ("funds", "locatedIn", "officialOf", "partnerOf")
    for i in range(len(nodes) - 1):
        m.relate(nodes[i], relations[i % 4], nodes[i + 1], sentence=HOSTILE[i], document=HOSTILE[-1 - i])
    return m.graph


def large_graph(projects: int = 600) -> Graph:
    """More than LARGE nodes: 10 provinces, 8 donors, 40 officials and many projects."""
    m = GraphMaker()
    provinces = [m.entity("Province", f"p{i}", f"Tỉnh {i}") for i in range(10)]
    donors = [m.entity("Donor", f"d{i}", f"Nhà tài trợ {i}") for i in range(8)]
    for i in range(40):
        m.relate(m.entity("Official", f"o{i}", f"Quan chức {i}"), "officialOf", provinces[i % 10])
    for i in range(projects):
        project = m.entity("Project", f"x{i}", f"Dự án {i}")
        m.relate(donors[i % 8 if i % 3 else 0], "funds", project)
        if i % 5:  # one project in five has no province
            m.relate(project, "locatedIn", provinces[(i * 7) % 10])
    return m.graph


def page(path: Path) -> tuple[str, dict]:
    """The written page's text and the data it embeds (parsed back from the JSON)."""
    html = path.read_bytes().decode("utf-8")
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    assert match, "no data block in the page"
    return html, json.loads(match.group(1))


def labels(data: dict) -> set[str]:
    return {d["title"] for d in data["details"]["nodes"].values()}


# -- what is drawn --------------------------------------------------------------------------------------------


def test_node_and_edge_counts_match_the_graph(tmp_path):
    graph = small_graph()
    net = to_networkx(graph)
    result = write_html(graph, tmp_path / "g.html")
    _html, data = page(tmp_path / "g.html")
    assert (result.nodes, result.edges, result.omitted, result.note) == (9, 9, 0, "")
    assert (net.number_of_nodes(), net.number_of_edges()) == (9, 9)
    assert len(data["nodes"]) == 9 and len(data["edges"]) == 9
    assert {n["id"] for n in data["nodes"]} == set(net.nodes)
    assert sorted((e["from"], e["label"], e["to"]) for e in data["edges"]) == sorted(
        (s, k, o) for s, o, k in net.edges(keys=True))


def test_each_type_has_its_own_colour_and_shape_and_a_legend_entry(tmp_path):
    write_html(small_graph(), tmp_path / "g.html")
    _html, data = page(tmp_path / "g.html")
    assert len({s.color for s in STYLES.values()}) == len({s.shape for s in STYLES.values()}) == 4
    by_type = {d["kind"]: n for n, d in data["details"]["nodes"].items()}
    drawn = {n["id"]: n for n in data["nodes"]}
    for type_name, style in STYLES.items():
        assert (drawn[by_type[type_name]]["shape"], drawn[by_type[type_name]]["color"]) == (style.shape, style.color)
    assert [(x["type"], x["shape"], x["color"], x["count"]) for x in data["legend"]] == [
        ("Province", "square", STYLES["Province"].color, 2), ("Donor", "diamond", STYLES["Donor"].color, 2),
        ("Project", "dot", STYLES["Project"].color, 3), ("Official", "triangle", STYLES["Official"].color, 2)]
    assert {x["name"]: x["count"] for x in data["relations"]} == {
        "funds": 3, "locatedIn": 3, "officialOf": 1, "partnerOf": 2}


def test_edges_are_labelled_with_their_relation_and_parallel_links_curve_apart(tmp_path):
    m = GraphMaker()
    a, b = m.entity("Donor", "a", "A"), m.entity("Province", "b", "B")
    m.relate(a, "partnerOf", b)
    m.relate(a, "funds", b)
    write_html(m.graph, tmp_path / "g.html")
    _html, data = page(tmp_path / "g.html")
    assert sorted(e["label"] for e in data["edges"]) == ["funds", "partnerOf"]
    assert ["smooth" in e for e in data["edges"]] == [False, True]


def test_node_size_grows_with_centrality(tmp_path):
    write_html(small_graph(), tmp_path / "g.html")
    _html, data = page(tmp_path / "g.html")
    value = {d["title"]: n["value"] for n in data["nodes"] for i, d in data["details"]["nodes"].items() if i == n["id"]}
    assert 100 == value["Cơ quan Hợp tác Quốc tế Nhật Bản"] > value["Đà Nẵng"] > value["Chiếu sáng thông minh"] > 1
    assert value["Nguyễn Văn A"] == value["Trần Thị B"] == 1  # a leaf and an isolate: no betweenness


def test_amounts_and_positions_are_on_the_label_and_in_the_details(tmp_path):
    write_html(small_graph(), tmp_path / "g.html")
    _html, data = page(tmp_path / "g.html")
    label = {n["id"]: n["label"] for n in data["nodes"]}
    rows = {n: dict(d["rows"]) for n, d in data["details"]["nodes"].items()}
    assert label[str(SCR["project/thoat-nuoc"])] == "Thoát nước Đà Nẵng\n120 m USD"
    assert label[str(SCR["project/chieu-sang"])] == "Chiếu sáng thông minh\n2.4 trn VND"
    assert label[str(SCR["official/nguyen-van-a"])] == "Nguyễn Văn A\nChủ tịch UBND thành phố Đà Nẵng"
    assert rows[str(SCR["project/thoat-nuoc"])]["Amounts"] == "120,000,000 USD"
    assert rows[str(SCR["official/nguyen-van-a"])]["Positions"] == "Chủ tịch UBND thành phố Đà Nẵng"
    assert rows[str(SCR["donor/adb"])]["Also"] == "ADB"
    assert rows[str(SCR["donor/adb"])]["Mentioned in"] == "t12-danang"


def test_details_carry_the_source_sentences_with_their_article(tmp_path):
    write_html(small_graph(), tmp_path / "g.html")
    _html, data = page(tmp_path / "g.html")
    edges = {(e["from"], e["label"], e["to"]): data["details"]["edges"][e["id"]] for e in data["edges"]}
    funds = edges[(str(SCR["donor/adb"]), "funds", str(SCR["project/thoat-nuoc"]))]
    assert funds["sentences"] == [["t12-danang", "ADB tài trợ 120 triệu USD cho dự án thoát nước Đà Nẵng.", "0.9"]]
    assert funds["title"] == "Ngân hàng Phát triển Châu Á → funds → Thoát nước Đà Nẵng"
    assert edges[(str(SCR["donor/jica"]), "funds", str(SCR["project/cang"]))]["sentences"] == []
    danang = data["details"]["nodes"][str(SCR["province/48"])]
    assert danang["sentences"] == [["bai-1", "Ông Nguyễn Văn A, Chủ tịch UBND thành phố Đà Nẵng.", "0.9"]]
    assert danang["more"] == 0  # its own relations only: "ADB funds the drainage project" is not about Đà Nẵng


def test_an_empty_graph_gives_a_page_with_no_nodes(tmp_path):
    result = write_html(Graph(), tmp_path / "g.html")
    _html, data = page(tmp_path / "g.html")
    assert (result.nodes, result.edges, data["nodes"], data["edges"]) == (0, 0, [], [])


def test_the_same_graph_gives_the_same_bytes(tmp_path):
    write_html(small_graph(), tmp_path / "a.html")
    write_html(small_graph(), tmp_path / "b.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


# -- filters --------------------------------------------------------------------------------------------------

ADB_AND_NEIGHBOURS = {"Ngân hàng Phát triển Châu Á", "Thoát nước Đà Nẵng", "Đà Nẵng",
                      "Cơ quan Hợp tác Quốc tế Nhật Bản"}


@pytest.mark.parametrize("name", ["ADB", "adb", "Ngân hàng Phát triển Châu Á", "NGÂN HÀNG PHÁT TRIỂN CHÂU Á",
                                  unicodedata.normalize("NFD", "Ngân hàng Phát triển Châu Á")])
def test_donor_filter_keeps_the_donor_and_its_neighbours(tmp_path, name):
    result = write_html(small_graph(), tmp_path / "g.html", donors=[name])
    _html, data = page(tmp_path / "g.html")
    assert labels(data) == ADB_AND_NEIGHBOURS
    assert (result.nodes, result.edges, result.omitted) == (4, 4, 5)
    assert result.note == f"5 not linked to {name}"
    assert data["note"] == f"Showing 4 of 9 nodes. Left out: 5 not linked to {name}."


@pytest.mark.parametrize("name", ["Đà Nẵng", "đà nẵng", unicodedata.normalize("NFD", "Đà Nẵng"), "TP Đà Nẵng",
                                  "Thành phố Đà Nẵng"])
def test_province_filter_matches_labels_case_insensitively_after_nfc(tmp_path, name):
    write_html(small_graph(), tmp_path / "g.html", provinces=[name])
    _html, data = page(tmp_path / "g.html")
    assert labels(data) == {"Đà Nẵng", "Thoát nước Đà Nẵng", "Chiếu sáng thông minh", "Nguyễn Văn A",
                            "Ngân hàng Phát triển Châu Á"}


def test_province_filter_folds_tone_marks_and_reads_c_locale_arguments(tmp_path):
    m = GraphMaker()
    m.relate(m.entity("Official", "o", "Đỗ Minh Tuấn"), "officialOf", m.entity("Province", "38", "Thanh Hóa"))
    m.entity("Province", "40", "Nghệ An")
    for name in ("Thanh Hoá", "Thanh Hóa".encode("utf-8").decode("ascii", "surrogateescape")):
        result = write_html(m.graph, tmp_path / "g.html", provinces=[name])
        assert (result.nodes, result.note) == (2, "1 not linked to " + name.encode("utf-8", "surrogateescape")
                                                .decode("utf-8"))


def test_province_and_donor_filters_keep_both_neighbourhoods(tmp_path):
    write_html(small_graph(), tmp_path / "g.html", provinces=["Quảng Ninh"], donors=["JICA"])
    _html, data = page(tmp_path / "g.html")
    assert labels(data) == {"Quảng Ninh", "Cảng xanh Quảng Ninh", "Cơ quan Hợp tác Quốc tế Nhật Bản",
                            "Chiếu sáng thông minh", "Ngân hàng Phát triển Châu Á"}


@pytest.mark.parametrize("kwargs, message", [
    ({"donors": ["WB"]}, "no donor named 'WB' in the graph"),
    ({"provinces": ["ADB"]}, "no province named 'ADB' in the graph"),  # a donor's name is not a province
    ({"types": ["City"]}, "unknown node type City"),
    ({"top": 0}, "--top must be at least 1"),
])
def test_a_filter_that_cannot_match_is_an_error(tmp_path, kwargs, message):
    with pytest.raises(KGError, match=re.escape(message)):
        write_html(small_graph(), tmp_path / "g.html", **kwargs)
    assert not (tmp_path / "g.html").exists()


def test_type_filter_keeps_only_those_types(tmp_path):
    result = write_html(small_graph(), tmp_path / "g.html", types=["Donor", "Province"])
    _html, data = page(tmp_path / "g.html")
    assert {d["kind"] for d in data["details"]["nodes"].values()} == {"Donor", "Province"}
    assert (result.nodes, result.edges) == (4, 2)  # ADB partnerOf Đà Nẵng and JICA
    assert result.note == "5 not of type Donor, Province"


def test_min_degree_drops_nodes_with_fewer_links_in_the_graph(tmp_path):
    result = write_html(small_graph(), tmp_path / "g.html", min_degree=2)
    _html, data = page(tmp_path / "g.html")
    assert labels(data) == {"Đà Nẵng", "Ngân hàng Phát triển Châu Á", "Cơ quan Hợp tác Quốc tế Nhật Bản",
                            "Thoát nước Đà Nẵng", "Chiếu sáng thông minh", "Cảng xanh Quảng Ninh"}
    assert result.note == "3 with fewer than 2 links"


def test_top_keeps_the_most_central_nodes(tmp_path):
    result = write_html(small_graph(), tmp_path / "g.html", top=2)
    _html, data = page(tmp_path / "g.html")
    assert labels(data) == {"Cơ quan Hợp tác Quốc tế Nhật Bản", "Đà Nẵng"}  # the bridges between the two halves
    assert (result.nodes, result.edges, result.omitted) == (2, 0, 7)
    assert result.note == "7 beyond the 2 most central (betweenness)"


def test_a_large_graph_opens_on_its_most_central_stakeholders_and_their_projects(tmp_path):
    graph = large_graph()
    total = to_networkx(graph).number_of_nodes()
    assert total > LARGE
    result = write_html(graph, tmp_path / "g.html")
    _html, data = page(tmp_path / "g.html")
    kinds = [d["kind"] for d in data["details"]["nodes"].values()]
    assert result.nodes == len(data["nodes"]) == DEFAULT_TOP
    assert result.omitted == total - DEFAULT_TOP
    assert kinds.count("Province") == 10 and kinds.count("Donor") == 8 and kinds.count("Official") == 40
    assert kinds.count("Project") == DEFAULT_TOP - 58
    assert f"{total - DEFAULT_TOP} beyond the default view" in result.note
    assert "--top N" in result.note and data["note"].startswith(f"Showing {DEFAULT_TOP} of {total} nodes.")
    # the projects shown are linked to two of the stakeholders shown, not to one
    assert all(d["kind"] != "Project" or any(r == ["Links", "2"] for r in d["rows"])
               for d in data["details"]["nodes"].values())


def test_top_overrides_the_default_view(tmp_path):
    result = write_html(large_graph(), tmp_path / "g.html", top=700)
    assert result.omitted == 0 and result.nodes == 658


# -- safety ---------------------------------------------------------------------------------------------------


def test_hostile_text_is_data_not_markup(tmp_path):
    write_html(hostile_graph(), tmp_path / "g.html")
    html, data = page(tmp_path / "g.html")
    assert "<img" not in html and "<!--" not in html
    assert html.count("</script>") == 3  # the data, vis-network, the page's code: nothing from the data closes one
    assert "\u2028" not in html and "\u2029" not in html
    assert "data-pwned" not in html.replace("'data-pwned'", "")  # only inside JSON strings, as \u003c-escaped text
    assert labels(data) == set(HOSTILE)  # ... and the page gets every text back exactly
    sentences = {s[1] for d in data["details"]["edges"].values() for s in d["sentences"]}
    documents = {s[0] for d in data["details"]["edges"].values() for s in d["sentences"]}
    assert sentences == set(HOSTILE[:-1]) and documents == set(HOSTILE[1:])


def test_script_json_escapes_what_could_end_or_confuse_a_script():
    text = script_json({"a": "</script><!--&\u2028\u2029"})
    assert text == '{"a":"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028\\u2029"}'
    assert json.loads(text) == {"a": "</script><!--&\u2028\u2029"}


def test_the_page_shows_texts_with_textcontent_only(tmp_path):
    write_html(small_graph(), tmp_path / "g.html")
    html, _data = page(tmp_path / "g.html")
    app = html.rsplit("<script>", 1)[1]
    assert "textContent" in app
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function", app)
    assert '"title"' not in json.dumps(page(tmp_path / "g.html")[1]["nodes"])  # no vis-network HTML popups


def test_the_page_fetches_nothing(tmp_path):
    write_html(small_graph(), tmp_path / "g.html")
    html, _data = page(tmp_path / "g.html")
    assert not re.search(r"<(script|link|img|iframe|object|embed|source|audio|video)\b[^>]*\b(src|href|data)\s*=",
                         html, re.I)
    assert not re.search(r"<link\b", html, re.I)
    assert not re.search(r"url\(\s*(?!['\"]?data:)", html)  # stylesheets: only data: URLs
    app = html.rsplit("<script>", 1)[1]
    assert not re.search(r"fetch\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|import\(", app)


def test_a_content_security_policy_allows_only_the_pages_own_scripts(tmp_path):
    import base64

    write_html(small_graph(), tmp_path / "g.html")
    html, _data = page(tmp_path / "g.html")
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1)
    assert csp.startswith("default-src 'none'; ") and "unsafe-inline'; img-src data:" in csp
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 2  # vis-network, then the page's own code
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", 1)[0]


def test_the_file_is_utf8_whatever_the_locale(tmp_path):
    source = tmp_path / "g.ttl"
    source.write_bytes(small_graph().serialize(format="turtle", encoding="utf-8"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONIOENCODING"))}
    env.update(LC_ALL="C", PYTHONUTF8="0")
    code = ("import sys; from pathlib import Path; from kg.storage import load_union; from kg.viz import write_html;"
            f"r = write_html(load_union(sys.argv[1]), Path(sys.argv[2]), provinces=[{ascii('Đà Nẵng')}]);"
            "print(sys.getfilesystemencoding(), sys.flags.utf8_mode, r.nodes)")
    out = subprocess.run([sys.executable, "-c", code, str(source), str(tmp_path / "g.html")], env=env,
                         capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["ascii", "0", "5"]  # really a C locale, and it still worked
    raw = (tmp_path / "g.html").read_bytes()
    assert "Đà Nẵng".encode("utf-8") in raw and "Nguyễn Văn A".encode("utf-8") in raw
    assert b'<meta charset="utf-8">' in raw
    raw.decode("utf-8")
