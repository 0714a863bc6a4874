"""Reading a user's input file: one bounded, checked read for every command that takes a file.

A path from the command line may name anything: a directory, a device that never ends
(``/dev/zero``), a pipe that never opens, a huge export, bytes in another encoding. Only
a regular file within its size limit (``simulator/limits.py``) in UTF-8 is read;
everything else is refused with a :class:`ParameterError` naming the file and the fault.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable

from simulator.limits import MAX_FILE_BYTES
from simulator.params import ParameterError, exact_number

__all__ = ["check_size", "read_text_file", "text_from_bytes"]


def read_text_file(name: str, path: str, shape: str, shape_fa: str, limit: int = MAX_FILE_BYTES) -> str:
    """The text of the file at ``path`` (input ``name``, expected to hold ``shape``).

    Raises :class:`ParameterError` when it is missing or unreadable, not a regular file,
    larger than ``limit`` bytes (by default ``MAX_FILE_BYTES``), or not UTF-8 text (a
    byte-order mark is allowed).
    """
    refuse = _refusal(name, path, shape, shape_fa)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):  # a device or pipe may never end; a folder has no text
            raise refuse("is not a regular file", "فایل معمولی نیست")
        check_size(name, path, info.st_size, shape, shape_fa, limit)
        with open(path, "rb") as file:
            raw = file.read(limit + 1)  # the file may have grown since the stat
    except OSError as error:
        raise refuse(f"could not be read ({error.strerror})", f"خوانده نشد ({error.strerror})") from None
    if len(raw) > limit:  # it grew past the limit after the stat: its size is unknown, only that it is more
        check_size(name, path, None, shape, shape_fa, limit)
    return text_from_bytes(name, path, raw, shape, shape_fa, limit)


def text_from_bytes(name: str, label: str, raw: bytes, shape: str, shape_fa: str, limit: int = MAX_FILE_BYTES) -> str:
    """The UTF-8 text of ``raw`` (an upload, or a file already read), under the same rules as
    :func:`read_text_file`: at most ``limit`` bytes, UTF-8 with an optional byte-order mark.
    ``label`` names the bytes in a message (a file name)."""
    check_size(name, label, len(raw), shape, shape_fa, limit)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _refusal(name, label, shape, shape_fa)(
            f"is not UTF-8 text (byte {exact_number(error.start + 1)} is not valid); save it as UTF-8",
            f"متن UTF-8 نیست (بایت {exact_number(error.start + 1)} نامعتبر است)؛ آن را با کدگذاری UTF-8 ذخیره کنید",
        ) from None


def check_size(name: str, label: str, size: int | None, shape: str, shape_fa: str, limit: int = MAX_FILE_BYTES) -> None:
    """Refuse ``size`` bytes over ``limit``; ``None``: more than the limit, by how much unknown
    (a file that grew while it was read, a pasted text too long to be worth encoding)."""
    refuse = _refusal(name, label, shape, shape_fa)
    shown_limit = exact_number(limit)
    if size is None:
        raise refuse(f"is more than the {shown_limit}-byte limit", f"بیش از سقف {shown_limit} بایت است")
    if size > limit:
        raise refuse(
            f"is {exact_number(size)} bytes, more than the {shown_limit}-byte limit",
            f"{exact_number(size)} بایت است، بیش از سقف {shown_limit} بایت",
        )


def _refusal(name: str, label: str, shape: str, shape_fa: str) -> Callable[[str, str], ParameterError]:
    def refuse(reason: str, reason_fa: str) -> ParameterError:
        return ParameterError(name, label, shape, reason, allowed_fa=shape_fa, reason_fa=reason_fa, whole=True)

    return refuse
