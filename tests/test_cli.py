"""The command line, run as a real process: outputs, exit codes, one clear line per bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from spinscope.analysis import analysis_from_json

from .conftest import ASTANA_AS_OF, EXAMPLES, LocalServer

FLAT = EXAMPLES / "harbour-fund-affair.txt"
NEWS = EXAMPLES / "river-bridge-report.txt"


def run_cli(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("SPINSCOPE_DEBUG", None)
    proc = subprocess.run(
        [sys.executable, "-m", "spinscope", *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )


def assert_bad_input(proc: subprocess.CompletedProcess[str], code: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"spinscope: error [{code}]"), lines[0]
    assert "(fix: " in lines[0]


def test_text_report_on_example() -> None:
    proc = run_cli("analyze", str(FLAT), "--as-of", "2025-03-12T09:00:00+00:00")
    assert proc.returncode == 0, proc.stderr
    assert "Title" in proc.stdout and "Paragraph" in proc.stdout  # the kinds' display names


def test_json_on_example_round_trips() -> None:
    proc = run_cli("analyze", str(FLAT), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    analysis = analysis_from_json(proc.stdout)
    assert analysis.document.text == FLAT.read_text(encoding="utf-8").rstrip()
    assert analysis.pipeline.components[0] == "structure@1"


def test_several_inputs_give_jsonl(tmp_path: Path) -> None:
    proc = run_cli("analyze", str(FLAT), str(NEWS), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 2
    assert {analysis_from_json(line).document.meta.source for line in lines} == {
        str(FLAT),
        str(NEWS),
    }


def test_folder_gives_jsonl_and_output_file(tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    proc = run_cli("analyze", str(EXAMPLES), "--format", "jsonl", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 3
    assert all(row["schema"] == "spinscope.analysis/1" for row in rows)
    assert not list(tmp_path.glob("*.partial"))


def test_stdin() -> None:
    proc = run_cli(
        "analyze", "-", "--format", "json", stdin=b"Short Headline\n\nOne sentence here.\n"
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["document"]["source"] == "<stdin>"


def test_html_output(tmp_path: Path) -> None:
    out = tmp_path / "new" / "folder" / "r.html"
    proc = run_cli("analyze", str(FLAT), "--format", "html", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


def test_html_batch_writes_a_folder(tmp_path: Path) -> None:
    proc = run_cli("analyze", str(FLAT), str(NEWS), "--format", "html", "-o", str(tmp_path / "h"))
    assert proc.returncode == 0, proc.stderr
    assert len(list((tmp_path / "h").glob("*.html"))) == 2


def test_as_of_resolves_relative_dateline(astana_path: Path) -> None:
    proc = run_cli("analyze", str(astana_path), "--format", "json", "--as-of", ASTANA_AS_OF)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)["document"]
    assert doc["published"].startswith("2025-04-29T12:00")
    assert doc["published_raw"] == "Today, 12:00"


# ---- bad inputs: one line, exit code 2, nothing overwritten ----------------------------------


def test_nonexistent_path(tmp_path: Path) -> None:
    assert_bad_input(run_cli("analyze", str(tmp_path / "nope.txt")), "E100")


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert_bad_input(run_cli("analyze", str(tmp_path / "empty.txt")), "E101")


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert_bad_input(run_cli("analyze", str(tmp_path / "x.txt")), "E102")


def test_huge_file(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50_000_000)
    assert_bad_input(run_cli("analyze", str(big)), "E103")


def test_invalid_utf8(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(
        "Déjà vu in Vessgrad. ".encode() + b"\xff\xfe broken" + "é".encode()
    )
    assert_bad_input(run_cli("analyze", str(tmp_path / "bad.txt")), "E104")


def test_bad_options() -> None:
    assert_bad_input(run_cli("analyze", str(FLAT), "--as-of", "yesterday"), "E130")
    assert_bad_input(run_cli("analyze", str(FLAT), "--as-of", "2025-04-29T18:00:00"), "E131")
    assert_bad_input(run_cli("analyze", str(FLAT), "--lang", "xx"), "E132")
    assert_bad_input(run_cli("analyze", str(FLAT), "--gazetteer", str(FLAT)), "E522")
    assert_bad_input(run_cli("analyze", str(FLAT), "--encoding", "rot13"), "E110")


def test_usage_errors_have_no_traceback() -> None:
    proc = run_cli("analyze", str(FLAT), "--format", "pdf")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    proc = run_cli("analyze")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_private_url_refused() -> None:
    assert_bad_input(run_cli("analyze", "http://127.0.0.1:9/article"), "E120")
    assert_bad_input(run_cli("analyze", "http://10.1.2.3/article"), "E120")


def test_url_from_local_server(http_server: LocalServer) -> None:
    page = (
        "<html><head><title>Harbour Board Meets</title></head><body><article>"
        "<h1>Harbour Board Meets</h1><p>The harbour board of Vessgrad met on Monday to discuss "
        "the new pier, its chair Lena Orvik said in a statement to reporters.</p>"
        "<p>Members voted to delay the decision until the spring session of the council.</p>"
        "</article></body></html>"
    )
    url = http_server.add("/a", page, Content_Type="text/html; charset=utf-8")
    proc = run_cli("analyze", url, "--format", "json", "--allow-private-addresses")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)["document"]
    assert doc["url"] == url
    assert "harbour board" in doc["text"].lower()


def test_bad_input_keeps_existing_output(tmp_path: Path) -> None:
    out = tmp_path / "keep.json"
    out.write_text("precious", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"   \n")
    assert_bad_input(run_cli("analyze", str(tmp_path / "empty.txt"), "-o", str(out)), "E101")
    assert out.read_text(encoding="utf-8") == "precious"


def test_batch_with_a_bad_file_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.txt").write_text("First Story\n\nA calm sentence about trams.\n", encoding="utf-8")
    (folder / "b.txt").write_bytes(b"")
    (folder / "c.txt").write_text(
        "Third Story\n\nAnother sentence about ferries.\n", encoding="utf-8"
    )
    proc = run_cli("analyze", str(folder), "--format", "jsonl")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stdout.strip().splitlines()) == 2
    assert "skipped" in proc.stderr and "E101" in proc.stderr
    assert "analysed 2, skipped 1" in proc.stderr


def test_version() -> None:
    proc = run_cli("version")
    assert proc.returncode == 0
    assert "structure@1" in proc.stdout


def test_version_option() -> None:
    proc = run_cli("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("spinscope ")


@pytest.mark.parametrize("group", [(), ("train",), ("eval",), ("report",), ("reviewers",)])
def test_help_lists_every_command_with_its_whole_first_sentence(group: tuple[str, ...]) -> None:
    """Click cuts a command's description to the width left over ("..."); the help wraps it."""
    import typer.main

    from spinscope.cli import app

    root = typer.main.get_command(app)
    command = root
    for name in group:
        command = command.commands[name]  # type: ignore[attr-defined]
    proc = run_cli(*group, "--help")
    assert proc.returncode == 0, proc.stderr
    listing = " ".join(proc.stdout[proc.stdout.index("Commands:") :].split())
    assert "..." not in listing
    for name, sub in command.commands.items():  # type: ignore[attr-defined]
        first = sub.get_short_help_str(limit=10_000)
        assert f"{name} {first}" in listing, name


