"""Two parties written as "X and Y", when either name may hold an "and" of its own.

"The Ministry of Trade and Industry and the Food and Drugs Authority signed ...": of the
three "and"s, the one that splits the phrase into two names is the one each side of which
reads as a whole name: a country, or a body that starts or ends with a word such as
Ministry, Authority, Bank or Chamber. A following "the" marks the split too. Imports
``countries`` and ``name_words`` of this package.
"""

from __future__ import annotations

import re

from kbtool.ingest.countries import country_named, country_of_word
from kbtool.ingest.name_words import PORTFOLIO_WORDS

_BODY_START = re.compile(
    r"^(?:PT|CV|Ministry|Department|Office|Bank|Central\s+Bank|Chamber|Council|Board|Authority|"
    r"Agency|University|Institute|Government|State|City|Municipality|Port|National|Federal|"
    r"Republic|Kingdom|Embassy|Commission|Federation|Association|Corporation|Export|"
    r"Development|Investment|Union|"
    # in the body's own language: "Instituto Caro y Cuervo", "Banque de France"
    r"Instituto|Institut|Banco|Banque|Ministerio|Ministère|Universidad|Universidade|Université|"
    r"Agencia|Agence|Comisión|Consejo|Conseil|Empresa|Secretaría|Corporación|Fundación|Cámara|"
    r"Câmara|Chambre|Caisse|Autoridad|Servicio|Société|Compañía|Compagnie|Intendencia|"
    r"Asociación|Associação|Federación|Federação|Gobierno|Governo|Municipalidad|Alcaldía|"
    r"Prefeitura|Cooperativa|Sociedad|Sociedade|Confederación|Dirección|Superintendencia|"
    r"Comité|Junta|Fondo|Fundo|Oficina|Grupo|Groupe)\b"
)
_BODY_END = re.compile(
    r"\b(?:Ministry|Department|Office|Bank|Chamber|Council|Board|Authority|Agency|University|"
    r"Institute|Government|County|City|Hall|Municipality|Corporation|Company|Enterprise|"
    r"Group|Limited|Ltd|Plc|Fund|Commission|Federation|Association|Centre|Center|Service|"
    r"Services|Industry|Industries|Affairs|Port|Ports|Airways|Airlines|Exchange|Trust|Inc|SA|AG|"
    r"GmbH|Tbk|Bhd|Berhad|Holdings|Organisation|Organization|Foundation|Institution|Society|"
    r"Force|Forces|Army|Navy|Police|Guard|Administration|Directorate|Bureau|Secretariat|"
    r"Committee|Network|Academy|College|School|Polytechnic|Plant|Works|Factory)"
    r"(?:\s+\([A-Z&]+\))?$"
)


# "the city of Ganja", "the province of Formosa": a place's own government, in lower case
_PLACE_OF = re.compile(
    r"(?:city|town|municipality|province|state|region|county|district|prefecture)\s+of\s+"
    r"(?=[A-Z])"
)


def reads_as_name(name: str) -> bool:
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    if _PLACE_OF.match(name):
        return True
    if not name[:1].isupper():
        return False
    plain = re.sub(r"[’']s$", "", name)
    # "International Maritime College Oman": whose it is, after the name
    head, _, last = plain.rpartition(" ")
    return (
        country_named(plain) is not None
        or bool(_BODY_START.search(name))
        or bool(_BODY_END.search(name))
        or bool(_BODY_OF.search(name))
        or (bool(head) and country_named(last) is not None and bool(_BODY_END.search(head)))
    )


# "North Bengal University of Science and Technology", "Teesdale University of the United
# Kingdom": a body's word, then what it is of.
_BODY_OF = re.compile(
    r"\b(?:University|Ministry|Department|Bank|Institute|Academy|Chamber|Council|Authority|"
    r"Agency|Commission|Corporation|Federation|Association|Organi[sz]ation|Centre|Center|"
    r"Directorate|Administration|Office|Fund)\s+"
    r"(?:of|for)\s+(?:the\s+)?[A-Z]"
)


