"""One error type that says where the problem is and what to do about it."""

from __future__ import annotations


class EndofwarError(Exception):
    """A problem in the inputs or outputs, located by file, line or row, and field."""

    def __init__(self, message, *, file=None, line=None, row=None, field=None, fix=None):
        self.file, self.line, self.row, self.field, self.fix = file, line, row, field, fix
        self.message = message
        super().__init__(self.__str__())

    def __str__(self):
        where = []
        if self.file is not None:
            where.append(f"{self.file}" + (f":{self.line}" if self.line is not None else ""))
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field is not None:
            where.append(f"field '{self.field}'")
        text = (", ".join(where) + ": " if where else "") + self.message
        return text + (f" ({self.fix})" if self.fix else "")


class ValidationFailed(EndofwarError):
    """Several problems found by one validation pass, reported together."""

    def __init__(self, errors):
        self.errors = list(errors)
        lines = [str(e) for e in self.errors]
        super().__init__(f"{len(lines)} problem(s):\n  " + "\n  ".join(lines))

    def __str__(self):
        return self.message
