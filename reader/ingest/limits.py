"""Size caps shared by the loaders and the fetcher (a light module: no parser imports)."""

MAX_FEED_BYTES = 50 * 1024 * 1024
"""Largest feed body read from the network or disk, and largest gzip expansion."""
