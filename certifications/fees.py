"""Exam fees as the certifications data records them: the one place the site reads a fee from."""

from dataclasses import dataclass

from django.utils.functional import cached_property

from certifications.models import Certification, ExamFigure
from core.cache import kept_per_data_version


def fee_range(certification):
    """The lowest and highest exam fee the sources give, or None when none gives one."""
    return certification.exam_fee_bounds


@dataclass
class ExamFees:
    """Every published credential, and the range of the fees that are confirmed."""

    certifications: list

    @cached_property
    def by_pk(self):
        return {c.pk: c for c in self.certifications}

    @property
    def confirmed(self):
        return [c for c in self.certifications if fee_range(c)]

    @property
    def unconfirmed(self):
        return [c for c in self.certifications if not fee_range(c)]

    @property
    def low(self):
        return min((fee_range(c)[0] for c in self.confirmed), default=None)

    @property
    def high(self):
        return max((fee_range(c)[1] for c in self.confirmed), default=None)


def exam_fees():
    """The published credentials with their bodies and fee figures, read once per data version
    (core.cache.kept_per_data_version): the cost page, program pages and comparisons quote them."""

    def read():
        certifications = (
            Certification.objects.published()
            .select_related("body")
            .with_figures(ExamFigure.Kind.EXAM_FEE)
        )
        return ExamFees(list(certifications))

    return kept_per_data_version("exam-fees", read)


def lowest_fees():
    """Each published credential's lowest confirmed exam fee, by pk: what a sort by the total to
    a credential adds to a program's cost. Worked out from the kept exam fees, so it follows
    every edit (a source's kind decides which fees count)."""
    return {c.pk: fee_range(c)[0] for c in exam_fees().confirmed}
