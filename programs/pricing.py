from decimal import Decimal


def whole_program_cost(tuition_fees, extras, estimated_cost, cost_suspect):
    """The one rule for a program's total cost, for saved programs and for fixture rows alike:
    reported tuition and fees plus the known extras; else the estimate; unknown when the
    reported cost is flagged as implausible. The total is an estimate when tuition is unknown."""
    if tuition_fees is None:
        return estimated_cost
    if cost_suspect:
        return None
    return tuition_fees + sum((x for x in extras if x is not None), Decimal(0))
