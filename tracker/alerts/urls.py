"""Watch pages (signed-in users), mounted under /watch/."""

from django.urls import path

from tracker.alerts import views

app_name = "alerts"
urlpatterns = [
    path("", views.watch_list, name="list"),
    path("add/", views.watch_create, name="add"),
    path("<int:pk>/remove/", views.watch_delete, name="remove"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
