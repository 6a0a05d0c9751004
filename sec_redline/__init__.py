"""sec-redline: draft, redline, diff and release amendments to the Smart Energy Code."""
__version__ = "0.1.0"
