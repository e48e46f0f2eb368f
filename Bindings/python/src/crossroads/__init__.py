"""Crossroads from Python: score answers to a Crossroads assessment and get the report.

A thin layer, with :mod:`ctypes`, over ``libCrossroadsC.so`` (the C interface of the Swift library, whose
header ``Sources/CrossroadsC/include/crossroads.h`` documents the contract). The rule that a raised
critical safety flag always selects the safety outcome is enforced inside the library.

    >>> import crossroads
    >>> assessment = crossroads.Assessment.bundled()
    >>> report = assessment.score(open("Reports/examples/mixed.answers.xml").read(), date="2026-01-01")

The library opens no file and no connection: you pass it text, it returns text. An :class:`Assessment`
is immutable; any number of threads may score with one at once (the library runs without the GIL).
Failures raise :class:`CrossroadsError`, with the status the ``crossroads`` tool exits with and every
problem found, each with its place.
"""

from __future__ import annotations

import ctypes
import datetime
import re
from dataclasses import dataclass
from typing import Iterable, List, NoReturn, Optional, Union

from . import _native

__all__ = ["ABI_VERSION", "Assessment", "CrossroadsError", "Diagnostic", "version"]

#: The C interface version this package is written for (``CROSSROADS_ABI_VERSION``).
ABI_VERSION = _native.ABI_VERSION

#: Text or UTF-8 bytes of an XML document.
Document = Union[str, bytes, bytearray, memoryview]


def version() -> str:
    """The engine's version (``crossroads --version``), the one every report cites."""
    text: bytes = _native.library().crossroads_version()
    return text.decode("utf-8")


@dataclass(frozen=True)
class Diagnostic:
    """One problem found, where it is, and what it is.

    Attributes:
        file: which input it is in: ``"<answers>"``, ``"<assessment>"``, ``"<includes[I]>"`` (the I-th
            include, from 0), or None when it has no place (an unknown bundled id, a bad argument).
        line: the line, from 1, or None.
        column: the column, from 1, or None.
        message: what is wrong, in words.
        severity: ``"error"``, or ``"warning"`` for a problem found alongside the errors.
    """

    file: Optional[str]
    line: Optional[int]
    column: Optional[int]
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        place = self.file or ""
        if self.file is not None and self.line is not None:
            place += f":{self.line}:{self.column}"
        return f"{place}: {self.severity}: {self.message}" if place else f"{self.severity}: {self.message}"


_LOCATED = re.compile(r"^(?P<file>[^:]*):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): (?P<message>.*)$")
_FILED = re.compile(r"^(?P<file>[^:]*): (?P<severity>error|warning): (?P<message>.*)$")
_BARE = re.compile(r"^(?P<severity>error|warning): (?P<message>.*)$")


def _parse(line: str) -> Diagnostic:
    match = _LOCATED.match(line)
    if match:
        return Diagnostic(
            match["file"], int(match["line"]), int(match["column"]), match["message"], match["severity"]
        )
    match = _FILED.match(line)
    if match:
        return Diagnostic(match["file"], None, None, match["message"], match["severity"])
    match = _BARE.match(line)
    if match:
        return Diagnostic(None, None, None, match["message"], match["severity"])
    return Diagnostic(None, None, None, line)


class CrossroadsError(Exception):
    """A call into Crossroads failed.

    Attributes:
        status: the exit status the ``crossroads`` tool uses for the same failure: 64 a bad argument
            (an unknown format, a width or date out of range), 65 invalid data (answers or an assessment
            with errors, input that is not UTF-8 XML, larger than 2 MiB, an unknown bundled id), 70 an
            internal failure.
        message: every diagnostic, one per line, ``NAME:LINE:COLUMN: error: ...``.
        diagnostics: the same, parsed: one :class:`Diagnostic` per line.
    """

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.diagnostics: List[Diagnostic] = [_parse(line) for line in message.split("\n")]

    def __repr__(self) -> str:
        return f"CrossroadsError(status={self.status}, message={self.message!r})"


def _raise(error: "ctypes._Pointer[_native.CError]") -> None:
    """Raises the error the library returned, after freeing it."""
    lib = _native.library()
    if not error:
        raise CrossroadsError(70, "error: out of memory")
    try:
        status = int(error.contents.status)
        message = (error.contents.message or b"").decode("utf-8", "replace")
    finally:
        lib.crossroads_error_free(error)
    raise CrossroadsError(status, message)


def _document(value: Document, what: str) -> bytes:
    if isinstance(value, str):
        # Lone surrogates pass through as bytes that are not UTF-8, which the library refuses (65).
        return value.encode("utf-8", "surrogatepass")
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise TypeError(f"{what} must be str or bytes, not {type(value).__name__}")


def _argument(value: str, what: str) -> bytes:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be str, not {type(value).__name__}")
    if "\0" in value:
        raise ValueError(f"{what} must not contain NUL characters")
    return value.encode("utf-8", "surrogatepass")


_PRIVATE = object()


