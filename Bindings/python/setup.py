"""Copies libCrossroadsC.so into the package when it is built, so that it is found next to the package.

The library is the one named by CROSSROADS_LIBRARY at install time, else the most recently built
.build/{debug,release}/libCrossroadsC.so of this clone (build it first with
`swift build --product CrossroadsC`). Without one, the package installs without it and then needs
CROSSROADS_LIBRARY at run time. Everything else is in pyproject.toml.
"""

import os
import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

LIBRARY = "libCrossroadsC.so"


def find_library() -> "Path | None":
    named = os.environ.get("CROSSROADS_LIBRARY")
    if named:
        return Path(named)
    root = Path(__file__).resolve().parent.parent.parent
    built = [p for p in root.glob(f".build/*/{LIBRARY}") if p.is_file()]
    built += [p for p in root.glob(f".build/*/*/{LIBRARY}") if p.is_file()]
    return max(built, key=lambda p: p.stat().st_mtime, default=None)


class BuildWithLibrary(build_py):
    """build_py that also copies the C library into the built package."""

    def run(self) -> None:
        super().run()
        library = find_library()
        if library is None or not library.is_file():
            print(
                f"warning: {LIBRARY} not found (run `swift build --product CrossroadsC` first, or set "
                "CROSSROADS_LIBRARY); the package will need CROSSROADS_LIBRARY at run time",
                file=sys.stderr,
            )
            return
        target = Path(self.build_lib) / "crossroads" / LIBRARY
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(library, target)
        print(f"crossroads: bundling {library}", file=sys.stderr)


class BinaryDistribution(Distribution):
    """The package carries a native library, so its wheel is platform-specific."""

    def has_ext_modules(self) -> bool:
        return True


setup(cmdclass={"build_py": BuildWithLibrary}, distclass=BinaryDistribution)
