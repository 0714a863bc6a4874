"""Benchmarks: speed is measured here and recorded in bench/results/, never asserted in tests."""
