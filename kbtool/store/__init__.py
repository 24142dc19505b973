"""Storage: the knowledge base file, and every way bytes get into or out of it.

Owns reading the file (``file_reading``), transactions (the lock of ``locking``, fresh read,
backup, atomic replace), the versions kept for undo and redo (``history``), the record encoding,
appending a record without parsing the file (``FILE.layout``), which file is used
(``location``), and reading what ``kb import`` is given. Only this package imports TinyDB.

May import: ``kbtool.errors``, ``kbtool.models``. Keep this file to its docstring.
"""
