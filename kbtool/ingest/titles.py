"""How reports write the names of instruments: coordinations, and instruments of the past.

- A plural head with a list after it names one instrument per item: "agreements on
  cooperation in health and education" are the "agreement on cooperation in health" and the
  "agreement on cooperation in education"; "cooperation agreements on trade, fisheries and
  culture" are three. The words before the list's last preposition are shared by every item.
- An instrument named as background ("the trade pact concluded last year", "building on the
  2019 air services agreement") was not signed at the event the article reports.

Pure functions of the text and spans; imports only ``segments``.
"""

from __future__ import annotations

import re

from kbtool.ingest.segments import Span

_SEPARATOR = re.compile(r"\s*[,;]\s*(?:and\s+|as\s+well\s+as\s+)?|\s+(?:and|as\s+well\s+as)\s+")
_OXFORD = re.compile(r"\s*[,;]\s*(?:and\s+)?")
_PREPOSITION = re.compile(r"\b(?:on|in|of|for|concerning|regarding|relating\s+to)\b")
_PLURAL_FIELDS = {"fields": "field", "areas": "area", "spheres": "sphere", "sectors": "sector"}
_IRREGULAR = {"memoranda": "memorandum", "treaties": "treaty", "mous": "MoU", "lois": "LoI"}


def singular(head: str) -> str:
    """ "MoUs" -> "MoU", "letters of intent" -> "letter of intent", "treaties" -> "treaty"."""
    first, _, rest = head.partition(" ")
    low = first.lower()
    if low in _IRREGULAR:
        one = _IRREGULAR[low]
        if low in {"mous", "lois"}:
            one = first[:-1]
    elif low.endswith("s") and not low.endswith("ss"):
        one = first[:-1]
    else:
        one = first
    return f"{one} {rest}" if rest else one


def _parallel(phrase: str) -> list[str]:
    """ "on surveillance in the border zone; on degrees; and on the Mira and Mataje basins":
    items that each repeat the first preposition, so an "and" inside one stays in it."""
    opening = re.match(r"(on|for|in|concerning|regarding)\s", phrase)
    if opening is None:
        return []
    preposition = opening.group(1)
    # "on cooperation in the oil and gas sector and on the development of the blue economy"
    items = re.split(
        rf"\s*[;,]\s*(?:and\s+)?(?={preposition}\s)|\s+and\s+(?={preposition}\s)", phrase
    )
    return [item.strip() for item in items] if len(items) > 1 else []


def coordinated_titles(text: str, before: Span, head: Span, complement: Span) -> list[str]:
    """The instruments a plural mention with a list after its head names, or ``[]``.

    ``before`` is the text before the head, where its modifiers are ("cooperation").
    """
    phrase = complement.of(text)
    if phrase.lower().startswith("between"):
        return []  # "between X and Y" names the parties of one instrument
    # "... in the fields of tourism, energy and higher education between the governments of
    # Oman and Tanzania": the parties of every item, not items.
    # Not "...; and cooperation between the diplomatic institutes of the two ministries",
    # an item of its own.
    phrase = re.split(
        r"\s+between\s+(?=(?:the\s+)?(?:[A-Z]|governments\b|two\b|respective\b)|both\b|their\b)",
        phrase,
    )[0]
    first = _SEPARATOR.search(phrase)
    if first is None:
        return []
    name = " ".join([*_modifiers(before.of(text)), singular(head.of(text))])
    semicolons = re.match(r"(on|for|in|concerning|regarding)\s+(.+;.+)$", phrase)
    if semicolons and not _parallel(phrase):
        # "MoUs on hydrogen cooperation; climate change and carbon neutrality; and defence":
        # the semicolons part the items, each on the first preposition, its "and" its own.
        items = [i.strip() for i in re.split(r"\s*;\s*(?:and\s+)?", semicolons.group(2))]
        return [f"{name} {semicolons.group(1)} {item}" for item in items if item]
    parallel = _parallel(phrase)
    if parallel:
        return [f"{name} {item}" for item in parallel]
    prepositions = [m for m in _PREPOSITION.finditer(phrase) if m.end() <= first.start()]
    if not prepositions:
        return []
    shared = phrase[: prepositions[-1].end()]
    for plural, one in _PLURAL_FIELDS.items():
        shared = re.sub(rf"\b{plural}\b", one, shared)
    listed = phrase[prepositions[-1].end() :]
    # "on agriculture, fisheries and aquaculture, and tourism": with a comma before the last
    # "and", the commas part the items and an "and" without one stays inside its item.
    separator = (
        _OXFORD
        if re.search(r",\s+and\s+[^,]*$", listed) and "," in listed.split(", and")[0]
        else _SEPARATOR
    )
    items = [item.strip() for item in separator.split(listed)]
    items = [item for item in items if item]
    if len(items) < 2:
        return []
    titles = []
    for item in items:
        own = _PREPOSITION.match(item)
        if own and shared.endswith(own.group()):
            # "agreements on cooperation in education and in healthcare"
            titles.append(f"{name} {shared} {item[own.end() :].strip()}")
        elif own:
            titles.append(f"{name} {item}")  # "MoUs on tourism and on health"
        else:
            titles.append(f"{name} {shared} {item}")
    return titles


