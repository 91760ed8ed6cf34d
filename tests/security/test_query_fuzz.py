"""No page of the web face answers 500, whatever its query string says.

Every URL pattern outside the API (which schemathesis fuzzes) and the admin is found from the URL
configuration, so a new page is covered without a line here. The parameters a page reads are found
by watching it read them: each request's query dict records the names a view, a form or a template
asks for. Every name seen is then sent hostile values, one name at a time, and mixes of names and
values are drawn by hypothesis; a value that opens a branch reading a new name gets that name fuzzed too.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from django.core.signals import got_request_exception
from django.http import QueryDict
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.urlmap import is_admin, leaves, path_for
from tests.security.world import CanaryWorld

pytestmark = pytest.mark.django_db

#: Sent to every parameter of every page alone, so a value a form accepts reaches the code behind it.
EXTREMES = [str(2**64), "²", "\x00", "x" * 3000, "0001-01-01", "9999-12-31"]
#: Drawn in mixes: numbers Python reads but ids do not, impossible dates, text that looks like syntax.
HOSTILE = [
    *EXTREMES,
    "",
    "-1",
    "' OR 1=1 --",
    " ",
    "0",
    "-0",
    "+1",
    "1.5",
    "1e309",
    "NaN",
    "inf",
    "0x1f",
    str(2**63),
    "-" + "9" * 40,
    "٣",
    "１２",
    "½",
    "a\x00b",
    "\t\n\r",
    "\u202e",
    "🙂",
    "İ",
    "2025-02-30",
    "2025-13-01",
    "0000-00-00",
    "10000-01-01",
    "-2025-01-01",
    "2025-1-1",
    "01/08/2025",
    "2025-08-01T00:00:00",
    "today",
    "1; DROP TABLE conflicts_flag",
    "%",
    "_",
    "\\",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "{{7*7}}",
    "1,2,3",
    ",,,",
    "-5,0",
    "ocd-division/country:us",
    "ocd-division/country:us/state:zq",
    "all",
    "open",
    "csv",
    "xlsx",
    "json",
    "-severity",
    "--agency",
    "1",
]
#: Mixes drawn per run (`make fuzz` draws more).
EXAMPLES = int(os.environ.get("PAGE_FUZZ_EXAMPLES", "100"))
#: Query strings written raw: bytes that are not UTF-8, array syntax, a repeated name, a bare name.
RAW = ["{k}=%FF%FE", "{k}[]=1", "{k}=1&{k}=2", "{k}"]
#: More raw forms, drawn in mixes.
MORE_RAW = [*RAW, "{k}=%C0%80", "{k}=%00", "{k}=&{k}=x", "{k}=="]


class _Recording(QueryDict):
    """A query dict that notes every name looked up in it."""

    seen: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        _Recording.seen.add(key)
        return super().__getitem__(key)

    def getlist(self, key: str, default: Any = None) -> Any:
        _Recording.seen.add(key)
        return super().getlist(key, default)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            _Recording.seen.add(key)
        return super().__contains__(key)


class Fuzzer:
    """A signed-in staff reviewer (who may open every page) requesting pages, noting names read and 500s."""

    def __init__(self, world: CanaryWorld) -> None:
        staff = world.users["admin"]
        staff.groups.add(*world.users["reviewer"].groups.all())
        self.client = Client()
        self.client.force_login(staff)
        self.failures: list[str] = []
        self.requests = 0
        self.pages = [
            path_for(world, leaf)
            for leaf in leaves()
            if not is_admin(leaf) and not leaf.name.startswith("api:") and not leaf.route.startswith("api/")
        ]

    def get(self, path: str, query: str) -> set[str]:
        """One GET through the whole middleware stack (without the test client's copies of every context);
        the names the page read that the query did not send."""
        errors: list[str] = []
        _Recording.seen = set()

        def note(sender: Any, request: Any = None, **kwargs: Any) -> None:
            errors.append(traceback.format_exc(limit=-3))

        got_request_exception.connect(note)
        try:
            environ = self.client._base_environ(PATH_INFO=path, QUERY_STRING=query, REQUEST_METHOD="GET")
            status = self.client.handler(environ).status_code
        finally:
            got_request_exception.disconnect(note)
        self.requests += 1
        if status >= 500:
            self.failures.append(f"{status} GET {path}?{query[:100]}\n{''.join(errors)}")
        return _Recording.seen - set(QueryDict(query))

    def names(self, path: str) -> set[str]:
        """What a page reads with no query and with an unrelated one (a form binds only to a non-empty query)."""
        return self.get(path, "") | self.get(path, "unrelated-name=1")


@pytest.fixture
def fuzzer(canary_world: CanaryWorld, monkeypatch: pytest.MonkeyPatch) -> Fuzzer:
    """Requests parse their query string into a recording dict."""
    monkeypatch.setattr("django.core.handlers.wsgi.QueryDict", _Recording)
    return Fuzzer(canary_world)


def alone(name: str) -> Iterator[str]:
    """The name with each extreme value, then in each raw form."""
    for value in EXTREMES:
        yield f"{quote(name)}={quote(value, safe='')}"
    for raw in RAW:
        yield raw.format(k=quote(name))


def test_the_recorder_sees_the_parameters_the_filters_read(fuzzer: Fuzzer) -> None:
    read = {path: fuzzer.names(path) for path in fuzzer.pages}
    assert {"state", "place", "rule", "severity", "status", "model", "as_of", "format", "sort"} <= read[
        "/tables/flags/"
    ]
    assert {"q", "kind"} <= read["/search/"]
    assert {"flags", "page"} <= read["/memo/flags/"]
    assert len(read) > 25 and sum(map(len, read.values())) > 30


def test_no_parameter_of_any_page_answers_500_to_an_extreme_value(fuzzer: Fuzzer) -> None:
    for path in fuzzer.pages:
        done: set[str] = set()
        todo = fuzzer.names(path)
        while todo - done:  # a value may open a branch that reads another name: fuzz that one too
            names = todo - done
            for name in sorted(names):
                for query in alone(name):
                    todo |= fuzzer.get(path, query)
            done |= names
    assert fuzzer.failures == []
    assert fuzzer.requests > 400


def test_no_mix_of_hostile_parameters_makes_a_page_answer_500(fuzzer: Fuzzer) -> None:
    read = {path: sorted(names) for path in fuzzer.pages if (names := fuzzer.names(path))}

    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def mix(data: st.DataObject) -> None:
        path = data.draw(st.sampled_from(sorted(read)), label="page")
        params = data.draw(
            st.lists(
                st.tuples(
                    st.sampled_from(read[path]),
                    st.sampled_from(HOSTILE) | st.text(st.characters(exclude_categories=("Cs",))),
                ),
                min_size=1,
                max_size=8,
            ),
            label="params",
        )
        raw = data.draw(st.lists(st.sampled_from(MORE_RAW), max_size=2), label="raw")
        query = "&".join(
            [*(f"{quote(k)}={quote(v, safe='')}" for k, v in params), *(r.format(k=quote(params[0][0])) for r in raw)]
        )
        fuzzer.get(path, query)
        assert fuzzer.failures == []

    mix()
