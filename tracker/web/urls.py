"""Pages for people, under the `web` namespace; memo and watch pages plug in here."""

from django.urls import include, path, register_converter

from tracker.api.views.places import OCD_ID_IN_PATH
from tracker.web.views import auth, collisions, dossier, flags, home, method, queue, reach, records, search, tables


class OcdIdConverter:
    """An OCD division id, slashes included (ocd-division/country:us/state:ma/place:boston)."""

    regex = OCD_ID_IN_PATH

    def to_python(self, value: str) -> str:
        """The id as written."""
        return value

    def to_url(self, value: str) -> str:
        """The id as written; its slashes and colons are legal in a path."""
        return value


register_converter(OcdIdConverter, "ocd")

app_name = "web"
urlpatterns = [
    path("", home.home, name="home"),
    path("map/<str:geoid>/", home.state, name="state"),
    path("search/", search.search, name="search"),
    path("j/<ocd:ocd_id>/", dossier.dossier, name="dossier"),
    path("flags/<int:pk>/", flags.flag_page, name="flag"),
    path("flags/<int:pk>/transition/", flags.flag_transition_view, name="flag-transition"),
    path("flags/<int:pk>/assign/", flags.flag_assign_view, name="flag-assign"),
    path("flags/<int:pk>/notes/", flags.flag_note_view, name="flag-note"),
    path("review/", queue.review_queue, name="queue"),
    path("collisions/", collisions.collisions, name="collisions"),
    path("tables/flags/", tables.flags_table, name="table-flags"),
    path("reach/", reach.reach, name="reach"),
    path("law/<slug:key>/", records.law, name="law"),
    path("agency/<int:pk>/", records.agency, name="agency"),
    path("method/", method.method, name="method"),
    path("tables/agreements/", tables.agreements_table, name="table-agreements"),
    path("login/", auth.SignInView.as_view(), name="login"),
    path("logout/", auth.SignOutView.as_view(), name="logout"),
    path("", include("tracker.web.memo_urls")),
    path("watch/", include("tracker.alerts.urls")),
]