# Words before a plural head that are not its modifiers: "Kenya and Zambia also signed
# three cooperation agreements" has one modifier.
_NOT_MODIFIERS = {
    "signed", "sign", "signs", "inked", "exchanged", "concluded", "sealed", "initialled", "also",
    "further", "and", "the", "a", "an", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "several", "both", "other", "more", "new", "separate", "of", "with",
    "together", "including", "include", "included", "are", "were", "was", "is", "on", "in",
    "two-way", "some", "various", "bilateral", "as", "well", "plus", "alongside", "besides",
    "yesterday", "today", "jointly", "formally",
}  # fmt: skip


def _modifiers(before: str) -> list[str]:
    kept: list[str] = []
    for word in reversed(before.split()):
        if (
            word.lower() in _NOT_MODIFIERS
            or word.isdigit()
            or not re.search(r"\w", word)
            or re.search(r"[;:,.]$", word)  # "... for Cooperation; memoranda on ..."
            or len(kept) == 3
        ):
            break
        kept.insert(0, word)
    return kept


_AREAS = re.compile(
    r"\s+(?:were|was)\s+(?:also\s+)?(?:signed|exchanged|concluded)\s+(?:in|on|covering)\s+"
    r"(?:the\s+)?(?:following\s+)?(?:areas|fields|sectors|subjects|matters)(?:\s+of)?\s*:?\s*"
)


def areas_listed(text: str, head: Span, end: int) -> list[str]:
    """ "MoUs were signed in the following areas: health, education and agriculture": an
    instrument on each, titled as its head on the area ("MoU on health")."""
    after = _AREAS.match(text, head.end, end)
    if after is None:
        return []
    items = [item.strip(" .") for item in _SEPARATOR.split(text[after.end() : end])]
    items = [item for item in items if item and len(item.split()) <= 5]
    name = singular(head.of(text))
    return [f"{name} on {item}" for item in items] if len(items) >= 2 else []


