"""A person as a phrase writes them: "Ghana's President Kwame Asante" is a role and a name.

The role runs over capitalised words and portfolios ("Minister of Foreign Affairs,
Regional Integration and International Trade"), the name after it, after a comma, or after
the country the portfolio ends with; courtesy titles, whose official it is and a role that
belongs to a person named before are left out. Imports ``segments``, ``countries`` and
``name_words``.
"""

from __future__ import annotations

import re

from kbtool.ingest.countries import country_named, is_country_name
from kbtool.ingest.name_words import (
    GROUPS,
    HONORIFICS,
    NAME_CONNECTORS,
    ORG_HEADS,
    PARTICLES,
    PORTFOLIO_ADJECTIVES,
    PORTFOLIO_WORDS,
    ROLE_TITLES,
    Person,
    drop_country_after,
    drop_whose,
    given_name_after_title,
    is_country_word,
    is_role_word,
)
from kbtool.ingest.segments import Span, Token, tokens

# Styles written as initials: His Excellency, His Highness, His Royal Highness; and Kyai
# Haji, but only after another style ("H.E. Prof. Dr. K.H. Ma'ruf Amin"): "K.H. Muniyappa"
# is a man's own initials.
_STYLE_INITIALS = frozenset({"HE", "HH", "HRH"})
_STYLE_INITIALS_AFTER_A_STYLE = frozenset({"KH"})


def _styled_initials(text: str, name_words: list[Token], after_a_style: bool) -> int:
    """How many words of the name's beginning are a style written as initials ("H.E."),
    so that "A.J. Nicholson" keeps his own."""
    styles = _STYLE_INITIALS | (_STYLE_INITIALS_AFTER_A_STYLE if after_a_style else frozenset())
    letters = ""
    for count, word in enumerate(name_words[:-1], start=1):
        if len(word.text) != 1 or not word.capitalised:
            return 0
        letters += word.text
        if letters in styles:
            return count
        if text[word.span.end : name_words[count].span.start] != ".":
            return 0
    return 0


