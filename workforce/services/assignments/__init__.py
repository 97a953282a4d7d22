"""HR orders: hire, transfer, rotation, promotion, rank change, disciplinary sanction, dismissal.

Each service issues one numbered ``HROrder`` and makes the change it orders in the same transaction.
History is never overwritten: an assignment is closed and a new one opened.

Rows are locked in one order everywhere (employee, then staff position, then the order-number
counter), so concurrent orders queue instead of deadlocking; the occupancy of a position is summed
only after its row is locked, so a position is never filled beyond its ``rate_units``."""

from ._common import DismissalReason, OrderBasis
from .appoint import employee_appoint
from .discipline import employee_dismiss, employee_sanction
from .moves import employee_hire, employee_promote, employee_rotate, employee_transfer
from .ranks import employee_change_rank, rank_changes_apply_due

__all__ = [
    "DismissalReason",
    "OrderBasis",
    "employee_appoint",
    "employee_change_rank",
    "employee_dismiss",
    "employee_hire",
    "employee_promote",
    "employee_rotate",
    "employee_sanction",
    "employee_transfer",
    "rank_changes_apply_due",
]
