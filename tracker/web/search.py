"""The search box's read model: forgiving queries over places, agencies, laws and flags.

A query is folded (case, accents' compatibility forms, curly apostrophes, punctuation), a state named in
it ("Springfield, MA", "sheriff Montana", "Portland OR") becomes a filter, the other words must all
appear, and when nothing matches, the closest state or name is offered as "did you mean". Places rank
exact names first, then those with law or flags, then by population. Each kind pages on its own.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import Lower

from tracker.common.ids import parse_id
from tracker.conflicts.choices import OPEN_STATUSES
from tracker.conflicts.models import Flag
from tracker.laws.models import Instrument
from tracker.places.choices import JurisdictionKind
from tracker.places.models import Agency, Jurisdiction

KINDS = ("jurisdictions", "agencies", "instruments", "flags")
PAGE_SIZE = 25
#: Words the Census puts after a place's name ("Boston city"): a search for "Boston" is an exact match.
NAME_SUFFIXES = ("city", "town", "village", "borough", "township", "cdp", "municipality", "county", "parish",
                 "borough and city", "city and borough")
KIND_RANK = {JurisdictionKind.STATE: 0, JurisdictionKind.DISTRICT: 0, JurisdictionKind.CONSOLIDATED: 1,
             JurisdictionKind.PLACE: 2, JurisdictionKind.COUNTY: 3}
_APOSTROPHES = dict.fromkeys(map(ord, "\u2018\u2019\u02bc\u0060\u00b4\u2032"), "'")
_SPLIT = re.compile(r"[^\w'\-:/]+")


def fold(text: str) -> str:
    """Lower case, compatibility forms, straight apostrophes, runs of punctuation and space as one space."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower()
    return " ".join(_SPLIT.split(text)).strip()


@dataclass(frozen=True)
class SearchQuery:
    """What the box was asked: the words to match, a state the words named, and a suggestion."""

    raw: str
    words: tuple[str, ...]
    state: Jurisdiction | None = None
    suggestion: str = ""

    @property
    def phrase(self) -> str:
        """The words without the state, as one phrase."""
        return " ".join(self.words)


def _states() -> list[Jurisdiction]:
    return list(Jurisdiction.objects.states().exclude(kind=JurisdictionKind.TERRITORY))


def _state_at_end(raw: str, words: list[str], states: list[Jurisdiction]) -> tuple[Jurisdiction | None, int]:
    """A state named by the last words after others: its full name, or its code after a comma or in capitals
    ("Springfield, MA", "Portland OR"; "Springfield ma" is left alone, as "in" or "or" would be)."""
    by_name = {fold(s.name): s for s in states}
    for size in (3, 2, 1):
        if len(words) > size and " ".join(words[-size:]) in by_name:
            return by_name[" ".join(words[-size:])], size
    tail = raw.rstrip()
    if len(words) > 1 and len(words[-1]) == 2 and (re.search(r",\s*\w\w$", tail) or tail[-2:].isupper()):
        return next((s for s in states if s.postal_code == words[-1].upper()), None), 1
    return None, 0


def parse_query(raw: str) -> SearchQuery:
    """Fold the query and pull out a state named at its end or as its only words."""
    folded = fold(raw)
    words = folded.split()
    states = _states()
    whole = {fold(s.name): s for s in states}.get(folded)
    if whole is not None:
        return SearchQuery(raw, tuple(words), state=None)
    state, size = _state_at_end(raw, words, states)
    if state is not None:
        return SearchQuery(raw, tuple(words[:-size]), state=state)
    return SearchQuery(raw, tuple(words))


def _word_in(field_name: str, word: str) -> Q:
    """One word somewhere in the field, whatever the apostrophes: "o'fallon" matches O’Fallon (its parts),
    "sheriffs" matches Sheriff's and Sheriff’s."""
    if "'" in word:
        q = Q()
        for part in filter(None, word.split("'")):
            q &= Q(**{f"{field_name}__icontains": part})
        return q
    q = Q(**{f"{field_name}__icontains": word})
    if len(word) > 3 and word.endswith("s"):
        for apostrophe in ("'", "\u2019"):
            q |= Q(**{f"{field_name}__icontains": f"{word[:-1]}{apostrophe}s"})
    return q


def _words_in(field_name: str, words: tuple[str, ...]) -> Q:
    """Every word somewhere in the field."""
    q = Q()
    for word in words:
        q &= _word_in(field_name, word)
    return q


@dataclass
class SearchResults:
    """Each kind's first page (or the one asked for), with totals and a suggestion."""

    query: SearchQuery
    pages: dict[str, Page] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """Results of every kind."""
        return sum(p.paginator.count for p in self.pages.values())


def _jurisdictions(query: SearchQuery) -> QuerySet[Jurisdiction]:
    match = _words_in("name", query.words)
    if len(query.raw.split()) == 1:  # an OCD id is one word: a query of several is not looked for among them
        match |= Q(ocd_id__icontains=query.raw.strip())
    rows = Jurisdiction.objects.filter(match).alias(folded_name=Lower("name"))
    if query.state is not None:
        rows = rows.filter(Q(state=query.state) | Q(pk=query.state.pk))
    exact = [query.phrase, *(f"{query.phrase} {suffix}" for suffix in NAME_SUFFIXES)] if query.words else []
    return rows.annotate(
        exact=Case(When(folded_name__in=exact, then=Value(True)), default=Value(False), output_field=BooleanField()),
        kind_rank=Case(*[When(kind=k, then=Value(v)) for k, v in KIND_RANK.items()], default=Value(9),
                       output_field=IntegerField()),
        has_law=Exists(Instrument.objects.filter(jurisdiction=OuterRef("pk"))),
        has_flags=Exists(Flag.objects.filter(jurisdiction=OuterRef("pk"), status__in=OPEN_STATUSES)),
    ).order_by("-exact", F("has_law").desc(), F("has_flags").desc(), "kind_rank",
               F("population").desc(nulls_last=True), "name", "ocd_id")


