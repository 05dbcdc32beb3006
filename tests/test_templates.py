"""Template source stays readable: djhtml cannot indent a line that holds a whole paragraph."""

from pathlib import Path

from django.conf import settings

LONGEST_LINE = 200
TEMPLATES = settings.BASE_DIR / "templates"


def long_lines(root):
    """(path, line number, length) of every template line longer than LONGEST_LINE."""
    for path in sorted(root.rglob("*")):
        if path.suffix not in {".html", ".txt"}:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if len(line) > LONGEST_LINE:
                yield path.relative_to(root), number, len(line)


def test_the_check_sees_a_long_line(tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "page.html").write_text("<p>short</p>\n" + "x" * 201 + "\n")
    (tmp_path / "app" / "fits.html").write_text("x" * 200 + "\n")
    assert list(long_lines(tmp_path)) == [(Path("app/page.html"), 2, 201)]


def test_no_template_line_is_longer_than_200_characters():
    found = [f"{path}:{number} ({length})" for path, number, length in long_lines(TEMPLATES)]
    assert not found, (
        "wrap these between tags, or with {% blocktranslate trimmed %} so msgids stay the same: "
        + ", ".join(found)
    )
