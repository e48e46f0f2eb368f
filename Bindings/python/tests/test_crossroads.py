"""Tests of the crossroads package, through the installed package and libCrossroadsC.so.

The golden reports are read from Reports/examples/ at test time (dated 2026-11-27, text at 80 columns),
so these tests hold when the examples are regenerated.
"""

from __future__ import annotations

import copy
import datetime
import os
import pickle
import re
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import crossroads

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "Reports" / "examples"
QUESTIONNAIRES = ROOT / "Questionnaires"
DATE = "2026-11-27"
NAMES = sorted(p.name[: -len(".answers.xml")] for p in EXAMPLES.glob("*.answers.xml"))


def answers(name: str) -> str:
    return (EXAMPLES / f"{name}.answers.xml").read_text(encoding="utf-8")


def golden(name: str, format: str) -> str:
    suffix = "txt" if format == "text" else "xml"
    return (EXAMPLES / f"{name}.report.{suffix}").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def assessment() -> crossroads.Assessment:
    return crossroads.Assessment.bundled()


MIXED = answers("mixed")


def test_there_are_examples() -> None:
    assert len(NAMES) >= 5


def test_version() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", crossroads.version())
    assert crossroads.ABI_VERSION == 1


@pytest.mark.parametrize("format", ["text", "xml"])
@pytest.mark.parametrize("name", NAMES)
def test_every_example_equals_its_golden_report(assessment: crossroads.Assessment, name: str, format: str) -> None:
    assert assessment.score(answers(name), format=format, width=80, date=DATE) == golden(name, format)


def test_defaults_are_text_at_80_columns(assessment: crossroads.Assessment) -> None:
    assert assessment.score(MIXED, date=DATE) == golden("mixed", "text")
    assert assessment.score(MIXED, width=0, date=DATE) == golden("mixed", "text")


def test_bytes_str_and_date_objects_give_the_same_report(assessment: crossroads.Assessment) -> None:
    expected = golden("mixed", "xml")
    assert assessment.score(MIXED.encode("utf-8"), format="xml", date=DATE) == expected
    assert assessment.score(bytearray(MIXED.encode("utf-8")), format="xml", date=DATE) == expected
    assert assessment.score(MIXED, format="xml", date=datetime.date(2026, 11, 27)) == expected


def test_width_wraps_the_text_report(assessment: crossroads.Assessment) -> None:
    narrow = assessment.score(MIXED, width=40, date=DATE).splitlines()
    wide = golden("mixed", "text").splitlines()
    assert len(narrow) > len(wide)
    assert sum(len(line) > 40 for line in narrow) < sum(len(line) > 40 for line in wide)


def test_no_date_means_today_in_utc(assessment: crossroads.Assessment) -> None:
    before = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    report = assessment.score(MIXED, format="xml")
    after = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    assert before in report or after in report


def test_bundled_by_id_and_an_unknown_id() -> None:
    with crossroads.Assessment.bundled("should-we-get-back-together") as named:
        assert named.score(MIXED, date=DATE) == golden("mixed", "text")
    with pytest.raises(crossroads.CrossroadsError) as raised:
        crossroads.Assessment.bundled("no-such-assessment")
    assert raised.value.status == 65
    assert "no-such-assessment" in raised.value.message
    assert raised.value.diagnostics[0].file is None
    assert raised.value.diagnostics[0].line is None


def broken_mixed() -> tuple[str, int]:
    """mixed.answers.xml with its second answer's item renamed, and that answer's line."""
    first = MIXED.index('<answer item="')
    second = MIXED.index('<answer item="', first + 1)
    line = MIXED.count("\n", 0, second) + 1
    at = second + len('<answer item="')
    return MIXED[:at] + "no-such." + MIXED[at:], line


