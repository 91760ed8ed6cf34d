"""Serializers, one module per app."""
