"""``kb ingest``: turn a news article into candidate instruments and quotations, with provenance.

The pipeline is rule-based so that every candidate can be explained by the words it came
from: ``reading`` gets the article's text and metadata (plain text, HTML, a URL, stdin),
``segments`` cuts the text into paragraphs and sentences and recognises boilerplate,
``instruments`` and ``quotations`` apply the extraction rules, and ``candidates`` turns what
they found into records of the knowledge base's schema, each with the character spans of the
source text that support its fields; ``reconcile`` decides which of them the knowledge base
holds already and what the article adds to those. Nothing here imports Typer; ``review``
renders with Rich, ``interactive`` asks a person about each record (``kb ingest -i``) and
``record_text`` is the plain text a record is edited as.

The rules, from the bottom up: ``segments``, ``countries``; ``instrument_words``,
``title_words``, ``complement_ends``, ``complements``, ``mentions``, ``titles``, ``parties``,
``signing_bodies``, ``found``, ``written_sides``, ``written_parties``,
``describing``, ``same_instrument``, ``instruments`` (which instruments); ``name_words``,
``person_phrases``, ``titled_people``, ``descriptors``, ``passing_mentions``, ``names``
(who is named); ``people_phrases``, ``signing_lists``, ``signed_for``, ``ceremony``,
``instrument_people`` (who signed and witnessed, and for whom); ``quotes``,
``speaker_phrases``, ``pronouns``, ``attribution``, ``speech_tags``, ``quotations`` (what
was said, by whom); then ``new_ids``, ``candidates``, ``reconcile``, ``evaluation``.

May import: kbtool (its version), kbtool.errors, kbtool.models, kbtool.integrity, kbtool.kb,
kbtool.render, kbtool.store.
"""
