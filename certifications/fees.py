"""Exam fees as the certifications data records them: the one place the site reads a fee from."""

from dataclasses import dataclass

from certifications.models import Certification


def fee_range(certification):
    """The lowest and highest fee the body publishes, or None when no fee is confirmed."""
    fees = [f for f in (certification.fee_member, certification.fee_non_member) if f is not None]
    return (min(fees), max(fees)) if fees else None


@dataclass
class ExamFees:
    """Every published credential, and the range of the fees that are confirmed."""

    certifications: list

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

    @property
    def last_checked(self):
        return max((c.verified_on for c in self.certifications), default=None)


def exam_fees():
    """The published credentials with their bodies, in one query."""
    return ExamFees(list(Certification.objects.published().select_related("body")))
