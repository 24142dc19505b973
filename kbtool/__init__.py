"""kbtool: a command-line knowledge base of bilateral cooperation instruments."""

__version__ = "0.1.0"
