"""README.md gives exactly two commands, and CI runs the test one verbatim."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def shell_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", README, flags=re.S)


def test_readme_sets_up_and_runs_trellis_and_its_tests_in_one_command_each():
    run, test = shell_blocks()[:2]

    assert run.strip().endswith("trellis run") and "pip install" in run
    assert test.strip().endswith("pytest") and "pip install" in test


def test_ci_runs_the_readmes_test_command():
    test = shell_blocks()[1].strip()

    assert test in (ROOT / ".ci" / "run").read_text()
