"""Guard: the app's CSV download holds every declared column and every step (issue #15)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
import streamlit as st

from tests.app.conftest import open_lab


@dataclass(frozen=True)
class Download:
    """A download button as the browser gets it: the file (made on click), its name and type."""

    data: Callable[[], bytes]
    file_name: str
    mime: str


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> list[Download]:
    """Every download button the page draws; the real button is still drawn."""
    made: list[Download] = []
    real = st.download_button

    def recording(label: str, data: Any, *args: Any, **kwargs: Any) -> Any:
        made.append(
            Download(data if callable(data) else lambda: data, kwargs.get("file_name", ""), kwargs.get("mime", ""))
        )
        return real(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", recording)
    return made


@pytest.mark.parametrize(
    ("lab_id", "query", "header", "rows"),
    [
        # Steps 0..7: 8 rows.
        ("share", {"steps": "7"}, "step,day,new_reach,reach,impressions,shares,conversions,cumulative_conversions", 8),
        # 20 days of 2-day cycles: cycles 0..10, 11 rows.
        ("referral", {"days": "20", "cycle_days": "2"}, "step,day,new_customers,customers,total_acquired", 11),
    ],
    ids=["share", "referral"],
)
def test_download_has_every_column_and_every_row(
    downloads: list[Download], lab_id: str, query: dict[str, str], header: str, rows: int
) -> None:
    at = open_lab(lab_id, query)
    assert not at.exception, [e.value for e in at.exception]
    assert [(d.file_name, d.mime) for d in downloads] == [(f"smm-{lab_id}.csv", "text/csv")]
    lines = downloads[0].data().decode("utf-8").splitlines()
    assert lines[0] == header
    assert len(lines) == rows + 1
    assert all(len(line.split(",")) == len(header.split(",")) for line in lines)
