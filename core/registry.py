"""What the apps above core offer to core and to each other, declared by each
app in its ``AppConfig.ready()`` (as Django's admin site or NetBox's per-app
``search.py``): core never imports an app, and the public site never needs a
list of every app's models written in one place."""

from dataclasses import dataclass, field


@dataclass
class Registry:
    """Named slots, filled once at start-up."""

    name: str
    items: dict = field(default_factory=dict)

    def register(self, key: str, value) -> None:
        if key in self.items and self.items[key] is not value:
            raise ValueError(f"{self.name}: {key!r} is registered twice")
        self.items[key] = value

    def __getitem__(self, key: str):
        try:
            return self.items[key]
        except KeyError:
            raise LookupError(f"{self.name}: nothing registered as {key!r} (is its app installed?)") from None

    def values(self) -> list:
        return list(self.items.values())


# The site-wide search's kinds of record, in the order the results show them
# (each app's search.py, registered in its AppConfig.ready()).
search_indexes = Registry("search indexes")

# Models core's rules need without importing their app, e.g. truth's
# "status_change": the model of an agreement's dated stages (agreements.apps).
models = Registry("models")
