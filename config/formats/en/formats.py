"""English dates as the site writes them: "December 5, 2026", and "Dec 5, 2026" where a table
or a note needs them short. Templates and Python name these formats, never a pattern, so each
language decides its own."""

DATE_FORMAT = "F j, Y"
SHORT_DATE_FORMAT = "M j, Y"
