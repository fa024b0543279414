from simple_history.models import HistoricalRecords


def current_request():
    """The request being served, if any: simple_history's middleware keeps it
    for the change history, and signals that carry no request (permission
    changes, imports, exports) read the acting user and address from it."""
    return getattr(HistoricalRecords.context, "request", None)
