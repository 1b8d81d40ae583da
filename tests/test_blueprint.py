"""The exam blueprint (content/blueprint.yaml): the guide's in-scope services, checked."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from studytui.bank import load_bank
from studytui.commands import main
from studytui.content.services import (
    BLUEPRINT_FILE,
    bundled_blueprint,
    load_services,
    read_blueprint,
    resolve,
)
from studytui.locations import bundled_content_dir, content_dirs
from tests.conftest import PACK
from tests.test_cli import run

# The DVA-C02 guide's appendix, as /work/shared/reference/aws-facts.md lists it.
GUIDE = {
    "Analytics": ["Athena", "Kinesis", "OpenSearch Service"],
    "Application integration": ["AppSync", "EventBridge", "SNS", "SQS", "Step Functions"],
    "Compute": ["EC2", "Elastic Beanstalk", "Lambda", "SAM"],
    "Containers": ["Copilot", "ECR", "ECS", "EKS"],
    "Database": ["Aurora", "DynamoDB", "ElastiCache", "MemoryDB", "RDS"],
    "Developer tools": ["Amplify", "Cloud9", "CloudShell", "CodeArtifact", "CodeBuild",
                        "CodeCommit", "CodeDeploy", "CodeGuru", "CodePipeline", "CodeStar",
                        "Q Developer", "X-Ray"],
    "Management and governance": ["AppConfig", "CDK", "CloudFormation", "CloudTrail",
                                  "CloudWatch", "CloudWatch Logs", "CLI", "Systems Manager"],
    "Networking and content delivery": ["API Gateway", "CloudFront", "ELB", "Route 53",
                                        "VPC"],
    "Security, identity and compliance": ["ACM", "ACM Private CA", "Cognito", "IAM", "KMS",
                                          "Secrets Manager", "STS", "WAF"],
    "Storage": ["EBS", "EFS", "S3", "S3 Glacier"],
}


@pytest.fixture(scope="module")
def bundled():
    return load_bank(content_dirs())


def test_the_bundled_blueprint_validates(bundled):
    blueprint, problems = read_blueprint(bundled_blueprint())
    assert problems == [] and blueprint is not None
    services, problems = resolve(blueprint, bundled)
    assert problems == []
    summary = services.summary()
    assert summary["missing"] == []
    assert summary["in_scope"] == sum(len(v) for v in GUIDE.values()) == 58
    assert sorted(summary["retired"]) == ["AWS Cloud9", "AWS CodeStar"]
    for area in services.areas:
        assert area.covered, area.name  # even the retired two are taught (what replaced them)
        assert area.service.retired is None or "2024" in area.service.retired


def test_the_bundled_blueprint_lists_the_guide_by_category():
    blueprint, _ = read_blueprint(bundled_blueprint())
    assert blueprint is not None
    by_category: dict[str, list[str]] = {}
    for service in blueprint.services:
        by_category.setdefault(service.category, []).append(service.name)
    assert set(by_category) == set(GUIDE)
    for category, shorts in GUIDE.items():
        names = by_category[category]
        assert len(names) == len(shorts), category
        for short in shorts:
            assert any(short in n for n in names), f"{short} not in {category}: {names}"
        for name in names:
            assert any(short in name for short in shorts), f"{name} is not in the guide"


def test_a_section_narrows_a_service_to_part_of_a_topic(bundled):
    services, _ = load_services(bundled)
    assert services is not None
    xray = next(q for q in bundled.questions if q.section_id == "cloudwatch-xray-concepts")
    assert services.services_of(xray) == ["AWS X-Ray"]
    assert services.area_of(xray) == "service:AWS X-Ray"
    iam = next(q for q in bundled.questions if q.topic_id == "iam")
    assert services.services_of(iam) == ["AWS IAM"] and services.area_of(iam) == "topic:iam"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / BLUEPRINT_FILE
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_topic_is_reported_with_file_and_line(tmp_path, pack_library):
    path = write(tmp_path, """\
services:
  - name: Alpha service
    topics: [alpha]
  - name: Ghost service
    topics:
      - alpha
      - ghost
    sections: [alpha-nope]
  - name: Typo service
    topics: [alpha]
    sections: [alpha-basics, alpha-nope]
