"""The rule registry, modelled on Django's system-checks registry.

A rule is a pure function `(Snapshot) -> Iterable[Finding]` registered under a stable id.
Registration validates the declaration; a duplicate id raises; the registry is frozen once the
app is ready so no rule can appear behind the engine's back.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tracker.conflicts.choices import RuleStatus, Severity

if TYPE_CHECKING:
    from tracker.conflicts.facts import Finding
    from tracker.conflicts.snapshot import Snapshot

RuleFunc = Callable[["Snapshot"], Iterable["Finding"]]

#: Documented id families (docs/rules.md); an id outside them is a warning (conflicts.W001).
FAMILIES = ("FR", "CCOPS", "IMM", "RET", "STATE", "PEND", "SUNSET", "SANC", "PRE", "SHARE")
RULE_ID_RE = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)?-\d{3}$")


class RegistryError(Exception):
    """A rule declaration is invalid, duplicated, or arrives after the registry froze."""


@dataclass(frozen=True)
class Rule:
    """A registered rule and the texts shown on its flags."""

    id: str
    title: str
    severity: Severity
    legal_basis: str
    question: str
    since: str
    status: RuleStatus
    func: RuleFunc
    remedies: tuple[str, ...] = ()

    @property
    def family(self) -> str:
        """The id's first segment (FR, CCOPS…)."""
        return self.id.split("-", 1)[0]

    def __call__(self, snap: Snapshot) -> Iterator[Finding]:
        """Run the rule over a snapshot; each finding carries this rule's id (the rule states it only here)."""
        for item in self.func(snap):
            yield replace(item, rule_id=self.id)


class RuleRegistry:
    """Rules by id; validated on registration, frozen after app loading."""

    def __init__(self, *, validate: bool = True) -> None:
        self._rules: dict[str, Rule] = {}
        self._frozen = False
        self._validate = validate

    def register(self, rule: Rule) -> Rule:
        """Add a rule; raise on a duplicate id, an invalid declaration or a frozen registry."""
        if self._frozen:
            raise RegistryError(f"Rule {rule.id} registered after the registry was frozen.")
        if rule.id in self._rules:
            raise RegistryError(f"Duplicate rule id {rule.id}.")
        if self._validate:
            validate_rule(rule)
        self._rules[rule.id] = rule
        return rule

    def freeze(self) -> None:
        """Refuse further registrations."""
        self._frozen = True

    @property
    def frozen(self) -> bool:
        """Whether registrations are refused."""
        return self._frozen

    def get(self, rule_id: str) -> Rule:
        """The rule with this id (KeyError if unknown)."""
        return self._rules[rule_id]

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self._rules.values(), key=lambda r: r.id))

    def __len__(self) -> int:
        return len(self._rules)

    def selected(self, rule_ids: Iterable[str] | None = None) -> list[Rule]:
        """Rules to run: the named ones (any status), else every active rule."""
        if rule_ids is None:
            return [r for r in self if r.status == RuleStatus.ACTIVE]
        unknown = sorted(set(rule_ids) - set(self._rules))
        if unknown:
            raise KeyError(f"Unknown rule id(s): {', '.join(unknown)}")
        return [self._rules[i] for i in sorted(set(rule_ids))]


def validate_rule(rule: Rule) -> None:
    """Raise RegistryError unless the rule has a well-formed id, texts and a one-argument function."""
    if not RULE_ID_RE.match(rule.id):
        raise RegistryError(f"Rule id {rule.id!r} is not of the form FAMILY-SUBJECT-NNN.")
    if not rule.legal_basis.strip() or not rule.question.strip() or not rule.title.strip():
        raise RegistryError(f"Rule {rule.id} needs a title, a legal basis and a question.")
    params = list(inspect.signature(rule.func).parameters.values())
    if len(params) != 1 or params[0].kind not in (params[0].POSITIONAL_ONLY, params[0].POSITIONAL_OR_KEYWORD):
        raise RegistryError(f"Rule {rule.id} must take exactly one positional argument, the snapshot.")


registry = RuleRegistry()


def rule(
    *,
    id: str,
    title: str,
    severity: Severity,
    legal_basis: str,
    question: str,
    since: str,
    status: RuleStatus = RuleStatus.ACTIVE,
    remedies: tuple[str, ...] = (),
    registry: RuleRegistry = registry,
) -> Callable[[RuleFunc], Rule]:
    """Register the decorated function as a rule."""

    def decorator(func: RuleFunc) -> Rule:
        return registry.register(
            Rule(
                id=id,
                title=title,
                severity=severity,
                legal_basis=legal_basis,
                question=question,
                since=since,
                status=status,
                func=func,
                remedies=remedies,
            )
        )

    return decorator