def _agencies(query: SearchQuery) -> QuerySet[Agency]:
    rows = Agency.objects.filter(_words_in("name", query.words))
    if query.state is not None:
        rows = rows.filter(state=query.state)
    return rows.annotate(has_flags=Exists(Flag.objects.filter(agency=OuterRef("pk"), status__in=OPEN_STATUSES))
                         ).order_by(F("has_flags").desc(), "name", "id")


def _instruments(query: SearchQuery) -> QuerySet[Instrument]:
    rows = Instrument.objects.search(query.phrase) if query.words else Instrument.objects.all()
    if query.state is not None:
        rows = rows.filter(Q(jurisdiction=query.state) | Q(jurisdiction__state=query.state))
    return rows.order_by("jurisdiction__ocd_id", "citation")


def _flags(query: SearchQuery) -> QuerySet[Flag]:
    # Each branch is a query its own index serves, and their UNION the flags found: an OR of the branches,
    # even as subqueries, made PostgreSQL scan every flag.
    phrase = query.phrase
    branches = [
        Flag.objects.filter(rule_id=phrase.upper()),  # rule ids are upper case (the registry checks): the index serves
        Flag.objects.filter(_words_in("explanation", query.words)),
        Flag.objects.filter(jurisdiction__in=Jurisdiction.objects.filter(_words_in("name", query.words)).values("pk")),
        Flag.objects.filter(agency__in=Agency.objects.filter(_words_in("name", query.words)).values("pk")),
    ]
    flag_id = parse_id(phrase)
    if flag_id is not None:
        branches.append(Flag.objects.filter(pk=flag_id))
    first, *rest = [branch.order_by().values("pk") for branch in branches]
    rows = Flag.objects.filter(pk__in=first.union(*rest))
    if query.state is not None:
        rows = rows.filter(Q(jurisdiction=query.state) | Q(jurisdiction__state=query.state))
    return rows.order_by("-severity", "rule_id", "id")


FINDERS = {"jurisdictions": _jurisdictions, "agencies": _agencies, "instruments": _instruments, "flags": _flags}
#: What a page of each kind reads with its rows, by id (a flag's agency and an agency's home are read by the
#: page's ids: joined, PostgreSQL hashed every agency first).
SHAPES: dict[str, Callable[[], QuerySet[Any]]] = {
    "jurisdictions": lambda: Jurisdiction.objects.select_related("state"),
    "agencies": lambda: Agency.objects.select_related("state").prefetch_related("home"),
    "instruments": lambda: Instrument.objects.select_related("jurisdiction"),
    "flags": lambda: Flag.objects.select_related("jurisdiction").prefetch_related("agency"),
}


def suggestion_for(query: SearchQuery) -> str:
    """The closest state, place with law or flags, or agency with an agreement, to words that found nothing."""
    names = [s.name for s in _states()]
    names += list(Jurisdiction.objects.filter(Q(instruments__isnull=False) | Q(flags__isnull=False))
                  .values_list("name", flat=True).distinct()[:5000])
    names += list(Agency.objects.filter(partnerships__isnull=False).values_list("name", flat=True).distinct()[:5000])
    folded = {fold(n): n for n in names}
    close = difflib.get_close_matches(fold(query.raw), list(folded), n=1, cutoff=0.75)
    return folded[close[0]] if close else ""


def _ranked(rows: QuerySet[Any], number: int) -> list[dict[str, Any]]:
    """One page of the rows as ids with their ranks, each with the count of all as a window."""
    start = (number - 1) * PAGE_SIZE
    ranks = list(rows.query.annotation_select)
    return list(rows.annotate(found=Window(Count("pk"))).values("pk", "found", *ranks)[start:start + PAGE_SIZE])


def page_of(rows: QuerySet[Any], number: Any, shape: Callable[[], QuerySet[Any]]) -> Page:
    """One page of the ranked rows, read as `shape` gives them, with their total and their ranks as attributes.

    The search ranks ids only (no wide row is sorted or counted) and counts all with a window on the page's rows, so
    it is not run twice; a page past the end (counted) is the last, one not a number is the first, as the
    paginator's `get_page`.
    """
    paginator = Paginator(rows, PAGE_SIZE)
    try:
        number = max(int(number), 0)
    except (TypeError, ValueError):
        number = 1
    ranked = _ranked(rows, number) if number else []
    if ranked or number == 1:
        paginator.count = ranked[0]["found"] if ranked else 0
    else:
        number = paginator.num_pages
        ranked = _ranked(rows, number)
    by_pk = shape().in_bulk([rank["pk"] for rank in ranked])
    found = []
    for rank in ranked:
        if rank["pk"] in by_pk:  # unless deleted between the two reads
            row = by_pk[rank["pk"]]
            for name, value in rank.items():
                setattr(row, name, value)
            found.append(row)
    return Page(found, number, paginator)


def search(raw: str, *, kind: str = "", page: Any = 1) -> SearchResults:
    """Results of each kind (or only `kind`), a page each; a "did you mean" when nothing matched."""
    query = parse_query(raw)
    results = SearchResults(query)
    for name in (kind,) if kind in FINDERS else KINDS:
        results.pages[name] = page_of(FINDERS[name](query), page if kind else 1, SHAPES[name])
    if results.total == 0 and not kind:
        results.query = SearchQuery(query.raw, query.words, query.state, suggestion_for(query))
    return results
