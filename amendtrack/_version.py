__version__ = "0.1.0"


def version_line() -> str:
    """What ``amendtrack --version`` prints."""
    return f"amendtrack {__version__}"
