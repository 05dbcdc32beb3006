from dataclasses import dataclass

from core.formatting import is_missing


@dataclass
class Row:
    """One row of a side-by-side table: a label and one cell per compared item."""

    label: str
    cells: list
    kind: str = "text"

    @property
    def differs(self):
        # Missing figures read the same ("Not reported") whatever form they take.
        return len({None if is_missing(cell) else repr(cell) for cell in self.cells}) > 1