_STATE = re.compile(
    r"^(?:the\s+)?(?:(?:Royal\s+)?Government\s+of\s+)?(?:the\s+)?(?:(?:Federal|United|Islamic|Democratic|"
    r"People[’']s|Socialist|Arab)\s+)*(?:Republic|State|Kingdom|Sultanate|Commonwealth|"
    r"Federation|Emirate)\s+of\s+(?:the\s+)?|^(?:the\s+)?(?:Royal\s+)?Government\s+of\s+(?:the\s+)?"
)


def country_of_state(name: str) -> str | None:
    """ "Government of the Republic of Rwanda", "the State of Qatar": the country they are."""
    whole = country_named(name.strip())
    if whole is not None:
        return whole  # "the Democratic Republic of the Congo" is not the Congo
    stripped = _STATE.sub("", name.strip())
    found = country_named(stripped) if stripped != name.strip() else country_named(name.strip())
    if found is None and stripped.isupper() and len(stripped) > 3:
        # A newspaper's capitals at a story's start: "TANZANIA and the Sultanate of Oman".
        found = country_named(stripped.title())
    return found


def _owned(name: str) -> bool:
    """Whether ``name`` starts with whose it is: "Kenya's", "Manila's", "Indian"."""
    first = re.match(r"(?:the\s+)?([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)[’']s?\s", name)
    if first is not None and country_of_word(first.group(1).split()[-1]) is not None:
        return True
    if first is not None and country_named(first.group(1)) is not None:
        return True
    word = re.match(r"(?:the\s+)?([A-Z]\w+)\s", name)
    return (
        word is not None
        and country_of_word(word.group(1)) is not None
        and country_named(word.group(1)) is None  # an adjective ("Indian"), not "Kenya Ports"
    )


_OPEN_LIST = re.compile(
    r"\bof\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*,\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?$"
)


def split_pair(phrase: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Where the two names of "X and Y" lie in ``phrase``, or ``None`` if it is not a pair."""
    best: tuple[float, tuple[tuple[int, int], tuple[int, int]]] | None = None
    for joint in re.finditer(r"\s+(?:and|&)\s+(?:the\s+)?", phrase):
        left = phrase[: joint.start()]
        right = phrase[joint.end() :]
        if not left.strip() or not (right[:1].isupper() or _PLACE_OF.match(right)):
            continue
        if re.search(r"\bof\s+[A-Z][\w’'-]*$", left) and re.fullmatch(
            r"[A-Z][\w’'-]*(?:\s+\([A-Z][\w&-]*\))?", right.strip()
        ):
            continue  # "University of Science and Technology (NBUST)": one name
        score: float = reads_as_name(left) + reads_as_name(right)
        # "Indian Institute of Science Education and Research, Pune and University of ...":
        # a place after a comma ends a name, so the "and" before it is inside one.
        score -= 1 if re.match(r"[A-Z][\w’'-]*,\s", right) else 0
        score += 1 if joint.group().rstrip().endswith("the") else 0
        # "... and Bahrain's Labour Market Regulatory Authority": whose it is starts a name.
        score += 2 if _owned(right) else 0
        score -= 2 if any(_owned(piece) for piece in re.split(r"\s+(?:and|&)\s+", left)[1:]) else 0
        # "Ministry of Employment, Productivity and Industrial Relations and ...": a list of
        # portfolios begun with a comma closes with its "and".
        score -= 2 if _OPEN_LIST.search(left) else 0
        # "... Power Plants and Electrical Transmissions (UTE) and Energias de Portugal": a
        # short form in brackets ends a name; an "and" that leaves one inside a side is not
        # the split
        score += 2 if re.search(r"\([A-Z][\w&-]*\)$", left.rstrip()) else 0
        # "the Philippine Trade and Investment Center and ProChile": between splits that read
        # as well, the one whose first name ends with a body's word ("Center")
        score += 0.5 if _BODY_END.search(left.rstrip()) else 0
        # "Trade and Investment Queensland and Investment Fiji": "Trade" alone names nothing
        score -= 1 if left.strip().lower() in PORTFOLIO_WORDS else 0
        if best is None or score > best[0]:
            start = len(left) - len(left.lstrip())
            best = (score, ((start, joint.start()), (joint.end(), len(phrase))))
    return best[1] if best is not None else None
