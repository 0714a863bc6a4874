"""Reading a user's input file: one bounded, checked read for every command that takes a file.

A path from the command line may name anything: a directory, a device that never ends
(``/dev/zero``), a pipe that never opens, a huge export, bytes in another encoding. Only
a regular file within its size limit (``simulator/limits.py``) in UTF-8 is read;
everything else is refused with a :class:`ParameterError` naming the file and the fault.
"""

from __future__ import annotations

import os
import stat

from simulator.limits import MAX_FILE_BYTES
from simulator.params import ParameterError, exact_number

__all__ = ["read_text_file"]


def read_text_file(name: str, path: str, shape: str, shape_fa: str, limit: int = MAX_FILE_BYTES) -> str:
    """The text of the file at ``path`` (input ``name``, expected to hold ``shape``).

    Raises :class:`ParameterError` when it is missing or unreadable, not a regular file,
    larger than ``limit`` bytes (by default ``MAX_FILE_BYTES``), or not UTF-8 text (a
    byte-order mark is allowed).
    """

    def refuse(reason: str, reason_fa: str) -> ParameterError:
        return ParameterError(name, path, shape, reason, allowed_fa=shape_fa, reason_fa=reason_fa, whole=True)

    shown_limit = exact_number(limit)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):  # a device or pipe may never end; a folder has no text
            raise refuse("is not a regular file", "فایل معمولی نیست")
        if info.st_size > limit:
            raise refuse(
                f"is {exact_number(info.st_size)} bytes, more than the {shown_limit}-byte limit",
                f"{exact_number(info.st_size)} بایت است، بیش از سقف {shown_limit} بایت",
            )
        with open(path, "rb") as file:
            raw = file.read(limit + 1)  # the file may have grown since the stat
    except OSError as error:
        raise refuse(f"could not be read ({error.strerror})", f"خوانده نشد ({error.strerror})") from None
    if len(raw) > limit:
        raise refuse(f"is more than the {shown_limit}-byte limit", f"بیش از سقف {shown_limit} بایت است")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise refuse(
            f"is not UTF-8 text (byte {exact_number(error.start + 1)} is not valid); save it as UTF-8",
            f"متن UTF-8 نیست (بایت {exact_number(error.start + 1)} نامعتبر است)؛ آن را با کدگذاری UTF-8 ذخیره کنید",
        ) from None
