"""The parts of the knowledge base service, split by what callers need; ``kbtool.kb`` joins them.

``reading`` (``Reader``: records, lookups, search, verify), ``writing`` (``Writer``: add,
edit, remove, undo, each one transaction), ``importing`` (``Importer``: a batch, checked
whole), ``fields`` (values as typed and as stored). Each class extends the one before it;
``kbtool.kb.KnowledgeBase`` is the last, and the one name callers use. Beside them, what
``kb stats``, ``timeline``, ``partners`` and ``report`` ask of a ``Reader``: ``selection``
(the records a filter keeps), ``overview`` (counts, dates, partners), ``dossier``.

May import: ``kbtool.errors``, ``kbtool.models``, ``kbtool.queries``, ``kbtool.integrity``,
``kbtool.store``, ``kbtool.search``. Keep this file to its docstring.
"""