_PAST_AFTER = re.compile(
    r"^[^.;]{0,60}?\b(?:last\s+(?:year|month|week)|in\s+(?:19|20)\d\d\b|years?\s+ago|"
    r"previously|earlier\s+(?:this|last)\s+\w+|already\s+in\s+force|in\s+force\s+since|"
    r"(?:signed|concluded|inked|reached|agreed)\b[^.;]{0,60}?\bin\s+(?:[A-Z]\w+\s+)?(?:19|20)\d\d|"
    r"in\s+force\b[^.;]{0,40}?\bsince\b|"
    # Not yet signed: still to come.
    r"(?:still|currently)\s+(?:being\s+)?(?:negotiated|under\s+negotiation|discussed)|"
    r"under\s+(?:negotiation|discussion|consideration)|been\s+(?:discussed|negotiated)|(?:is|are)\s+expected\s+to\s+be\s+(?:signed|concluded|finali[sz]ed)|"
    r"(?:would|will|is\s+to|are\s+to|due\s+to|set\s+to)\s+be\s+(?:signed|concluded|finali[sz]ed)|"
    r"yet\s+to\s+be\s+signed|next\s+year|(?:entered|came)\s+into\s+force|"
    r"round\s+of\s+negotiations|with\s+a\s+view\s+to\s+(?:signing|concluding)|"
    r"during\s+(?:the|a|an)\s+(?:19|20)\d\d\b|(?:will\s+be|to\s+be)\s+(?:issued|released)|"
    # "..., which both sides have agreed to study": the instrument is still to be made.
    r"(?:which|that)\s+[^.;]{0,40}?(?:agreed|decided|pledged)\s+to\s+"
    r"(?:study|explore|negotiate|consider)|"
    r"should\s+be\s+(?:negotiated|signed|concluded|finali[sz]ed|ready)|ready\s+for\s+signing|"
    r"(?:hope|hopes|plan|plans|expect|expects|aim|aims|intend|intends)\s+to\s+"
    r"(?:finali[sz]e|sign|conclude|complete))",
    re.IGNORECASE,
)
_PAST_BEFORE = re.compile(
    r"\b(?:building\s+on|builds?\s+on|under|existing|earlier|previous|prior|current|"
    r"complement(?:s|ing)?|in\s+line\s+with|pursuant\s+to|implementation\s+of"
    r"|review(?:s|ed|ing)?|revis(?:e|es|ed|ing)|expired|expiring|amend(?:s|ed|ing)?|"
    r"entry\s+into\s+force\s+of|add(?:s|ed)?\s+to|negotiations?\s+(?:on|for|towards)|"
    r"talks\s+on|finali[sz]e|negotiate|work\s+towards|conclude|"
    # "have not yet closed an agreement", "replaces a legal cooperation arrangement", "will
    # put the free trade agreement into force": another instrument than the one signed.
    r"not\s+yet\s+\w+|yet\s+to\s+\w+|replac(?:es|ed|ing)|supersed(?:es|ed|ing)|"
    r"put(?=\s+the\b)|"
    # "adopted a roadmap", "issued a joint communiqué": not instruments signed here.
    r"adopt(?:s|ed|ing)?|issu(?:e|es|ed|ing)|releas(?:e|es|ed|ing)|"
    # "expedite the conclusion of", "progress towards", "within the framework of", "in
    # accordance with", "the possibility of", "join", "ratify", "proposed": not signed here.
    r"(?:early\s+)?(?:conclusion|finali[sz]ation|ratification)\s+of|progress\s+(?:towards|on)|"
    r"framework\s+of|accordance\s+with|possibility\s+of|prospects?\s+of|join|accede\s+to|"
    r"accession\s+to|ratif(?:y|ies|ied|ying)|propos(?:e|es|ed|ing)|"
    # "looked forward to the signing of", "laid the groundwork for", "will sign"
    r"look(?:s|ed|ing)?\s+forward\s+to(?:\s+the\s+(?:signing|conclusion)\s+of)?|"
    r"groundwork\s+for|way\s+for|(?:will|would|shall)\s+sign|expects?\s+to\s+sign|"
    r"(?:begin|start)\s+work\s+on|"
    r"(?:expected|set|due|plans?|planning|hopes?|aims?|agreed|going)\s+to\s+sign)\s+"
    r"(?:the|an?|their|its)?\s*(?:\w+\s+){0,4}$",
    re.IGNORECASE,
)


_RENEWED = re.compile(r"\b(?:renewed|extended|re-?signed)\s+(?:the\s+|an?\s+|their\s+)?$", re.I)


