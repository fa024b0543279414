"""The public site's reads, one module per feature (home, search, partners),
all starting from ``visible_to(PUBLIC)`` with a fixed number of queries
whatever the amount of data."""
