"""endofwar: the Korean War end-of-war declaration dataset and the toolkit that builds it.

    import endofwar
    con = endofwar.connect()                 # DuckDB over tables/*.parquet, views included
    quotes = endofwar.load("quotes")         # a typed pandas DataFrame
    draft = endofwar.extract(text)           # the extractor's draft of a new article
"""

__version__ = "1.0.0"

__all__ = ["__version__", "connect", "load", "extract"]


def __getattr__(name):
    """Import the heavy parts only when used, so `import endofwar` stays fast."""
    if name in ("connect", "load"):
        from endofwar.outputs import db

        return getattr(db, name)
    if name == "extract":
        from endofwar.extraction import extract

        return extract
    raise AttributeError(f"module 'endofwar' has no attribute {name!r}")
