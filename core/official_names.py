"""The credentials' and certifying bodies' official names, which stay in English as the bodies
write them on every page, and the short explanation a Spanish page gives the first time each one
appears (`{% official_name %}` in core.templatetags.official_names).

Each explanation's msgid is the English gloss; English pages never show it, so the English text
only tells translators what to write. A name not listed here is shown as it is.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Pages whose language is English show official names unexplained.
ENGLISH = "en"


@dataclass(frozen=True)
class OfficialName:
    # One per credential or body: the names it goes by are explained once a page between them.
    key: str
    names: tuple
    explanation: str


OFFICIAL_NAMES = (
    OfficialName(
        "cma",
        ("Certified Medical Assistant (CMA)", "Certified Medical Assistant", "CMA", "CMA (AAMA)"),
        # Translators: a gloss shown after the credential's English name on Spanish pages.
        _("certified medical assistant"),
    ),
    OfficialName(
        "rma",
        ("Registered Medical Assistant (RMA)", "Registered Medical Assistant", "RMA", "RMA (AMT)"),
        # Translators: a gloss shown after the credential's English name on Spanish pages.
        _("registered medical assistant"),
    ),
    OfficialName(
        "ncma",
        (
            "National Certified Medical Assistant (NCMA)",
            "National Certified Medical Assistant",
            "NCMA",
            "NCMA (NCCT)",
        ),
        # Translators: a gloss shown after the credential's English name on Spanish pages.
        _("nationally certified medical assistant"),
    ),
    OfficialName(
        "ccma",
        (
            "Certified Clinical Medical Assistant (CCMA)",
            "Certified Clinical Medical Assistant",
            "CCMA",
            "CCMA (NHA)",
        ),
        # Translators: a gloss shown after the credential's English name on Spanish pages.
        _("certified clinical medical assistant"),
    ),
    OfficialName(
        "aama",
        ("American Association of Medical Assistants", "AAMA"),
        # Translators: a gloss shown after the body's English name on Spanish pages.
        _("the medical assistants' association that awards the CMA"),
    ),
    OfficialName(
        "amt",
        ("American Medical Technologists", "AMT"),
        # Translators: a gloss shown after the body's English name on Spanish pages.
        _("the certifying body that awards the RMA"),
    ),
    OfficialName(
        "ncct",
        ("National Center for Competency Testing", "NCCT"),
        # Translators: a gloss shown after the body's English name on Spanish pages.
        _("the certifying body that awards the NCMA"),
    ),
    OfficialName(
        "nha",
        ("National Healthcareer Association", "NHA"),
        # Translators: a gloss shown after the body's English name on Spanish pages.
        _("the certifying body that awards the CCMA"),
    ),
)

BY_NAME = {name: entry for entry in OFFICIAL_NAMES for name in entry.names}