def test_a_broken_answers_file_gives_a_located_error(assessment: crossroads.Assessment) -> None:
    broken, line = broken_mixed()
    with pytest.raises(crossroads.CrossroadsError) as raised:
        assessment.score(broken, date=DATE)
    error = raised.value
    assert error.status == 65
    assert len(error.diagnostics) == 1
    diagnostic = error.diagnostics[0]
    assert (diagnostic.file, diagnostic.line, diagnostic.severity) == ("<answers>", line, "error")
    assert isinstance(diagnostic.column, int) and diagnostic.column >= 1
    assert '"no-such.' in diagnostic.message
    assert str(diagnostic) == error.message
    assert str(error) == error.message


def test_every_problem_is_reported(assessment: crossroads.Assessment) -> None:
    broken, line = broken_mixed()
    lines = broken.split("\n")
    after = next(i for i in range(line + 1, len(lines)) if lines[i].strip() == "<value>no</value>")
    lines[after] = lines[after].replace("no", "maybe")  # not an option of a later yes/no question
    broken = "\n".join(lines)
    with pytest.raises(crossroads.CrossroadsError) as raised:
        assessment.score(broken, date=DATE)
    assert len(raised.value.diagnostics) == 2
    assert all(d.file == "<answers>" and d.line and d.column for d in raised.value.diagnostics)
    assert len(raised.value.message.split("\n")) == 2


@pytest.mark.parametrize(
    "document",
    [
        "",
        "not xml at all",
        MIXED[: len(MIXED) // 2],
        b"\xff\xfe<\x00a\x00",
        "\ud800",
        '<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY e "e">]>\n<a>&e;</a>',
        re.sub(r'(assessment="[^"]*" version=")[^"]*"', r'\g<1>9.0.0"', MIXED, count=1),
        MIXED + " " * (2 * 1024 * 1024),
    ],
    ids=["empty", "text", "cut", "binary", "surrogate", "doctype", "other-version", "too-large"],
)
def test_bad_answers_are_invalid_data(assessment: crossroads.Assessment, document: str | bytes) -> None:
    with pytest.raises(crossroads.CrossroadsError) as raised:
        assessment.score(document, date=DATE)
    assert raised.value.status == 65
    assert raised.value.diagnostics and raised.value.diagnostics[0].file == "<answers>"


@pytest.mark.parametrize(
    "arguments",
    [
        {"format": "no-such-format"},
        {"format": "TEXT"},
        {"format": ""},
        {"width": 19},
        {"width": 1001},
        {"width": -1},
        {"width": 2**40},
        {"date": "2026-02-29"},
        {"date": "2026-13-01"},
        {"date": "26-11-27"},
        {"date": "tomorrow"},
        {"date": ""},
    ],
)
def test_bad_arguments_are_usage_errors(assessment: crossroads.Assessment, arguments: dict) -> None:
    with pytest.raises(crossroads.CrossroadsError) as raised:
        assessment.score(MIXED, **{"date": DATE, **arguments})
    assert raised.value.status == 64
    assert raised.value.message.startswith("error: ")


@pytest.mark.parametrize(
    "arguments, exception",
    [
        ({"answers_xml": None}, TypeError),
        ({"answers_xml": 42}, TypeError),
        ({"format": None}, TypeError),
        ({"width": "80"}, TypeError),
        ({"width": True}, TypeError),
        ({"date": 20261127}, TypeError),
        ({"format": "te\0xt"}, ValueError),
        ({"date": "2026-11-27\0"}, ValueError),
    ],
)
def test_wrong_types_raise_python_errors(assessment: crossroads.Assessment, arguments: dict, exception: type) -> None:
    call = {"answers_xml": MIXED, "date": DATE, **arguments}
    with pytest.raises(exception):
        assessment.score(**call)


def shipped() -> tuple[str, list[str]]:
    assessment = (QUESTIONNAIRES / "should-we-get-back-together.xml").read_text(encoding="utf-8")
    includes = [
        p.read_text(encoding="utf-8")
        for p in sorted(QUESTIONNAIRES.glob("*.xml"))
        if p.name != "should-we-get-back-together.xml"
    ]
    return assessment, includes


def test_load_gives_the_same_reports_as_bundled(assessment: crossroads.Assessment) -> None:
    xml, includes = shipped()
    with crossroads.Assessment.load(xml, includes=includes) as loaded:
        assert loaded.score(MIXED, format="xml", date=DATE) == assessment.score(MIXED, format="xml", date=DATE)
    with crossroads.Assessment.load(xml.encode("utf-8")) as loaded:
        assert loaded.score(MIXED, date=DATE) == golden("mixed", "text")


def test_load_reports_located_problems() -> None:
    xml, includes = shipped()
    with pytest.raises(crossroads.CrossroadsError) as raised:
        crossroads.Assessment.load(xml[: len(xml) // 2])
    assert raised.value.status == 65
    assert raised.value.diagnostics[0].file == "<assessment>"
    assert raised.value.diagnostics[0].line is not None

    with pytest.raises(crossroads.CrossroadsError) as raised:
        crossroads.Assessment.load(xml, includes=[includes[0], includes[1][:100]])
    assert raised.value.status == 65
    assert raised.value.diagnostics[0].file == "<includes[1]>"

    with pytest.raises(crossroads.CrossroadsError) as raised:
        crossroads.Assessment.load(includes[0])  # a questionnaire, not an assessment
    assert raised.value.status == 65
    assert "questionnaire" in raised.value.message

    with pytest.raises(TypeError):
        crossroads.Assessment.load(xml, includes=[None])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        crossroads.Assessment.load(xml, includes=includes[0])  # one document, not a list


def test_an_assessment_is_made_only_by_bundled_or_load_and_never_copied(assessment: crossroads.Assessment) -> None:
    with pytest.raises(TypeError):
        crossroads.Assessment(12345)
    assert copy.copy(assessment) is assessment
    assert copy.deepcopy(assessment) is assessment
    with pytest.raises(TypeError):
        pickle.dumps(assessment)


def test_a_closed_assessment_cannot_score() -> None:
    assessment = crossroads.Assessment.bundled()
    assessment.close()
    assessment.close()
    with pytest.raises(ValueError):
        assessment.score(MIXED, date=DATE)


def test_eight_threads_scoring_at_once_equal_one_thread(assessment: crossroads.Assessment) -> None:
    jobs = [(name, format) for name in NAMES for format in ("text", "xml")]
    alone = {job: assessment.score(answers(job[0]), format=job[1], date=DATE) for job in jobs}
    start = threading.Barrier(8)

    def work(offset: int) -> dict:
        start.wait(timeout=60)  # all eight begin together
        mine = jobs[offset:] + jobs[:offset]
        return {job: assessment.score(answers(job[0]), format=job[1], date=DATE) for job in mine}

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(8)))
    assert len(results) == 8
    for result in results:
        assert result == alone


def run_python(code: str, **environment: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **environment}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, cwd=str(ROOT)
    )


