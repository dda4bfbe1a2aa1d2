"""The arguments a model function is called with while frames are made (it still does its work), for tests."""

import inspect


def calls_of(module, name: str, run) -> list[tuple]:
    """Every call of module.name while run() runs, as the tuple of all its arguments (defaults filled in)."""
    real = getattr(module, name)
    signature = inspect.signature(real)
    seen = []

    def spy(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        seen.append(tuple(bound.arguments.values()))
        return real(*args, **kwargs)

    setattr(module, name, spy)
    try:
        run()
    finally:
        setattr(module, name, real)
    return seen
