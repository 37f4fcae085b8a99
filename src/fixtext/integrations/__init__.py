"""Thin adapters that run fixtext inside distributed engines (each needs its own extra)."""
