"""Continuing-education course packs: the pack format, post-tests, certificates and records (no Qt)."""
