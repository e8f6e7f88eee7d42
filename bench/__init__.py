"""Benchmarks: `python -m bench.goal_load` (see bench/README.md)."""
