"""Referral loop: customers invite people, some invitations become customers.

Cycle k = 0 is the seed customers ``U0``. Every customer who joined in the last cycle
sends ``i`` invitations once; a fraction ``c`` of them convert, so one cycle multiplies
new customers by the K-factor ``K = i c``. With no market cap and no churn the customers
after ``n`` whole cycles are the geometric sum

    U(t) = U0 (K^(n+1) - 1) / (K - 1),   n = floor(t / cycle_days)

(David Skok's viral-growth worked example: U0 = 10, i = 10, c = 20%, 2-day cycle gives
20,470 customers at day 20). For K < 1 the loop dies out and each seed customer brings
``1 / (1 - K)`` customers in all, counting itself.

With a market cap M, invitations land on random people of the market, so the share
that reaches people not yet acquired shrinks as the market fills (the same saturation
as the share loop): ``new_{k+1} = (M - A_k) (1 - exp(-K new_k / M))``. Churn removes a
fraction of active customers every cycle; churned people are not invited again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from simulator.declarations import (
    CHURN,
    INVITE_CONVERSION,
    INVITES,
    MARKET_CAP,
    REFERRAL_CYCLE_DAYS,
    REFERRAL_DAYS,
    SEED_CUSTOMERS,
)
from simulator.models.calendar import whole_cycles
from simulator.params import ParameterError, Parameters, declared, exact_number, require_at_most
from simulator.results import ModelResult

__all__ = ["UNCAPPED_LIMIT", "ReferralParams", "referral_loop"]

UNCAPPED_LIMIT = 1e15
"""Largest customer count an uncapped run may reach (people); past it, set a market cap."""


@dataclass(frozen=True)
class ReferralParams(Parameters):
    """Inputs of the referral loop (customers, invites per customer, fractions 0–1, days)."""

    model = "referral"

    seed_customers: int = declared(SEED_CUSTOMERS)
    invites: float = declared(INVITES)
    conversion_rate: float = declared(INVITE_CONVERSION)
    cycle_days: float = declared(REFERRAL_CYCLE_DAYS)
    days: int = declared(REFERRAL_DAYS)
    audience: int | None = declared(MARKET_CAP)
    churn: float = declared(CHURN)

    @property
    def k_factor(self) -> float:
        """K = invites x conversion: new customers each new customer brings in one cycle."""
        return self.invites * self.conversion_rate

    @property
    def cycles(self) -> int:
        """Whole invite cycles that fit in ``days``."""
        return whole_cycles(self.days, self.cycle_days)

    def check_together(self) -> None:
        if self.audience is not None:
            require_at_most("seed_customers", self.seed_customers, "audience", self.audience, "people")
            return
        # Without a cap, K > 1 grows without bound; refuse runs whose count would not be a
        # meaningful (or finite) number instead of returning inf.
        k = self.k_factor
        if k > 1:
            log10_total = math.log10(self.seed_customers) + (self.cycles + 1) * math.log10(k) - math.log10(k - 1)
            if log10_total > math.log10(UNCAPPED_LIMIT):
                longest = (
                    math.floor(
                        (math.log10(UNCAPPED_LIMIT) - math.log10(self.seed_customers) + math.log10(k - 1))
                        / math.log10(k)
                    )
                    - 1
                )
                raise _too_long_uncapped(
                    self.days, _most_whole_days(max(longest, 0), self.cycle_days), k, self.cycle_days
                )


def referral_loop(params: ReferralParams | None = None, **values: object) -> ModelResult:
    """Run the referral loop cycle by cycle.

    Returns per-cycle ``step, day, new_customers, customers`` (active, after churn) and
    ``total_acquired``; totals ``customers`` (active at the end), ``total_acquired``,
    ``k_factor`` and ``cycles``.
    """
    p = params if params is not None else ReferralParams(**values)  # type: ignore[arg-type]
    k, n = p.k_factor, p.cycles
    new = np.empty(n + 1)
    acquired = np.empty(n + 1)
    active = np.empty(n + 1)
    new[0] = acquired[0] = active[0] = p.seed_customers
    cap = float(p.audience) if p.audience is not None else None
    for t in range(n):
        if cap is None:
            new[t + 1] = k * new[t]
        else:
            new[t + 1] = (cap - acquired[t]) * -math.expm1(-k * new[t] / cap)
        acquired[t + 1] = acquired[t] + new[t + 1]
        active[t + 1] = active[t] * (1.0 - p.churn) + new[t + 1]
    step = np.arange(n + 1)
    series = {
        "step": step,
        "day": step * p.cycle_days,
        "new_customers": new,
        "customers": active,
        "total_acquired": acquired,
    }
    totals = {
        "customers": float(active[-1]),
        "total_acquired": float(acquired[-1]),
        "k_factor": k,
        "cycles": n,
    }
    return ModelResult("referral", p, series, totals)


def _most_whole_days(cycles: int, cycle_days: float) -> int:
    """The most whole days whose whole cycles (:func:`whole_cycles`) are at most ``cycles``."""
    days = max(0, math.ceil((cycles + 1) * cycle_days) - 1)
    while whole_cycles(days + 1, cycle_days) <= cycles:
        days += 1
    while days > 0 and whole_cycles(days, cycle_days) > cycles:
        days -= 1
    return days


def _too_long_uncapped(days: int, most_days: int, k: float, cycle_days: float) -> ParameterError:
    """Uncapped growth would pass UNCAPPED_LIMIT customers within ``days``. When not even one
    day fits (a high K on short cycles), the way out is another input, and the message says so."""
    limit = exact_number(UNCAPPED_LIMIT)
    growth = f"K = {exact_number(k)} and {exact_number(cycle_days)} days a cycle"
    growth_fa = f"K = {exact_number(k)} و دورهای {exact_number(cycle_days)} روزه"
    if most_days >= 1:
        allowed = f"at most {most_days:,} days for {growth} without a market cap (customers would pass {limit})"
        allowed_fa = f"حداکثر {most_days:,} روز برای {growth_fa} بدون سقف بازار (مشتریان از {limit} می‌گذرند)"
        fix, fix_fa = "set audience to cap the market", "برای سقف بازار، audience را تعیین کنید"
    else:
        allowed = f"not even 1 day fits {growth} without a market cap (customers would pass {limit})"
        allowed_fa = f"با {growth_fa} و بدون سقف بازار، حتی ۱ روز هم زیاد است (مشتریان از {limit} می‌گذرند)"
        fix = "set audience to cap the market, lower invites or conversion_rate, or lengthen cycle_days"
        fix_fa = (
            "audience را برای سقف بازار تعیین کنید، invites یا conversion_rate را کم کنید یا cycle_days را بلندتر کنید"
        )
    return ParameterError(
        "days",
        days,
        f"{allowed}; {fix}",
        "is too long for uncapped growth",
        related=("audience", "invites", "conversion_rate", "cycle_days"),
        allowed_fa=f"{allowed_fa}؛ {fix_fa}",
        reason_fa="برای رشد بدون سقف بیش از حد طولانی است",
    )
