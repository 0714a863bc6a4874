"""Site tests use the session build from tests/conftest.py and helpers from tests/support.py."""
