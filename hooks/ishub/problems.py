"""Problems found in content or configuration, reported to contributors.

Logic never raises on bad content: it returns `Problem` values. The build (or
`make check`) collects every problem from every file and fails once, printing
each as ``path:line: field: what is wrong; how to fix it``.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, in words a contributor can act on."""

    path: str
    line: int
    field: str
    message: str
    fix: str = ""
    severity: str = ERROR

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.field}: {self.message}"
        return f"{text}; {self.fix}" if self.fix else text

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def errors(problems: list[Problem] | tuple[Problem, ...]) -> list[Problem]:
    """The problems that stop a build, in a stable order."""
    return sorted(p for p in problems if p.is_error)


def warnings(problems: list[Problem] | tuple[Problem, ...]) -> list[Problem]:
    """The problems worth telling a contributor about that do not stop a build."""
    return sorted(p for p in problems if not p.is_error)
