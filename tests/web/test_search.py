"""One box over jurisdictions, agencies, instruments and flags."""

from __future__ import annotations

from django.test import Client

from tests.api.builders import World


def test_search_finds_a_city_by_name_and_links_its_dossier(client: Client, world: World) -> None:
    response = client.get("/search/", {"q": "synthetic city"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="/j/{world.city.ocd_id}/">Synthetic City</a>' in html


def test_search_finds_a_jurisdiction_by_ocd_id(client: Client, world: World) -> None:
    html = client.get("/search/", {"q": "state:zq/county:synthetic"}).content.decode()
    assert f'href="/j/{world.county.ocd_id}/"' in html


def test_search_finds_agencies_and_links_them_in_their_home_dossier(client: Client, world: World) -> None:
    html = client.get("/search/", {"q": "sheriff"}).content.decode()
    sheriff = world.objects["sheriff"]
    assert f'href="/j/{world.county.ocd_id}/#agency-{sheriff.pk}"' in html


def test_search_reads_an_instruments_full_text(client: Client, world: World) -> None:
    html = client.get("/search/", {"q": "department shall use"}).content.decode()
    assert "Synthetic face-recognition ban ordinance" in html


def test_search_finds_flags_by_rule_id(client: Client, world: World) -> None:
    html = client.get("/search/", {"q": "FR-FED-001"}).content.decode()
    assert f'href="/flags/{world.objects["flag"].pk}/"' in html


def test_empty_search_shows_the_form_only(client: Client, world: World) -> None:
    html = client.get("/search/").content.decode()
    assert '<label for="search-q">' in html and "<h2>Jurisdictions</h2>" not in html


def _synthetic_states():  # type: ignore[no-untyped-def]
    from tests.factories.places import AgencyFactory, PlaceFactory, StateFactory

    alpha = StateFactory(name="Synthetic Alpha", postal_code="QA", ocd_id="ocd-division/country:us/state:qa")
    beta = StateFactory(name="Synthetic Beta", postal_code="QB", ocd_id="ocd-division/country:us/state:qb")
    in_alpha = PlaceFactory(state=alpha, name="Synthetic Springfield city")
    in_beta = PlaceFactory(state=beta, name="Synthetic Springfield city", population=900000)
    AgencyFactory(home=in_alpha, name="Synthetic County Sheriff\u2019s Office")
    AgencyFactory(home=in_beta, name="Synthetic County Sheriff's Office")
    return alpha, beta, in_alpha, in_beta


def test_a_state_code_after_a_comma_narrows_the_places(client: Client, db) -> None:  # type: ignore[no-untyped-def]
    _, _, in_alpha, in_beta = _synthetic_states()
    html = client.get("/search/", {"q": "Synthetic Springfield, QA"}).content.decode()
    assert in_alpha.ocd_id in html and in_beta.ocd_id not in html
    assert "In <strong>Synthetic Alpha</strong>" in html


def test_a_full_state_name_after_other_words_is_a_filter(client: Client, db) -> None:  # type: ignore[no-untyped-def]
    _synthetic_states()
    html = client.get("/search/", {"q": "sheriff synthetic beta"}).content.decode()
    assert "Synthetic County Sheriff&#x27;s Office" in html
    assert "Sheriff\u2019s Office" not in html


def test_curly_and_straight_apostrophes_find_the_same_agencies(client: Client, db) -> None:  # type: ignore[no-untyped-def]
    _synthetic_states()
    for q in ("county sheriff\u2019s", "county sheriff's", "COUNTY SHERIFFS"):
        html = client.get("/search/", {"q": q, "kind": "agencies"}).content.decode()
        assert "Agencies <span class=\"muted small\">(2)</span>" in html, q


def test_a_misspelt_state_gets_a_did_you_mean(client: Client, db) -> None:  # type: ignore[no-untyped-def]
    _synthetic_states()
    html = client.get("/search/", {"q": "Synthetc Alpah"}).content.decode()
    assert "Did you mean" in html and "Synthetic Alpha</a>?" in html


def test_an_exact_name_with_law_ranks_before_a_bigger_namesake(client: Client, db) -> None:  # type: ignore[no-untyped-def]
    from tests.factories.laws import InstrumentFactory

    _, _, in_alpha, in_beta = _synthetic_states()
    InstrumentFactory(jurisdiction=in_alpha)
    html = client.get("/search/", {"q": "Synthetic Springfield"}).content.decode()
    assert html.index(in_alpha.ocd_id) < html.index(in_beta.ocd_id)


def test_each_kind_pages_through_all_its_results(client: Client, db) -> None:  # type: ignore[no-untyped-def]
    from tests.factories.places import AgencyFactory

    for n in range(30):
        AgencyFactory(name=f"Synthetic Paged Police Department {n:02d}")
    first = client.get("/search/", {"q": "synthetic paged"}).content.decode()
    assert "All 30 agencies" in first
    second = client.get("/search/", {"q": "synthetic paged", "kind": "agencies", "page": 2}).content.decode()
    assert "Page 2 of 2" in second and "Department 29" in second and "Department 00" not in second
    past_the_end = client.get("/search/", {"q": "synthetic paged", "kind": "agencies", "page": 9}).content.decode()
    assert "Page 2 of 2" in past_the_end and "Department 29" in past_the_end
    not_a_number = client.get("/search/", {"q": "synthetic paged", "kind": "agencies", "page": "x"}).content.decode()
    assert "Page 1 of 2" in not_a_number and "Department 00" in not_a_number


def test_each_kind_is_ranked_and_counted_in_one_query(client: Client, world: World, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    # The states (for a state named in the words), then per kind one query ranking ids, its total riding on its rows,
    # and one reading the page's rows by id; and the homes of the agencies and the agencies of the flags found.
    with django_assert_num_queries(11):
        html = client.get("/search/", {"q": "synthetic"}).content.decode()
    assert '<span class="muted small">(0)</span>' not in html.split('id="h-jurisdictions"', 1)[1].split("</h2>")[0]


def test_on_the_real_register_a_typo_and_a_city_name_find_what_a_person_meant(client: Client, db) -> None:  # type: ignore[no-untyped-def]
    from tracker.common.seeding import seed_all

    seed_all()
    typo = client.get("/search/", {"q": "Marylnd"}).content.decode()
    assert "Did you mean" in typo and ">Maryland</a>?" in typo
    boston = client.get("/search/", {"q": "Boston"}).content.decode()
    places = boston.split('id="h-jurisdictions"', 1)[1]
    assert places.index("ocd-division/country:us/state:ma/place:boston") < places.index("</ul>")
    first = places.split("<li>", 2)[1]
    assert "state:ma/place:boston" in first