def parse_person(text: str, span: Span) -> Person | None:
    """Split a phrase like "Ghana's President Kwame Asante" into role and name."""
    # "the", and whose official it is ("Ghana's", "Japanese"): neither is role nor name.
    words = drop_whose(text, tokens(text, span))
    if not words:
        return None
    last_title = max(
        # "bin Sultan": a name after a particle, not a title; "Sultan bin Saad Al Muraikhi":
        # a given name before one
        (
            i
            for i, w in enumerate(words)
            if is_role_word(w)
            and not _after_particle(words, i)
            and not _before_patronym(words, i)
            and not given_name_after_title(words, i)
        ),
        default=None,
    )
    if last_title is None:
        name_words = words
        role_words: list[Token] = []
    elif last_title + 1 < len(words) and (
        words[last_title + 1].lower in {"for", "of"}
        or (words[last_title].lower in POSTED and words[last_title + 1].lower == "to")
    ):
        # "Minister for Food and Agriculture Abena Owusu-Ansah": the portfolio runs on in
        # capitals, so the name is taken as the last two words.
        if len(words) - last_title < 4:
            return None
        cut = len(words) - 2
        commas = [
            i
            for i in range(last_title + 3, len(words))
            if "," in text[words[i - 1].span.end : words[i].span.start]
        ]
        country_end = last_country_end(text, words, last_title + 2)
        if commas and all(
            w.capitalised or w.lower in PARTICLES or w.lower.rstrip(".") in HONORIFICS
            for w in words[commas[-1] :]
        ):
            cut = commas[-1]  # "Minister of Fisheries and Maritime Economy, Pape Malick Ndoye"
        elif country_end is not None:
            cut = country_end  # "President of the Socialist Republic of Viet Nam Nguyen Minh Triet"
        else:
            # "Minister of Foreign Affairs, Regional Integration and International Trade Arvin
            # Boolell": the name is the capitalised words after the portfolio's last word.
            run = len(words)
            while (
                run - 1 > last_title + 2
                and (words[run - 1].capitalised or words[run - 1].lower in PARTICLES)
                and words[run - 1].lower not in PORTFOLIO_WORDS
                and words[run - 1].lower not in PORTFOLIO_ADJECTIVES
                # a place as the last word is a surname ("Tomás Echeverría Lagos")
                and not (is_country_word(words[run - 1]) and run < len(words))
                and not is_role_word(words[run - 1])
                and not _body_of(words, run - 1)
                # "... and Commodities Datuk Seri Roslan Harun": the name follows the title
                and words[run - 1].lower.rstrip(".") not in HONORIFICS
            ):
                run -= 1
            if len(words) - run >= 2:
                cut = run
        # "Omar Al Falasi", "Khalid bin Rashid": a particle joins the name to the word before.
        while cut - 1 > last_title + 2 and words[cut].lower in PARTICLES:
            cut -= 1
        role_words, name_words = words[:cut], words[cut:]
    else:
        role_words, name_words = words[: last_title + 1], words[last_title + 1 :]
    styled_before = False
    while name_words and (
        # "H.E. Prof. Dr. K.H. Ma'ruf Amin"; but "A.J. Nicholson" is named with his initials
        (styled_initials := _styled_initials(text, name_words, styled_before))
        or (name_words[0].lower.rstrip(".") in HONORIFICS and not _given_sri(words, name_words))
        or tan_sri(name_words)
        or (name_words[0].text == "HE" and len(name_words) > 2)  # "HE Mario Benegas"
        or (
            len(name_words) > 2
            and (
                name_words[0].lower in PORTFOLIO_WORDS
                or name_words[0].lower in PORTFOLIO_ADJECTIVES
            )
        )
    ):
        # "International Trade Arvin Boolell" after "and"
        styled_before = (
            styled_before or bool(styled_initials) or name_words[0].lower.rstrip(".") in HONORIFICS
        )
        if (
            not styled_before
            and role_words
            and role_words[-1] is words[words.index(name_words[0]) - 1]
        ):
            # "Commissioner of the Ghana Police Service Yaw Darko": the portfolio's words
            # after the country the role was cut at are the role's
            role_words = [*role_words, name_words[0]]
        name_words = name_words[max(styled_initials, 1) :]
    while len(name_words) > 1 and ")" in text[name_words[0].span.end : name_words[1].span.start]:
        name_words = name_words[1:]  # "Secretary (East) Vivek Rao Menon": the bracket is the role's
    styled = [i for i, w in enumerate(name_words[:-1]) if w.lower.rstrip(".") in _STYLES]
    if styled and len(name_words) - styled[-1] > 2:
        # "Industrialisation Hon. Beatrice Jeptoo": the name follows its courtesy title.
        name_words = name_words[styled[-1] + 1 :]
    if not name_words or not all(
        w.capitalised or (0 < i < len(name_words) - 1 and w.lower in PARTICLES)
        for i, w in enumerate(name_words)
    ):
        return None
    if country_named(" ".join(w.text for w in name_words)) is not None:
        return None  # "Prime Minister of Equatorial Guinea": a country, not a name
    given = [w for i, w in enumerate(words) if given_name_after_title(words, i)]
    if any(
        (w.lower in ROLE_TITLES and not _after_particle(name_words, i) and w not in given)
        or w.lower in ORG_HEADS
        or w.lower in GROUPS
        or w.lower in PORTFOLIO_WORDS
        for i, w in enumerate(name_words)
    ):
        return None
    name_span = Span(name_words[0].span.start, name_words[-1].span.end)
    possessive = re.search(r"[’']s$", name_span.of(text))
    if possessive:  # "Ibrahim Bello's visit"
        name_span = Span(name_span.start, name_span.end - len(possessive.group()))
    role_words = after_last_person(text, role_words)
    role_words = _after_another_head(role_words)
    while role_words and role_words[-1].lower.rstrip(".") in HONORIFICS:
        role_words = role_words[:-1]  # "Minister of Trade Datuk Seri": the style is the name's
    role_span = Span(role_words[0].span.start, role_words[-1].span.end) if role_words else None
    return Person(
        name=name_span.of(text),
        name_span=name_span,
        role=role_span.of(text) if role_span else None,
        role_span=role_span,
        position=span.start,
    )


# "Rajesh Venkataraman, Minister of Commerce and Industry of the Republic of India": a name,
# then its role after a comma.
NAME_THEN_ROLE = re.compile(
    r"(?P<name>(?:[A-Z][\w’'-]+\s+(?:(?:bin|binti|bint|ibn|al|el)\s+)?){1,4}[A-Z][\w’'-]+),"
    r"\s+(?:the\s+)?"
    # "A, and India's Joint Secretary B": a role after "and" is the next person's.
    r"(?!and\s)"
    r"(?P<role>(?:(?:[A-Z][\w’'-]*|of|for|and|the)\s+){0,4}?"
    r"(?:President|Minister|Secretary|Chairman|Chairperson|Governor|Ambassador|Director|"
    r"Commissioner|Mayor|Chief\s+Executive(?:\s+Officer)?|CEO|Speaker|Premier)\b"
    r"(?:\s+(?:of|for|and|the|[A-Z][\w’'-]*))*)"
)


# Courtesy titles that never begin a name (unlike "Tan", "Sri" or "Sheikh").
_STYLES = frozenset({"hon", "honourable", "dr", "eng", "engr", "prof", "mr", "mrs", "ms", "amb"})


# Titles that name where their holder is posted: "Ambassador to Tanzania".
POSTED = frozenset({"ambassador", "commissioner", "envoy", "consul"})


def tan_sri(words: list[Token]) -> bool:
    """ "Tan Sri", "Tan Seri": a Malaysian style; "Tan" alone is a family name (Tan Wei Ming)."""
    return len(words) > 2 and words[0].lower == "tan" and words[1].lower in {"sri", "seri"}


