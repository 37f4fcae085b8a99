"""Repair layers: each finds damage of one kind and proposes steps."""
