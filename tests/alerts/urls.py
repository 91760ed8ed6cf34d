"""The site's URLs with the memo and watch pages also mounted at the top level, without a namespace.

Memo and watch code reverses its names wherever they are mounted (tracker.alerts.links); tests run
against this configuration to prove the top-level mount, and test_mounting proves the site's own.
"""

from django.urls import include, path

from config.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("", include("tracker.web.memo_urls")),
    path("watch/", include("tracker.alerts.urls")),
    *site_urlpatterns,
]