# Still to be signed, said further on in the sentence than _PAST_AFTER looks: "a memorandum
# on ..., which the utilities are still finalising, and which is expected to be signed ...".
_LATER = re.compile(
    r"^[^.;]{0,200}?\b(?:(?:is|are|was|were)\s+expected\s+to\s+be\s+(?:signed|concluded)|"
    r"still\s+finali[sz]ing|being\s+(?:finali[sz]ed|drafted|negotiated)|stage\s+of\s+drafting|"
    r"(?:prepared|ready)\s+for\s+(?:signing|signature)|to\s+be\s+signed\s+(?:at|during|when))",
    re.IGNORECASE,
)
# "the feasibility of a free trade agreement", "a possible free trade agreement".
_NOT_YET_BEFORE = re.compile(
    r"\b(?:feasibility\s+of|possible|potential|proposed|prospective|future)\s+"
    r"(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


# One in force, or still being worked on, named right after what is done with it: "make full
# use of the EU-Viet Nam Free Trade Agreement", "have had a visa waiver agreement", "step up
# work on the ... Partnership Agreement", "funds from the ... Programme". Only a determiner
# and a few modifiers may stand between: "benefit from a new trade agreement signed in
# Tokyo" is about one signed here.
_IN_FORCE_BEFORE = re.compile(
    r"\b(?:(?:step\s+up|speed\s+up|continue|intensify|accelerate)\s+work\s+on|"
    r"make\s+(?:full\s+|better\s+|good\s+|the\s+most\s+)?use\s+of|"
    r"take\s+(?:full\s+)?advantage\s+of|ha(?:ve|s|d)\s+had|discuss(?:es|ed|ing)?|"
    # "reaffirmed their support for the Melanesian Spearhead Group Trade Agreement"
    r"(?:support|commitment)\s+(?:for|to)|"
    r"(?:funds?|funding|financing|grants?)\s+(?:from|under))\s+"
    r"(?:the|an?|their|its)\s+(?:(?!new\b)[\w–-]+\s+){0,3}$",
    re.IGNORECASE,
)
# Still to come, in the title's own clause: "... which could be signed when ...", "A visa
# accord will follow, ..."; not "signed an MoU on food security, and officials said a
# treaty could be signed later".
_LATER_IN_CLAUSE = re.compile(
    r"^(?:[^.;]{0,120}?\b(?:could|might|may|would)\s+be\s+(?:signed|concluded)|"
    # "an agreement on a free trade pact would be negotiated": its own verb, right after it
    r"\s+(?:would|will|could)\s+be\s+(?:negotiated|signed|concluded)\b|"
    r"\s+(?:will|is\s+to)\s+follow\b)",
    re.IGNORECASE,
)


def is_background(text: str, sentence: Span, title: Span, head: Span) -> bool:
    """Whether the instrument named at ``title`` is past history rather than signed here."""
    after = text[title.end : sentence.end]
    before = text[max(sentence.start, title.start - 60) : title.start]
    clause = re.split(r",\s+(?:and|while|but)\b|\s+and\s+(?:said|added|agreed)\b|;", after)[0]
    if _IN_FORCE_BEFORE.search(before) or _LATER_IN_CLAUSE.search(clause):
        return True
    if re.search(r"\b(?:last|previous)\s+(?:year|month|week)[’']s\s+$", before):
        return True  # "last year's agreement on defence cooperation"
    if _RENEWED.search(before):
        return False  # "renewed the MoU on Fisheries, first signed in 2009": signed again here
    if _LATER.search(after) or _NOT_YET_BEFORE.search(before):
        return True
    dated = re.search(r"\b(?:19|20)\d\d\b", text[title.start : head.start]) or re.search(
        r"\b(?:the|a|an|its|their)\s+(?:19|20)\d\d\s+$", before
    )
    if dated and not re.search(
        r"\b(?:signed|inked|exchanged)\s*(?:the\s+(?:19|20)\d\d\s+)?$", before
    ):
        return True  # "the 2019 air services agreement", "the 2004 Four Freedoms Agreement"
    if re.match(
        r"(?:possible|potential|proposed|future|older|previous|earlier|old|existing|outstanding"
        r"|pending|draft)\s",
        title.of(text),
        re.IGNORECASE,
    ):
        return True  # "a possible preferential trade arrangement", "an older arrangement"
    if re.search(
        r"\b(?:said|says|stated|noted|announced|added)\s+in\s+(?:a|the|their|its)\s+(?:\w+\s+)?$"
        r"|\bin\s+(?:19|20)\d\d,?\s+when\s+[^.;]{0,40}$",
        before,
    ):
        # "the two sides said in a joint communiqué": what they spoke through; "in 2002,
        # when they concluded an agreement on ...": another time than this one.
        return True
    if re.search(r"\bhad\s+(?:already\s+)?(?:signed|concluded|inked|exchanged)\b", before):
        return True  # "the two countries had signed, in August 2018, the agreement ..."
    if re.match(r"\s*(?:of|from|dating\s+(?:from|back\s+to))\s+(?:the\s+)?(?:19|20)\d\d", after):
        return True  # "the Basic Convention on Scientific Cooperation of 1971", "dating from 1957"
    if (
        _SIGNED_HERE_AFTER.match(after)
        and re.search(r"\bunder\s+(?:a|an|the)\s+", before)
        # "signed by both states in 1995", "signed between Kenya and Japan when Kibaki was
        # president", "signed here before the pandemic": another time than this event's
        and not _ANOTHER_TIME.search(clause)
        and not _ANOTHER_TIME.search(before)
    ):
        return False  # "... financed under a loan agreement signed yesterday between X and Y"
    # "a Protocol amending the Convention for the avoidance of double taxation ..., signed
    # in Warsaw in 1994": the convention's past, not the protocol's
    # or "... the air services agreement that the two governments signed in Kigali in
    # 2017" (not "A Protocol amending the ... Agreement was signed in 2012": the protocol's)
    amended_past = re.search(r"\bamending\s+the\s", title.of(text)) and re.match(
        r"\s*(?:,\s*|(?:that|which)\s+[^.;,]{0,60}?)(?:signed|concluded)\b", after
    )
    return bool((_PAST_AFTER.search(after) and not amended_past) or _PAST_BEFORE.search(before))


_ANOTHER_TIME = re.compile(
    r"\b(?:(?:19|20)\d\d|last|previous|previously|earlier|ago|when|before|during|era|decade|"
    r"years?|since|once|then|former|first)\b",
    re.IGNORECASE,
)
# Signed at this event, said right after the title: "signed in Nairobi yesterday between",
# "signed by JICA and the Department of ...", "signed today".
_SIGNED_HERE_AFTER = re.compile(
    r"\s*,?\s*(?:which\s+was\s+|that\s+was\s+)?signed\s+(?:(?:in|at)\s+(?:the\s+)?"
    r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s+)?(?:today|yesterday|this\s+morning|here|by|between|"
    r"on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"
)
