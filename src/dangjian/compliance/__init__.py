"""Rules engine, Django side: per-organisation rule overrides, compliance grid, reminders."""


def due_for_user(user, today):
    """The home page's 待办: the user's reminders (see ``reminders.for_user``) up to the end of
    the month (at least two weeks ahead). Missed meetings older than the last quarter stay on
    the 待办提醒 page and the calendar: the home page shows what can still be acted on."""
    import datetime as dt

    from dangjian import rules

    from .reminders import for_user

    month_end = rules.month_bounds(today.year, today.month)[1]
    days = max((month_end - today).days, 14)
    recent = today - dt.timedelta(days=92)
    items = [
        r for r in for_user(user, today, days) if r.kind != "meeting_frequency" or r.due >= recent
    ]
    # Terms, 转正 and 整改 first: a few missed meetings must not push them off a short list.
    order = (
        "election",
        "probation",
        "rectification",
        "development_step",
        "dues",
        "meeting_frequency",
    )
    return sorted(items, key=lambda r: (order.index(r.kind), not r.is_overdue, r.due))


def rule_config_for(org):
    """The effective ``RuleConfig`` of an organisation (see ``overrides.rule_config_for``)."""
    from .overrides import rule_config_for as _rule_config_for

    return _rule_config_for(org)
