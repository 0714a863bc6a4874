"""Build-time rendering of the playbook: markers, data pages, charts (used by docs/hooks)."""
