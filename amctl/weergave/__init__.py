"""Renderers: each turns query results or problems into one output format."""
