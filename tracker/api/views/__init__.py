"""API views, one module per app."""
