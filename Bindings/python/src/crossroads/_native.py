"""ctypes declarations for libCrossroadsC.so (Sources/CrossroadsC/include/crossroads.h).

Private: use the classes in :mod:`crossroads`. The library is loaded once, on first use, from
``CROSSROADS_LIBRARY`` when that is set, else from ``libCrossroadsC.so`` next to this file.
"""

from __future__ import annotations

import ctypes
import os
import threading
from pathlib import Path
from typing import Optional

#: The ABI version these declarations are written for (``CROSSROADS_ABI_VERSION`` in the header).
ABI_VERSION = 1

LIBRARY_NAME = "libCrossroadsC.so"
ENVIRONMENT_VARIABLE = "CROSSROADS_LIBRARY"


class CError(ctypes.Structure):
    """``crossroads_error``: a status and every diagnostic, one per line."""

    _fields_ = [("status", ctypes.c_int), ("message", ctypes.c_char_p)]


ErrorOut = ctypes.POINTER(ctypes.POINTER(CError))

_lock = threading.Lock()
_library: Optional[ctypes.CDLL] = None
_path: Optional[str] = None


def library_path() -> str:
    """The path the library is (or would be) loaded from."""
    named = os.environ.get(ENVIRONMENT_VARIABLE)
    if named:
        return named
    return str(Path(__file__).resolve().parent / LIBRARY_NAME)


def library() -> ctypes.CDLL:
    """The loaded library, with every function's signature declared; loads it on first use.

    Raises:
        OSError: when the library cannot be found or loaded, or its ABI version is not the one expected.
    """
    global _library, _path
    if _library is not None:
        return _library
    with _lock:
        if _library is not None:
            return _library
        path = library_path()
        try:
            lib = ctypes.CDLL(path)
        except OSError as error:
            raise OSError(
                f"cannot load {LIBRARY_NAME} from {path} ({error}). Build it with "
                f"`swift build --product CrossroadsC` and reinstall this package (pip install ./Bindings/python), "
                f"or set {ENVIRONMENT_VARIABLE} to the library's path."
            ) from error
        _declare(lib)
        found = lib.crossroads_abi_version()
        if found != ABI_VERSION:
            raise OSError(f"{path} has ABI version {found}; this package needs version {ABI_VERSION}")
        _library, _path = lib, path
        return lib


def loaded_path() -> Optional[str]:
    """The path the library was loaded from, or None before it is loaded."""
    return _path


def _declare(lib: ctypes.CDLL) -> None:
    size_p = ctypes.POINTER(ctypes.c_size_t)
    lib.crossroads_version.argtypes = []
    lib.crossroads_version.restype = ctypes.c_char_p
    lib.crossroads_abi_version.argtypes = []
    lib.crossroads_abi_version.restype = ctypes.c_int
    lib.crossroads_assessment_bundled.argtypes = [ctypes.c_char_p, ErrorOut]
    lib.crossroads_assessment_bundled.restype = ctypes.c_void_p
    lib.crossroads_assessment_load.argtypes = [
        ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_char_p), size_p, ctypes.c_size_t, ErrorOut,
    ]
    lib.crossroads_assessment_load.restype = ctypes.c_void_p
    lib.crossroads_score.argtypes = [
        ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
        size_p, ErrorOut,
    ]
    # A void pointer, not c_char_p: the report must be copied, then freed with crossroads_string_free.
    lib.crossroads_score.restype = ctypes.c_void_p
    lib.crossroads_string_free.argtypes = [ctypes.c_void_p]
    lib.crossroads_string_free.restype = None
    lib.crossroads_error_free.argtypes = [ctypes.POINTER(CError)]
    lib.crossroads_error_free.restype = None
    lib.crossroads_assessment_free.argtypes = [ctypes.c_void_p]
    lib.crossroads_assessment_free.restype = None
