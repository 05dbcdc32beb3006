"""The glossary (/glossary/): the words a reader meets on this site, each with a plain
explanation and the pages where it matters.

Kept as data in code rather than as a model with a fixture: every word and explanation is
interface text, translated through the same catalog as the templates (English msgids, the
Spanish in the `es` catalog), and the list changes only with the site's own pages, in the same
commit as the templates that link to it (`{% url "guide:glossary" %}#<key>`). A model would add
a query to a page that never changes between deploys and a second, per-field way of translating.

Facts come from the FACTS notes and the about-our-data page: the academic year and clock hours as
IPEDS counts them, the federal aid tiers of 34 CFR 668.8, the certifying bodies' own rules.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Link:
    label: str
    view: str
    args: tuple = ()
    anchor: str = ""

    @property
    def url(self):
        url = reverse(self.view, args=self.args)
        return f"{url}#{self.anchor}" if self.anchor else url


@dataclass(frozen=True)
class Term:
    # The anchor other pages link to: /glossary/#clock-hours.
    key: str
    # The word as English pages and the bodies' documents use it; gettext_noop so the catalog
    # holds it and `word` gives it in the page's language.
    english: str
    explanation: str
    links: tuple

    @property
    def word(self):
        return gettext(self.english)

    @property
    def shows_english(self):
        """Whether the page's word differs from the English one, so the English is added."""
        return self.word != self.english


BECOME = Link(_("Become an MA"), "guide:page", ("become-a-medical-assistant",))
DUTIES = Link(_("What MAs do"), "guide:page", ("what-medical-assistants-do",))
TRAINING = Link(_("Training"), "guide:page", ("training",))
FINDER = Link(_("Find a program"), "programs:list")
COST = Link(_("Cost and financial aid"), "guide:page", ("cost-and-financial-aid",))
CERTIFICATIONS = Link(_("Compare certifications"), "certifications:list")
CHECKER = Link(_("Which exams can I take?"), "certifications:eligibility")
STATES = Link(_("Rules in your state"), "states:list")
ACADEMIC_YEAR = Link(
    _("How federal data measures program length"),
    "guide:page",
    ("about-our-data",),
    "academic-year",
)