def test_commands_that_read_a_store_refuse_a_missing_one(tmp_path: Path) -> None:
    typo = tmp_path / "typo.db"
    assert_bad_input(run_cli("batch", "--db", str(typo)), "E608")
    assert_bad_input(run_cli("report", "corpus", "--db", str(typo), "--html", "x.html"), "E608")
    assert not typo.exists()


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("paper.pdf", b"%PDF-1.7\n1 0 obj\n"),
        ("letter.docx", b"PK\x03\x04\x14\x00\x06\x00"),
        ("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF"),
    ],
)
def test_document_and_image_files_are_refused_by_name(
    tmp_path: Path, name: str, head: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(head + b"some more bytes " * 20)
    proc = run_cli("analyze", str(path))
    assert_bad_input(proc, "E102")
    assert "convert it to text first" in proc.stderr


def test_several_html_reports_need_a_folder(tmp_path: Path) -> None:
    proc = run_cli("analyze", str(FLAT), str(NEWS), "--format", "html", cwd=tmp_path)
    assert_bad_input(proc, "E137")
    assert "-o FOLDER" in proc.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_every_format_on_every_example(fmt: str, tmp_path: Path) -> None:
    for path in sorted(EXAMPLES.glob("*.txt")):
        proc = run_cli(
            "analyze", str(path), "--format", fmt, "-o", str(tmp_path / f"{path.stem}.{fmt}")
        )
        assert proc.returncode == 0, proc.stderr


# ---- train and eval commands ------------------------------------------------------------------


def test_eval_checkworthiness_on_a_small_file(tmp_path: Path) -> None:
    tsv = tmp_path / "ct.tsv"
    tsv.write_text(
        "Sentence_id\tText\tclass_label\n"
        "1\tUnemployment fell by 3.5 percent in 2024, to 1.2 million people.\tYes\n"
        "2\tThank you all for coming tonight.\tNo\n"
        "3\tThe harbour fund paid 40 million crowns to a firm owned by the minister.\tYes\n"
        "4\tI think that is a wonderful question.\tNo\n",
        encoding="utf-8",
    )
    proc = run_cli("eval", "checkworthiness", "--data", str(tsv), "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["n"] == 4
    assert {"f1", "precision", "recall"} <= set(result)
    table = run_cli("eval", "checkworthiness", "--data", str(tsv))
    assert table.returncode == 0 and "precision" in table.stdout


def test_eval_checkworthiness_bad_file(tmp_path: Path) -> None:
    assert_bad_input(run_cli("eval", "checkworthiness", "--data", str(tmp_path / "no.tsv")), "E100")


def test_eval_techniques_on_a_small_ptc_folder(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    text = (
        "Harbour Scandal\n\nThe corrupt elite stole our harbour.\nShameful cowards run the port.\n"
    )
    (articles / "article1001.txt").write_text(text, encoding="utf-8")
    start = text.index("corrupt elite")
    labels = tmp_path / "gold.labels"
    labels.write_text(f"1001\tName_Calling,Labeling\t{start}\t{start + 13}\n", encoding="utf-8")
    out = tmp_path / "pred"
    proc = run_cli(
        "eval", "techniques", "--articles", str(articles), "--labels", str(labels), "--json",
        "--predictions", str(out),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert {"si_f1", "si_precision", "si_recall", "tc_micro_f1", "per_technique", "articles",
            "seconds"} <= set(result)  # fmt: skip
    assert (out / "tc.txt").read_text(encoding="utf-8").startswith("1001\t")
    assert (out / "si.txt").exists()


def test_eval_techniques_needs_its_inputs(tmp_path: Path) -> None:
    assert_bad_input(run_cli("eval", "techniques", "--articles", str(tmp_path)), "E137")
    assert_bad_input(run_cli("eval", "techniques", "--cv", "5"), "E137")


def test_serve_refuses_a_public_address_without_a_token(tmp_path: Path) -> None:
    proc = run_cli("serve", "--db", str(tmp_path / "x.db"), "--host", "0.0.0.0")  # noqa: S104
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_eval_narratives_scores_claim_groups(tmp_path: Path) -> None:
    claims = tmp_path / "claims.jsonl"
    rows = [
        {"id": "1", "text": "The mayor of Ostby sold the harbour to a shell firm.", "group": "a"},
        {"id": "2", "text": "Ostby's mayor sold the harbour to a shell company.", "group": "a"},
        {"id": "3", "text": "A comet will hit the moon next winter.", "group": "b"},
    ]
    claims.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "clusters.jsonl"
    proc = run_cli(
        "eval", "narratives", "--claims", str(claims), "--wording", "--predictions", str(out),
        "--json",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["items"] == 3 and result["groups"] == 2 and result["clusters"] == 2
    assert result["pairwise_f1"] == 1.0 and result["bcubed_f1"] == 1.0
    assert result["method"].startswith("TF-IDF, average linkage")
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (None, "E100"),
        ("", "E172"),
        ("not json\n", "E170"),
        ('{"id": "1"}\n', "E170"),
        ('{"id": "1", "text": "a"}\n{"id": "1", "text": "b"}\n', "E171"),
    ],
)
def test_eval_narratives_refuses_bad_claims(tmp_path: Path, content: str | None, code: str) -> None:
    claims = tmp_path / "claims.jsonl"
    if content is not None:
        claims.write_text(content, encoding="utf-8")
    assert_bad_input(run_cli("eval", "narratives", "--claims", str(claims), "--wording"), code)


def test_ingest_names_each_skipped_input_unless_quiet(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("A short article about the harbour council meeting on Monday.")
    (folder / "empty.txt").write_text("")
    (folder / "paper.txt").write_bytes(b"%PDF-1.4 not an article")
    proc = run_cli("ingest", str(folder), "--db", str(tmp_path / "c.db"))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert any("empty.txt" in line and "[E101]" in line for line in lines)
    assert any("paper.txt" in line and "[E102]" in line for line in lines)
    assert lines[-1].endswith("stored 1 new, 0 already stored, skipped 2")
    quiet = run_cli("ingest", str(folder), "--db", str(tmp_path / "d.db"), "--quiet")
    assert quiet.stderr.strip().splitlines() == [
        "spinscope: stored 1 new, 0 already stored, skipped 2"
    ]


def test_per_document_limits(tmp_path: Path) -> None:
    assert_bad_input(run_cli("analyze", str(FLAT), "--max-chars", "10"), "E180")
    assert_bad_input(run_cli("analyze", str(FLAT), "--max-chars", "0"), "E135")
    assert_bad_input(run_cli("analyze", str(FLAT), "--time-limit", "-1"), "E135")
    assert_bad_input(run_cli("batch", "--db", str(tmp_path / "x.db"), "--max-chars", "0"), "E135")


def test_a_document_past_the_time_limit_is_skipped_and_the_others_go_on(tmp_path: Path) -> None:
    slow = tmp_path / "slow.txt"
    slow.write_text("The bridge in Varnholt opens in May, the mayor said. " * 3_000, "utf-8")
    proc = run_cli("analyze", str(slow), str(FLAT), "--max-chars", "20000", "-f", "jsonl")
    assert proc.returncode == 2, proc.stderr
    assert "[E180]" in proc.stderr and len(proc.stdout.strip().splitlines()) == 1
    proc = run_cli("analyze", str(FLAT), "--time-limit", "0.001")
    assert proc.returncode == 2 and "[E181]" in proc.stderr, proc.stderr


def test_min_score_replaces_every_layer_threshold_in_text_and_html(tmp_path: Path) -> None:
    from tests.conftest import EXAMPLES

    path = str(EXAMPLES / "harbour-fund-affair.txt")
    as_of = "2025-03-12T09:00:00+00:00"
    default = run_cli("analyze", path, "--as-of", as_of)
    assert default.returncode == 0, default.stderr
    words = " ".join(default.stdout.split())  # as read, whatever the console's wrapping
    assert "scored below" in words and "(show with --min-score 0)" in words
    every = run_cli("analyze", path, "--as-of", as_of, "--min-score", "0")
    assert "scored below" not in every.stdout
    page = tmp_path / "report.html"
    run_cli("analyze", path, "--as-of", as_of, "-f", "html", "-o", str(page))
    assert 'id="show-low"' in page.read_text("utf-8")
    run_cli("analyze", path, "--as-of", as_of, "-f", "html", "-o", str(page), "--min-score", "0")
    assert 'id="show-low"' not in page.read_text("utf-8")
