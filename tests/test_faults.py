"""Faults lose nothing: a killed build, Ctrl-C, a full disk and the C locale."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph

from kg.errors import OutputError
from kg.storage import atomic_write

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
EXAMPLE = Path(__file__).parent / "golden" / "example" / "input.txt"
KG = [sys.executable, "-m", "kg.cli"]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("fault", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()])
def test_a_full_disk_or_ctrl_c_during_a_write_keeps_the_earlier_file(tmp_path, fault):
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"earlier contents\n")

    def write(fh):
        fh.write(b"half of the new")
        raise fault

    with pytest.raises((OutputError, KeyboardInterrupt)):
        atomic_write(target, write)
    assert target.read_bytes() == b"earlier contents\n"
    assert _leftovers(tmp_path) == []


@pytest.mark.slow
def test_a_build_killed_half_way_keeps_the_earlier_output(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"earlier contents\n")
    process = subprocess.Popen(KG + ["build", str(CORPUS), "-o", str(target), "-q", "-j", "1"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)  # inside the build: 63 articles take longer than this
    if process.poll() is not None:
        pytest.skip("the build finished before it could be killed")
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    assert target.read_bytes() == b"earlier contents\n"
    assert _leftovers(tmp_path) == []


def test_turtle_is_written_as_utf8_under_the_c_locale(tmp_path):
    target = tmp_path / "graph.ttl"
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    subprocess.run(KG + ["build", str(EXAMPLE), "-o", str(target), "-q", "-j", "1"], env=env, check=True,
                   timeout=120)
    text = target.read_bytes().decode("utf-8")  # raises if it is not UTF-8
    assert "Thừa Thiên Huế" in text
    assert len(Graph().parse(target)) > 100
