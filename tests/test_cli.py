"""The real entry point, run as a user runs it (subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from studytui import __version__
from tests.conftest import PACK


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "studytui", *args], capture_output=True,
                          text=True, cwd=cwd, env=os.environ.copy(), timeout=120)


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"studytui {__version__}"


def test_help_lists_every_subcommand():
    result = run("--help")
    assert result.returncode == 0
    for command in ("validate", "calc", "quiz", "stats", "export"):
        assert command in result.stdout


def test_validate_bundled_content_is_clean():
    result = run("validate", "--json")
    assert result.returncode == 0, result.stdout
    report = json.loads(result.stdout)
    assert report["ok"] is True and report["errors"] == []
    assert report["topics"] >= 22 and report["sections"] >= 100


def test_validate_reports_file_line_and_exits_1(tmp_path):
    bad = tmp_path / "pack"
    (bad / "topics").mkdir(parents=True)
    (bad / "topics" / "broken.yaml").write_text("id: broken\ntitle: [oops\n")
    result = run("validate", str(bad))
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(str(bad / "topics" / "broken.yaml") + ":")
    assert ": YAML syntax error" in first
    report = json.loads(run("validate", str(bad), "--json").stdout)
    assert report["ok"] is False
    assert report["errors"][0]["line"] >= 2


def test_content_pack_adds_topics():
    report = json.loads(run("validate", "--json", "--content", str(PACK)).stdout)
    bundled = json.loads(run("validate", "--json").stdout)
    assert report["topics"] == bundled["topics"] + 2
    assert report["questions"] == bundled["questions"] + 3


def test_calc_rcu_plain_and_json():
    result = run("calc", "rcu", "--item-kb", "6", "--per-second", "10")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "10 RCU" and "6 KB rounds up to 8 KB" in lines[1]
    data = json.loads(run("calc", "rcu", "--item-kb", "10", "--per-second", "1",
                          "--json").stdout)
    assert data["result"] == 2 and data["exact"] == 1.5 and data["unit"] == "RCU"
    assert isinstance(data["steps"], list) and data["inputs"]["item_bytes"] == 10240


def test_calc_every_calculator_json():
    cases = {
        ("wcu", "--item-kb", "3", "--per-second", "1", "--transactional"): ("WCU", 6),
        ("ec2", "--instance-type", "t2.small", "--duration", "1mo"): ("USD", 16.79),
        ("lambda", "--requests", "60000000", "--duration-ms", "28", "--memory-mb", "1024",
         "--no-free-tier"): ("USD", 40.0),
        ("dynamodb-cost", "--writes-per-day", "1000000", "--storage-gb", "28"): ("USD", None),
    }
    for args, (unit, value) in cases.items():
        data = json.loads(run("calc", *args, "--json").stdout)
        assert data["unit"] == unit
        if value is not None:
            assert abs(data["result"] - value) < 1e-3, (args, data["result"])
    ec2 = json.loads(run("calc", "ec2", "--hourly-price", "0.023", "--duration", "6s",
                         "--json").stdout)
    assert ec2["billed_seconds"] == 60
    lam = json.loads(run("calc", "lambda", "--requests", "1", "--duration-ms", "27.55",
                         "--memory-mb", "128", "--json").stdout)
    assert {"request_cost", "gb_seconds", "duration_cost"} <= set(lam)


def test_calc_bad_input_exits_2_without_traceback():
    result = run("calc", "wcu", "--item-kb", "500", "--per-second", "1")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "studytui calc: item-kb: '500' is not valid; expected a number more than 0 and "
        "at most 400 KB"]
    assert "Traceback" not in result.stderr
    assert run("calc", "lambda", "--requests", "x", "--duration-ms", "1",
               "--memory-mb", "128").returncode == 2


def run_input(args: list[str], stdin: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "studytui", *args], input=stdin,
                          capture_output=True, text=True, env=os.environ.copy(), timeout=120)


def test_plain_quiz_through_stdin_logs_every_attempt():
    # three answers (one invalid letter retried), one skip, then end of input; the
    # quiz is the pack's three single-choice questions and two of the bundled IAM ones
    result = run_input(["quiz", "--plain", "--count", "5", "--seed", "4", "--topic", "alpha",
                        "--topic", "beta", "--content", str(PACK)], "A\nZ\nB\n\nC\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.count("Question ") == 3 and "Question 3 of 3" in out
    assert "Please answer with letters" in out and "Skipped." in out
    assert out.count("Right.") + out.count("Wrong. The answer is") == 2
    assert "Score: " in out and "1 skipped" in out
    stats = json.loads(run("stats", "--json").stdout)
    assert stats["attempts"] == 2
    again = run_input(["quiz", "--plain", "--count", "5", "--seed", "4", "--topic", "alpha",
                       "--topic", "beta", "--content", str(PACK)], "")
    assert again.stdout.split("Answer")[0] == out.split("Answer")[0]  # same seed, same quiz
    csv_text = run("export", "--format", "csv").stdout.splitlines()
    assert len(csv_text) == 3 and csv_text[0].startswith("at,question")


def test_quiz_bad_filters_exit_2():
    result = run("quiz", "--plain", "--topic", "nope")
    assert result.returncode == 2 and "unknown topic nope" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_to_file(tmp_path):
    target = tmp_path / "out.json"
    assert run("export", "--format", "json", "--output", str(target)).returncode == 0
    assert json.loads(target.read_text()) == []


def test_only_folder_options_take_the_quick_path_to_the_app():
    from studytui.commands import app_options

    assert vars(app_options([])) == {"data_dir": None, "content": []}
    chosen = app_options(["--data-dir", "d", "--content", "c", "--content=e", "--data-dir=f"])
    assert vars(chosen) == {"data_dir": "f", "content": ["c", "e"]}  # as argparse reads them
    assert app_options(["--data-dir"]) is None  # argparse must report the missing value
    assert app_options(["--data-dir", "--content", "c"]) is None  # and this one
    assert app_options(["--help"]) is None and app_options(["--version"]) is None
    assert app_options(["--content", "c", "validate"]) is None
    assert app_options(["--data"]) is None  # an abbreviation: argparse's to expand


def test_the_everyday_launch_never_imports_argparse(tmp_path, monkeypatch):
    import subprocess
    import sys

    probe = ("import sys\n"
             "import studytui.commands.run as run\n"
             "run.run_app = lambda args, start_pane=None: print(args.data_dir, "
             "'argparse' in sys.modules) or 0\n"
             "from studytui.commands import main\n"
             "raise SystemExit(main(['--data-dir', 'somewhere']))\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["somewhere", "False"]