class Assessment:
    """An assessment to score answers against: bundled, or loaded from XML. Immutable and thread-safe.

    Make one with :meth:`bundled` or :meth:`load`, keep it, and call :meth:`score` as often as needed,
    from any number of threads. Its native memory is freed by :meth:`close` (or a ``with`` block), or
    when it is garbage-collected; :meth:`close` must not run while another thread is scoring with it.
    """

    __slots__ = ("_handle", "__weakref__")

    def __init__(self, handle: int, _token: object = None) -> None:
        """Private: use :meth:`bundled` or :meth:`load`."""
        if _token is not _PRIVATE:
            self._handle: Optional[int] = None
            raise TypeError("make an Assessment with Assessment.bundled() or Assessment.load()")
        self._handle = handle

    def __copy__(self) -> "Assessment":
        return self  # immutable: a copy is the same assessment (and one handle is freed once)

    def __deepcopy__(self, memo: object) -> "Assessment":
        return self

    def __reduce__(self) -> NoReturn:
        raise TypeError("an Assessment cannot be pickled; send its XML and load it again")

    @classmethod
    def bundled(cls, id: Optional[str] = None) -> "Assessment":
        """A bundled assessment, by id; by default the one Crossroads ships ("should-we-get-back-together").

        Raises:
            CrossroadsError: status 65 when there is no bundled assessment with that id.
        """
        lib = _native.library()
        name = None if id is None else _argument(id, "id")
        error = ctypes.POINTER(_native.CError)()
        handle = lib.crossroads_assessment_bundled(name, ctypes.byref(error))
        if not handle:
            _raise(error)
        return cls(handle, _PRIVATE)

    @classmethod
    def load(cls, xml: Document, includes: Iterable[Document] = ()) -> "Assessment":
        """Loads and checks an assessment document, with the questionnaire documents it may use.

        A questionnaire the assessment uses (``<use id=... version=...>``) is looked up among
        ``includes``, then among the bundled questionnaires. Nothing else is read.

        Args:
            xml: the assessment document (text, or UTF-8 bytes).
            includes: questionnaire documents (text, or UTF-8 bytes).

        Raises:
            CrossroadsError: status 65 with every problem found, each located in ``"<assessment>"`` or
                ``"<includes[I]>"``.
            TypeError: when a document is neither str nor bytes, or ``includes`` is one document rather
                than a list of them.
        """
        lib = _native.library()
        document = _document(xml, "xml")
        if isinstance(includes, (str, bytes, bytearray, memoryview)):
            raise TypeError("includes must be a list of documents, not one document")
        parts = [_document(part, f"includes[{index}]") for index, part in enumerate(includes)]
        pointers = (ctypes.c_char_p * max(len(parts), 1))(*parts)
        lengths = (ctypes.c_size_t * max(len(parts), 1))(*(len(part) for part in parts))
        error = ctypes.POINTER(_native.CError)()
        handle = lib.crossroads_assessment_load(
            document, len(document), pointers, lengths, len(parts), ctypes.byref(error)
        )
        if not handle:
            _raise(error)
        return cls(handle, _PRIVATE)

    def score(
        self,
        answers_xml: Document,
        format: str = "text",
        width: int = 80,
        date: Union[str, datetime.date, None] = None,
    ) -> str:
        """Scores an answers document and returns the report.

        The report is exactly what ``crossroads score FILE --format FORMAT --width WIDTH --date DATE``
        prints for the same answers.

        Args:
            answers_xml: the answers document, as ``crossroads take`` saves it (text, or UTF-8 bytes).
            format: ``"text"`` (for a person) or ``"xml"`` (for tools, valid against
                ``Reports/report.xsd``).
            width: the width the text report is wrapped to, 20 to 1000 (0 also means 80).
            date: the report's date, ``"YYYY-MM-DD"`` or a :class:`datetime.date`; None for today (UTC).

        Raises:
            CrossroadsError: status 65 with every problem in the answers, each located in
                ``"<answers>"``; status 64 for an unknown format, or a width or date out of range.
            TypeError: when an argument has the wrong type.
            ValueError: when the assessment was closed.
        """
        handle = self._handle
        if handle is None:
            raise ValueError("this assessment was closed")
        lib = _native.library()
        answers = _document(answers_xml, "answers_xml")
        if isinstance(width, bool) or not isinstance(width, int):
            raise TypeError(f"width must be int, not {type(width).__name__}")
        if not -(2**31) <= width < 2**31:
            raise CrossroadsError(64, f"error: the width must be 0 (meaning 80) or between 20 and 1000, not {width}")
        if isinstance(date, datetime.date):
            date = date.isoformat()
        day = None if date is None else _argument(date, "date")
        length = ctypes.c_size_t(0)
        error = ctypes.POINTER(_native.CError)()
        report = lib.crossroads_score(
            handle, answers, len(answers), _argument(format, "format"), width, day, ctypes.byref(length),
            ctypes.byref(error),
        )
        if not report:
            _raise(error)
        try:
            return ctypes.string_at(report, length.value).decode("utf-8")
        finally:
            lib.crossroads_string_free(report)

    def close(self) -> None:
        """Frees the assessment's native memory; it cannot score afterwards. Calling it twice is harmless."""
        handle, self._handle = self._handle, None
        if handle is not None:
            _native.library().crossroads_assessment_free(handle)

    def __enter__(self) -> "Assessment":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # pragma: no cover - interpreter shutdown
            pass
