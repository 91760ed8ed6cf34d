"""Memo pages (HTML and PDF)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
