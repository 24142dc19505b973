"""Full-text search: analysis, the query language, the vocabulary, ranking, the on-disk index.

Owns how text becomes terms (``analysis``), how a query is read (``query_parser``), the
domain vocabulary (``vocabulary``), the filters shared with ``kb list`` and ``kb quotes``,
planning and ranking a query (BM25F, in Python or in numpy arrays for long posting lists)
and the index kept beside a knowledge base file (``FILE.index``).

May import: ``kbtool.errors``, ``kbtool.models``, ``kbtool.store`` (where the shipped
vocabulary lives, a file's signature). Inside the package too, imports go one way: from
``ranking`` (the entry) through planning and scoring down to analysis. Keep this file to
its docstring: numpy and rapidfuzz are imported only by the modules and functions that
need them.
"""