TERMS = (
    Term(
        "medical-assistant",
        gettext_noop("medical assistant"),
        _(
            "A person who works in a doctor's office, clinic or hospital and does both patient "
            "care and office work: taking a patient's history and vital signs, helping with tests "
            "and injections, scheduling visits and keeping records. A medical assistant does not "
            "diagnose, treat or prescribe."
        ),
        (BECOME, DUTIES),
    ),
    Term(
        "program",
        gettext_noop("training program"),
        _(
            "The course of study at a school or college that prepares you for the job. A "
            "certificate or diploma usually takes 9 to 12 months; an associate degree about 2 "
            "years, with general classes added."
        ),
        (TRAINING, FINDER),
    ),
    Term(
        "accreditation",
        gettext_noop("accreditation"),
        _(
            "A review by an outside body that says a school or program meets set standards. Two "
            "bodies accredit medical assistant programs: CAAHEP and ABHES. Some ways into a "
            "certification, such as two of the CMA's routes, need a program accredited by one of "
            "them."
        ),
        (FINDER, CHECKER),
    ),
    Term(
        "externship",
        gettext_noop("externship"),
        _(
            "Time spent working in a real clinic or doctor's office as part of your program, also "
            "called a practicum. Most programs include one, and some certification routes ask for "
            "a set number of hours: the RMA's education route asks for at least 160."
        ),
        (TRAINING, CHECKER),
    ),
    Term(
        "clock-hours",
        gettext_noop("clock hours"),
        _(
            "An hour spent in class, in the lab or at the externship. Career schools often give a "
            "program's length in clock hours. For federal student aid, a program at a career "
            "school needs at least 600 clock hours over at least 15 weeks."
        ),
        (FINDER, COST),
    ),
    Term(
        "credit-hours",
        gettext_noop("credit hours"),
        _(
            "How a college counts a course. A semester credit is about 15 hours in class over a "
            "term, and more for labs and externships. Community colleges usually give a "
            "program's length in credits."
        ),
        (FINDER, ACADEMIC_YEAR),
    ),
    Term(
        "academic-year",
        gettext_noop("academic year"),
        _(
            "In the federal data behind the finder (IPEDS), an academic year is an amount of "
            "study, not twelve months: 900 clock hours, 30 semester credits or 45 quarter "
            "credits. A 900-hour program that takes about nine months counts as one academic "
            "year."
        ),
        (ACADEMIC_YEAR, FINDER),
    ),
    Term(
        "tuition",
        gettext_noop("tuition and fees"),
        _(
            "What a school charges for the teaching. Books and supplies are counted apart, and "
            "the certification exam fee may or may not be included: ask the school."
        ),
        (COST, FINDER),
    ),
    Term(
        "federal-aid",
        gettext_noop("federal student aid"),
        _(
            "Money from the U.S. Department of Education to help pay for school, such as Pell "
            "Grants and federal student loans. It can be used only in programs at schools that "
            "take part in federal aid, and only in programs long enough to qualify."
        ),
        (COST,),
    ),
    Term(
        "fafsa",
        gettext_noop("FAFSA"),
        _(
            "The Free Application for Federal Student Aid: the one free form for federal grants, "
            "loans and work-study. States and schools use it too."
        ),
        (COST,),
    ),
    Term(
        "certification",
        gettext_noop("certification"),
        _(
            "Passing a national exam that shows you have the skills for the job. It is optional "
            "in most states, but many employers ask for it, and some states let certified medical "
            "assistants do more tasks."
        ),
        (CERTIFICATIONS, CHECKER),
    ),
    Term(
        "certifying-body",
        gettext_noop("certifying body"),
        _(
            "The organization that gives a certification exam and awards the credential: AAMA "
            "(CMA), AMT (RMA), NCCT (NCMA) and NHA (CCMA). Each sets who may take its exam, the "
            "fee and how often you renew."
        ),
        (CERTIFICATIONS,),
    ),
    Term(
        "credential",
        gettext_noop("credential"),
        _(
            "A title you earn by passing a certification exam, such as CMA or RMA. On the finder, "
            "the certificate, diploma or degree a program leads to is also called its credential."
        ),
        (CERTIFICATIONS, FINDER),
    ),
    Term(
        "exam",
        gettext_noop("certification exam"),
        _(
            "The test a certifying body gives. Each body sets who may take it and when, what it "
            "costs and how many tries you get. Answer a few questions to see which exams you can "
            "take now."
        ),
        (CHECKER, CERTIFICATIONS),
    ),
    Term(
        "renewal",
        gettext_noop("renewal"),
        _(
            "Keeping your credential current after you pass. Each body sets how often: the CMA, "
            "for example, every 60 months, by taking the exam again or by continuing education."
        ),
        (CERTIFICATIONS,),
    ),
    Term(
        "continuing-education",
        gettext_noop("continuing education"),
        _(
            "Courses you take after you are certified to keep your skills up to date. They count "
            "toward renewal, as credits or points."
        ),
        (CERTIFICATIONS,),
    ),
    Term(
        "delegation",
        gettext_noop("delegation"),
        _(
            "In most states medical assistants have no license of their own: a licensed "
            "clinician, such as a physician, hands tasks to the medical assistant and stays "
            "responsible for them. State law says which tasks may be handed over and how "
            "closely the medical assistant must be supervised."
        ),
        (STATES,),
    ),
    Term(
        "scope-of-practice",
        gettext_noop("scope of practice"),
        _(
            "The tasks the law lets a worker do. For medical assistants it depends on the state: "
            "a few states require a state credential or registration, and several tie tasks such "
            "as injections or X-rays to set training or national certification."
        ),
        (STATES, DUTIES),
    ),
)

BY_KEY = {term.key: term for term in TERMS}
