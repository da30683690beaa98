"""Layers: pure forward/backward pairs (numpy only)."""