""")
    blueprint, problems = read_blueprint(path)
    assert problems == [] and blueprint is not None
    services, problems = resolve(blueprint, pack_library)
    # the section of a topic that did not load is not reported twice
    assert [(p.file, p.line) for p in problems] == [(str(path), 7), (str(path), 11)]
    assert f"{path}:7: Ghost service: no topic 'ghost' loaded" == str(problems[0])
    assert f"{path}:11: Typo service: no section 'alpha-nope' loaded" == str(problems[1])
    assert services.summary()["missing"] == []  # alpha loaded: all are taught


def test_bad_entries_are_reported_and_the_rest_kept(tmp_path, pack_library):
    path = write(tmp_path, """\
exam: DVA-C02
colour: blue
services:
  - name: Alpha service
    topics: [alpha]
    sections: [beta-one]
  - name: Nothing
  - just a string
  - name: Alpha service
    topics: [alpha]
  - name: Old service
    retired: true
  - name: Gone
    retired: discontinued in 2024
""")
    blueprint, problems = read_blueprint(path)
    assert blueprint is not None
    lines = {p.line: p.message for p in problems}
    assert "unknown key 'colour'" in lines[2]
    assert "lists no topics and is not marked retired" in lines[7]
    assert "a mapping" in lines[8]
    assert "listed twice" in lines[9]
    assert "gives the reason as text" in lines[12]
    services, more = resolve(blueprint, pack_library)
    # beta-one is a section of beta, a topic this service does not list
    assert [(p.line, p.message) for p in more] == [
        (6, "Alpha service: section 'beta-one' is in topic 'beta', which this service "
            "does not list")]
    summary = services.summary()
    assert summary["in_scope"] == 4
    assert summary["missing"] == ["Nothing"]
    assert summary["retired"] == ["Old service", "Gone"]


@pytest.mark.parametrize("text, line", [
    ("services:\n  - name: A\n    topics: [a\n", 4),  # YAML syntax error
    ("- just\n- a list\n", 1),
    ("services: []\n", 1),
    ("services:\n  - &x {name: A}\n  - *x\n", 3),  # aliases are refused
])
def test_a_broken_blueprint_never_raises(tmp_path, pack_library, text, line):
    path = write(tmp_path, text)
    services, problems = load_services(pack_library, path)
    assert services is None
    assert [p.file for p in problems] == [str(path)] and problems[0].line == line


def test_validate_reports_a_bad_bundled_blueprint(tmp_path, monkeypatch, capsys):
    import studytui.content.services as services_module

    path = write(tmp_path, "services:\n  - name: A\n    topics: [no-such-topic]\n")
    monkeypatch.setattr(services_module, "bundled_blueprint", lambda: path)
    assert main(["validate", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert report["services"] == {"in_scope": 1, "covered": 0, "missing": ["A"],
                                  "retired": []}
    assert {"file": str(path), "line": 3,
            "message": "A: no topic 'no-such-topic' loaded"} in report["errors"]
    write(tmp_path, "services: [\n")
    assert main(["validate"]) == 1
    captured = capsys.readouterr()
    assert f"{path}:2: YAML syntax error" in captured.out
    assert "unexpected error" not in captured.err.lower()


def test_a_pack_blueprint_is_reported_not_read(tmp_path, capsys):
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    (pack / BLUEPRINT_FILE).write_text("services: []\n", encoding="utf-8")
    assert main(["validate", "--json", str(pack)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == [{"file": str(pack / BLUEPRINT_FILE), "line": 0,
                                 "message": "not read: only the bundled content has a "
                                            "blueprint; a pack adds topics and questions"}]
    assert report["services"]["missing"] == []  # the bundled blueprint still applies


def test_validate_json_has_services():
    result = run("validate", "--json")
    assert result.returncode == 0, result.stdout
    services = json.loads(result.stdout)["services"]
    assert services["in_scope"] == 58 and services["covered"] == 58
    assert services["missing"] == []
    assert (bundled_content_dir() / BLUEPRINT_FILE).is_file()
    text = run("validate").stdout
    assert "blueprint: 58 of 58 in-scope services taught" in text


def test_a_looping_or_bundled_pack_folder_is_no_blueprint_problem(tmp_path):
    from studytui.content.services import pack_blueprints

    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    assert pack_blueprints([loop, bundled_content_dir(), tmp_path / "absent"]) == []
