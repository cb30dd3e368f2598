"""`calfeed serve` as a person runs it: a real process, waitress on loopback, stopped with SIGTERM."""
from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
import textwrap
import urllib.request
from pathlib import Path

import pytest

CALFEED = [sys.executable, "-c", "from calfeed.cli import main; main()"]


@pytest.fixture
def site_dir(tmp_path):
    pytest.importorskip("calfeed.store", reason="calfeed.store has not landed yet")
    pytest.importorskip("calfeed.scheduler", reason="calfeed.scheduler has not landed yet")
    (tmp_path / "articles").mkdir()
    (tmp_path / "config.yaml").write_text(textwrap.dedent("""\
        site:
          name: 服务测试
        database: sqlite:///serve.db
        sources:
          - name: local
            type: folder
            location: articles
            schedule: 1h
        """), encoding="utf-8")
    return tmp_path


def start(site_dir: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([*CALFEED, "--config", str(site_dir / "config.yaml"), "serve", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=site_dir)


def test_serve_answers_pages_and_api_then_stops_on_sigterm(site_dir):
    process = start(site_dir, "--port", "0")
    try:
        lines = []
        while not (match := re.search(r"serving .* on http://127\.0\.0\.1:(\d+)", lines[-1] if lines else "")):
            lines.append(process.stderr.readline())
            assert lines[-1] and len(lines) < 50, lines
        base = f"http://127.0.0.1:{match.group(1)}"
        with urllib.request.urlopen(base + "/", timeout=10) as response:
            assert response.status == 200
            assert response.headers["Server"] == "calfeed"  # waitress, not Flask's development server
            assert "服务测试" in response.read().decode("utf-8")
        with urllib.request.urlopen(base + "/api/events", timeout=10) as response:
            assert json.load(response)["total"] == 0
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "stopped" in err and "Traceback" not in err


def test_serve_on_a_busy_port_says_so_without_a_traceback(site_dir):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        process = start(site_dir, "--port", str(busy.getsockname()[1]))
        _, err = process.communicate(timeout=30)
    assert process.returncode == 2
    assert "cannot listen on 127.0.0.1" in err and "Traceback" not in err