def test_the_library_is_found_next_to_the_package_or_through_the_variable() -> None:
    code = "import crossroads, crossroads._native as n; crossroads.version(); print(n.loaded_path())"
    beside = run_python(code, CROSSROADS_LIBRARY="")
    assert beside.returncode == 0, beside.stderr
    library = beside.stdout.strip()
    assert Path(library).parent == Path(crossroads.__file__).resolve().parent

    named = run_python(code, CROSSROADS_LIBRARY=library)
    assert named.returncode == 0 and named.stdout.strip() == library

    missing = run_python(code, CROSSROADS_LIBRARY=str(ROOT / "no-such-library.so"))
    assert missing.returncode != 0
    assert "CROSSROADS_LIBRARY" in missing.stderr and "swift build --product CrossroadsC" in missing.stderr


def test_the_readme_command_prints_the_text_report() -> None:
    command = (
        "import crossroads; print(crossroads.Assessment.bundled().score("
        "open('Reports/examples/mixed.answers.xml').read(), date='2026-01-01'))"
    )
    run = run_python(command)
    assert run.returncode == 0, run.stderr
    expected = crossroads.Assessment.bundled().score(MIXED, format="text", width=80, date="2026-01-01")
    assert run.stdout == expected + "\n"
    assert "2026-01-01" in run.stdout
