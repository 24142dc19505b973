"""The parts of the knowledge base service, split by what callers need; ``kbtool.kb`` joins them.

``reading`` (``Reader``: records, lookups, search, verify), ``writing`` (``Writer``: add,
edit, remove, undo, redo, each one transaction; ``index_following`` brings the search index
along), ``importing`` (``Importer``: a batch, checked whole), ``lookups`` (the checks a
write makes against the records there), ``fields`` (values as typed and as stored),
``details`` (what ``kb show`` adds to a quotation or a source: its sentence, the records
citing it, their passages). Each class extends the one before it;
``kbtool.kb.KnowledgeBase`` is the last, and the one name callers use. Beside them:
``record_ids`` (every id, cheaply, for shell completion), ``creating`` (a new file, or the
shipped records for an empty one), and what ``kb stats``, ``timeline``, ``partners`` and
``report`` ask of a ``Reader``: ``selection`` (the records a filter keeps), ``overview``
(counts, dates, partners), ``dossier``.

May import: ``kbtool.errors``, ``kbtool.models``, ``kbtool.queries``, ``kbtool.integrity``,
``kbtool.store``, ``kbtool.search``. Keep this file to its docstring.
"""
