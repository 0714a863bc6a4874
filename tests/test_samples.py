"""The synthetic sample exports: regenerating them changes nothing, and each is labelled synthetic."""

from __future__ import annotations

import pytest

from scripts.make_samples import SAMPLES, SAMPLES_DIR


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_script_rewrites_each_sample_byte_for_byte(name: str) -> None:
    assert (SAMPLES_DIR / name).read_bytes() == SAMPLES[name]().encode("utf-8")


def test_every_sample_is_labelled_synthetic_in_its_name_and_the_readme() -> None:
    on_disk = sorted(path.name for path in SAMPLES_DIR.glob("*.csv"))
    assert on_disk == sorted(SAMPLES)
    readme = (SAMPLES_DIR / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Sample exports – synthetic, not real data\n")
    assert "# نمونه‌ها – ساختگی، نه دادهٔ واقعی" in readme
    for name in SAMPLES:
        assert name.startswith("synthetic-")
        assert readme.count(f"`{name}`") == 2, name  # in the English table and the Persian list
