from dataclasses import dataclass


@dataclass
class Row:
    """One row of a side-by-side table: a label and one cell per compared item."""

    label: str
    cells: list
    kind: str = "text"

    @property
    def differs(self):
        return len({repr(cell) for cell in self.cells}) > 1