def _body_of(words: list[Token], index: int) -> bool:
    """ "Chairman of the Cabinet of Ministers": a body of them, not a title."""
    return index > 0 and words[index].lower.endswith("s") and words[index - 1].lower == "of"


def _after_particle(words: list[Token], index: int) -> bool:
    return index > 0 and words[index - 1].lower in PARTICLES


def _given_sri(words: list[Token], name_words: list[Token]) -> bool:
    """ "Sri Wahyuni Prasetyo": Sri is a given name, unless it follows "Tan" (a Malay style)."""
    if name_words[0].lower != "sri" or len(name_words) < 3:
        return False
    position = next(i for i, w in enumerate(words) if w.span == name_words[0].span)
    return position == 0 or words[position - 1].lower not in {"tan", "seri"}


def name_then_role(text: str, match: re.Match[str]) -> Person | None:
    name = tokens(text, Span(match.start("name"), match.end("name")))
    while name and (name[0].lower.rstrip(".") in HONORIFICS or is_role_word(name[0])):
        name = name[1:]
    if len(name) < 2 or any(
        w.lower in ORG_HEADS or w.lower in PORTFOLIO_WORDS or is_role_word(w) or is_country_word(w)
        for w in name
    ):
        return None
    role = re.sub(r"\s+(?:of|for|and|the)$", "", match.group("role"))
    role_words = tokens(text, Span(match.start("role"), match.start("role") + len(role)))
    role_words = drop_country_after(text, drop_whose(text, role_words))
    name_span = Span(name[0].span.start, name[-1].span.end)
    role_span = Span(role_words[0].span.start, role_words[-1].span.end)
    return Person(name_span.of(text), name_span, role_span.of(text), role_span, name_span.start)


def last_country_end(text: str, words: list[Token], start: int) -> int | None:
    """Where the last country's name in ``words[start:]`` ends, if a name follows it."""
    for end in range(len(words) - 1, start, -1):
        for size in (3, 2, 1):
            if end - size >= start:
                phrase = text[words[end - size].span.start : words[end - 1].span.end]
                # A name ("Viet Nam"), not an adjective: "Rector of the Belarusian State
                # Agrarian Technical University X" names the body, and X after it.
                if is_country_name(re.sub(r"[’']s$", "", phrase)):
                    return end
    return None


def after_last_person(text: str, words: list[Token]) -> list[Token]:
    """The role words that belong to the person they introduce, not to one named before."""
    # "Prime Minister Sitiveni Rabuka and New Zealand Prime Minister": the role is the one
    # after the last person named before it.
    for index in range(len(words) - 1, 0, -1):
        if (
            words[index].lower in {"and", "&"}
            and (
                _ends_with_a_name(words[:index])
                # "Sergei Volotko and Vice President": another person's name, then this one's title
                or (ends_with_two_names(words[:index]) and any(map(is_role_word, words[index:])))
            )
        ):
            words = drop_whose(text, words[index + 1 :]) or words
            break
    # "Remarked President Ruto.": the verb of an inverted tag is not part of the role.
    while len(words) > 1 and _SPEECH_VERB_WORDS.match(words[0].lower):
        words = words[1:]
    return words


_SPEECH_VERB_WORDS = re.compile(
    r"(?:said|added|noted|remarked|stressed|stated|explained|observed|declared|continued)$"
)


def _ends_with_a_name(words: list[Token]) -> bool:
    """ "... Managing Director Amina Salim": a role word, then capitalised names, at the end."""
    for count, word in enumerate(reversed(words)):
        if is_role_word(word):
            return count > 0
        if not word.capitalised or word.lower in PORTFOLIO_WORDS or word.lower in NAME_CONNECTORS:
            return False
    return False


def ends_with_two_names(words: list[Token]) -> bool:
    last = words[-2:]
    return len(last) == 2 and all(
        w.capitalised
        and w.lower not in PORTFOLIO_WORDS
        and w.lower not in PORTFOLIO_ADJECTIVES
        and not is_role_word(w)
        and not is_country_word(w)
        for w in last
    )


def _before_patronym(words: list[Token], index: int) -> bool:
    return index + 1 < len(words) and words[index + 1].lower in {"bin", "bint", "ibn", "binti"}


# Titles that one person holds alone: "the Emir and President Paul Kagame" are two people.
_SOLE_HEADS = frozenset({"emir", "amir", "king", "queen", "sultan", "emperor", "pope", "president"})
_OTHER_HEADS = frozenset({"president", "prime", "king", "queen", "emir", "amir", "sultan"})


def _after_another_head(role_words: list[Token]) -> list[Token]:
    """The role of the person named after "the Emir and President ...": the title after the
    "and", when the one before it is a head of state's that nobody holds with another."""
    for index in range(len(role_words) - 2, 0, -1):
        if (
            role_words[index].lower == "and"
            and role_words[index - 1].lower in _SOLE_HEADS
            and role_words[index + 1].lower in _OTHER_HEADS
        ):
            return role_words[index + 1 :]
    return role_words
