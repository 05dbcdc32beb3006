"""Spanish for readers in the US: "5 de diciembre de 2026", and numbers and money as they read
them everywhere else in the country ("$17,622", "1,594", "8.5"), not with the period for
thousands and the comma for decimals that Django's es formats use."""

DATE_FORMAT = r"j \d\e F \d\e Y"
SHORT_DATE_FORMAT = "j b Y"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
