"""Templates stay readable and indentable: djhtml cannot indent a line it cannot split, and a
reviewer cannot read one that runs off the screen (issue 26)."""

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
LIMIT = 200


def long_lines(root):
    """Every template line over LIMIT characters, as "path:line (length)"."""
    return [
        f"{path.relative_to(root)}:{number} ({len(line)})"
        for path in sorted(root.rglob("*"))
        if path.is_file()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if len(line) > LIMIT
    ]


def test_no_template_line_is_over_200_characters():
    assert long_lines(TEMPLATES) == []


def test_a_long_line_is_found(tmp_path):
    (tmp_path / "page.html").write_text("<p>short</p>\n" + "x" * (LIMIT + 1) + "\n")
    assert long_lines(tmp_path) == [f"page.html:2 ({LIMIT + 1})"]
