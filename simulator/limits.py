"""What one request may cost: declared once, read by the checks, the tests and the benches.

Every accepted request (a CLI run, an app rerun, a site marker) must finish within
:data:`REQUEST_SECONDS` and :data:`REQUEST_BYTES` on the reference machine (2 cores);
each model's own caps (grid cells, network work, share cycles) are sized from these,
``bench/worst_case.py`` records the largest accepted request of every command against
them, and the tests check each cap's arithmetic (not a timer).
"""

from __future__ import annotations

import math

__all__ = [
    "HEAVY_RUNS_PER_PROCESS",
    "MAX_FILE_BYTES",
    "MAX_FIT_GROUPS",
    "MAX_POST_ROWS",
    "MAX_SEGMENTS_FILE_BYTES",
    "MAX_SERIES_PERIODS",
    "REQUEST_BYTES",
    "REQUEST_SECONDS",
    "UPLOAD_MB",
]

REQUEST_SECONDS = 10.0
"""Wall time one accepted request may take on the reference machine, seconds."""

REQUEST_BYTES = 2 * 1024**3
"""Peak resident memory one accepted request may use, bytes (2 GiB)."""

MAX_FILE_BYTES = 1_000_000
"""Largest input file (a segment list, an analytics export) read by any command, bytes."""

UPLOAD_MB = math.ceil(MAX_FILE_BYTES / 1_000_000)
"""The request body limit, MB: :data:`MAX_FILE_BYTES` rounded up to the whole megabytes the
servers count in. Streamlit's ``server.maxUploadSize``, the Calibrate page's file uploader and
nginx's ``client_max_body_size`` all say it (:mod:`simulator.publish`); a file that passes it
but is over :data:`MAX_FILE_BYTES` is refused by the reader, with the byte limit named."""

MAX_SEGMENTS_FILE_BYTES = 64_000
"""Largest segment list (``smm segments --segments-file``): at most 20 segments of a few
fields each fit in a few KB; 64 KB leaves room for comments while parsing stays in
milliseconds (1 MB of hostile YAML takes seconds to parse)."""

MAX_POST_ROWS = 20_000
"""Most posts one analytics export may hold (``smm fit share``, the Calibrate page): a busy
account posting 10 times a day for five years. Each post is one term of the likelihood, so
the fit's cost grows with this; 1 MB of export (``MAX_FILE_BYTES``) holds about this many
short rows anyway."""

MAX_SERIES_PERIODS = 1_000
"""Most periods one adoption series may hold (``smm fit bass``): 19 years of weeks, or 83 of
months, beyond any product's launch curve; the Bass model runs at most 1,000 steps too."""

MAX_FIT_GROUPS = 20
"""Most groups one grouping column (platform, format) may split an export into. Each group is
a fit of its own, costing about as much whatever its size (0.03-0.07 s here), so the worst
request is 1 + 2 x 20 fits (bench/worst_case.py); a column with hundreds of values (a post ID
named "type") is not a grouping anyone reads."""

HEAVY_RUNS_PER_PROCESS = 1
"""Heavy runs (a network cascade, a sensitivity grid) one simulator process computes at once.
Each may use a core for up to :data:`REQUEST_SECONDS`; on the 2-core reference machine a second
one at the same time would halve the speed of every reader's slider, so later ones wait in
line (the reader sees "queued") and light pages keep the other core. More replicas, more
heavy runs at once."""
