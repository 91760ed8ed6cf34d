"""The rule registry, its system checks and the catalogue."""

from pathlib import Path

import pytest
from django.core.management import call_command

from tracker.conflicts.checks import check_rules
from tracker.conflicts.choices import RuleStatus, Severity
from tracker.conflicts.registry import RegistryError, Rule, RuleRegistry, registry, rule

ISSUE_RULES = {
    "FR-FED-001", "FR-DEP-001", "CCOPS-001", "IMM-001", "RET-001", "STATE-001", "STATE-002", "STATE-003",
    "PEND-001", "SUNSET-001", "FR-LIM-001", "STATE-004", "SHARE-001", "CCOPS-002",
}


def _rule(rule_id: str = "FR-TEST-001", **fields: object) -> Rule:
    values: dict[str, object] = {"id": rule_id, "title": "Synthetic", "severity": Severity.LOW,
                                 "legal_basis": "Synthetic basis", "question": "Synthetic?", "since": "0.1",
                                 "status": RuleStatus.ACTIVE, "func": lambda snap: [],
                                 "remedies": ("Synthetic remedy.",)}
    values.update(fields)
    return Rule(**values)  # type: ignore[arg-type]


def test_every_rule_of_the_issues_is_registered():
    assert ISSUE_RULES <= {r.id for r in registry}


def test_a_duplicate_rule_id_raises():
    local = RuleRegistry()
    local.register(_rule())
    with pytest.raises(RegistryError, match="Duplicate"):
        local.register(_rule())


def test_the_registry_is_frozen_once_apps_are_ready():
    with pytest.raises(RegistryError, match="frozen"):
        rule(id="FR-TEST-002", title="t", severity=Severity.LOW, legal_basis="b", question="q", since="0.1")(
            lambda snap: []
        )


def test_a_rule_without_a_question_is_refused():
    with pytest.raises(RegistryError, match="question"):
        RuleRegistry().register(_rule(question=" "))


def test_a_rule_taking_two_arguments_is_refused():
    with pytest.raises(RegistryError, match="one positional"):
        RuleRegistry().register(_rule(func=lambda snap, extra: []))


def test_draft_rules_do_not_run_unless_named():
    local = RuleRegistry()
    local.register(_rule("FR-TEST-001"))
    local.register(_rule("FR-TEST-002", status=RuleStatus.DRAFT))
    assert [r.id for r in local.selected()] == ["FR-TEST-001"]
    assert [r.id for r in local.selected(["FR-TEST-002"])] == ["FR-TEST-002"]


def test_checks_report_duplicates_missing_texts_and_unknown_families():
    rules = [_rule(), _rule(), _rule("ZZ-TEST-001", legal_basis="")]
    ids = sorted(m.id for m in check_rules(rules=rules))
    assert ids == ["conflicts.E001", "conflicts.E002", "conflicts.W001"]


def test_an_active_rule_without_remedies_is_warned_about():
    ids = [m.id for m in check_rules(rules=[_rule(remedies=()), _rule("FR-TEST-002", remedies=(), status=RuleStatus.DRAFT)])]
    assert ids == ["conflicts.W002"]


def test_the_registered_rules_pass_the_checks():
    assert check_rules() == []


def test_docs_rules_md_matches_the_catalogue(capsys):
    call_command("rules")
    printed = capsys.readouterr().out
    assert printed == (Path(__file__).resolve().parents[2] / "docs" / "rules.md").read_text()
    assert all(f"## {rule_id} " in printed for rule_id in ISSUE_RULES)


def test_each_finding_carries_the_id_of_the_rule_that_ran():
    from tests.conflicts.world import news_case

    case = news_case()
    case.world.partnership(case.police, case.world.tfm())
    findings = list(registry.get("FR-FED-001")(case.world.snapshot()))
    assert findings and {f.rule_id for f in findings} == {"FR-FED-001"}
