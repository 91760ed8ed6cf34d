"""Memo pages (HTML and PDF), by OCD id or by a selection of flags; names carry no namespace."""

from django.urls import URLPattern, path, register_converter

from tracker.web import memo


class OcdIdConverter:
    """An OCD division id: slashes and colons included, e.g. ocd-division/country:us/state:ma/place:boston."""

    regex = r"ocd-division/country:us(?:/[a-z_]+:[^/:\s]+)*"

    def to_python(self, value: str) -> str:
        """As is."""
        return value

    def to_url(self, value: str) -> str:
        """As is; Django quotes what needs quoting."""
        return value


register_converter(OcdIdConverter, "memo_ocd_id")

urlpatterns: list[URLPattern] = [
    path("memo/flags/", memo.flags_memo, name="memo-flags"),
    path("memo/flags.pdf", memo.flags_memo_pdf, name="memo-flags-pdf"),
    path("memo/<memo_ocd_id:ocd_id>/", memo.jurisdiction_memo, name="memo-jurisdiction"),
    path("memo/<memo_ocd_id:ocd_id>.pdf", memo.jurisdiction_memo_pdf, name="memo-jurisdiction-pdf"),
]
