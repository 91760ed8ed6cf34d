"""System checks over the rule registry: static, no database."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.core.checks import CheckMessage, Error, Warning

from tracker.conflicts.choices import RuleStatus
from tracker.conflicts.registry import FAMILIES, Rule, registry


def check_rules(app_configs: Any = None, rules: Iterable[Rule] | None = None, **kwargs: Any) -> list[CheckMessage]:
    """conflicts.E001 duplicate id, E002 missing legal basis or question, W001 id outside the documented families,
    W002 an active rule that does not say what would resolve its flags."""
    listed = list(rules if rules is not None else registry)
    messages: list[CheckMessage] = []
    for rule_id, count in Counter(r.id for r in listed).items():
        if count > 1:
            messages.append(Error(f"Rule id {rule_id} is registered {count} times.", id="conflicts.E001"))
    for rule in listed:
        if not rule.legal_basis.strip() or not rule.question.strip():
            messages.append(
                Error(
                    f"Rule {rule.id} lacks a legal basis or a question.",
                    hint="Every flag shows both; give the rule its legal basis and question.",
                    obj=rule.id,
                    id="conflicts.E002",
                )
            )
        if rule.status == RuleStatus.ACTIVE and not rule.remedies:
            messages.append(
                Warning(
                    f"Rule {rule.id} does not say what would resolve its flags.",
                    hint="Give the rule its remedies: each flag page shows them to reviewers and legislators.",
                    obj=rule.id,
                    id="conflicts.W002",
                )
            )
        if rule.family not in FAMILIES:
            messages.append(
                Warning(
                    f"Rule {rule.id} is outside the documented families ({', '.join(FAMILIES)}).",
                    hint="Add the family to docs/rules.md and registry.FAMILIES, or rename the rule.",
                    obj=rule.id,
                    id="conflicts.W001",
                )
            )
    return messages
