"""Quotes and reported speech, with speakers, over a parsed spaCy ``Doc``.

Three kinds:

- ``direct``: a quotation that stands as the utterance (``"...," he said.``, ``X said: "..."``);
- ``partial``: a few quoted words inside reported speech (``condemned US "provocations"``);
- ``indirect``: reported speech without quotation marks (``X said (that) ...``,
  ``according to X, ...``, ``..., officials said``).

The cue is the reporting verb ("said", "added", "according to", a verb whose object is the content:
"called for", "criticized X as Y", "seemed to blame"; a statement noun: "his plan to"; a colon:
"Lynch: No outside influence ..."); the speaker is its subject (for "adding that ..." the subject of
the verb it hangs on). Reported speech inside other reported speech is part of the outer one. A pronoun speaker ("he added") is resolved
to the last named speaker before it: ``speaker`` takes that name while ``speaker_start``/
``speaker_end`` keep the pronoun's own span. An attribution that only frames another one (``the New
York Times reported``, ``per the Washington Post``, ``Russian state media reported that ...``) is
not a quote of its own: it becomes the inner quote's ``via``.

Contents never include the quotation marks, a leading "that", or a trailing attribution phrase.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .nlp import doc_text
from ..models import Entity, Quote

__all__ = ["find_quotes", "CUE_LEMMAS"]

#: Reporting and attitude verbs that introduce attributed content.
CUE_LEMMAS = frozenset(
    """say tell add state claim write argue note explain insist warn declare announce ask reply respond
    acknowledge admit suggest report tweet post comment continue conclude remark testify contend maintain
    deny recall describe urge vow pledge promise predict estimate believe think feel hope fear expect want
    know agree complain confirm reveal allege assert stress emphasize emphasise point observe indicate
    concede caution boast joke quip recount disclose conclude tout worry accuse blame criticize praise
    mention repeat reiterate recommend propose demand threaten lament counter rebut retort forecast
    learn""".split()
)
#: Verbs whose attributed content is their object: "called for X", "wants X", "criticized X as Y".
#: Kept when, on the PolNeAR train split, at least about half of what a verb finds is annotated.
#: ("hop" is the small English model's lemma of "hoping".)
OBJECT_CUES = frozenset(
    # saying and showing
    """call cite mention discuss describe refer dub label brand term show find suggest claim argue note respond
    announce confirm recall recount recite remember tweet comment acknowledge reiterate echo emphasize
    highlight disclose express articulate list chant broadcast issue signal imply point talk focus share ask
    answer remind repeat read reference email cheer coin say tell state admit deny reveal predict stress concede
    """
    # judging
    """criticize criticise praise blame accuse question defend oppose reject condemn dismiss slam attack
    applaud endorse decry denounce tout welcome challenge mock blast insult hail bemoan lament congratulate
    thank ignore recognize deem portray name contrast project promote advocate back support favor favour
    prefer apologize assure compare embrace target press charge expose
    """
    # wanting and intending
    """want plan promise propose demand urge recommend seek vow pledge hope hop push offer agree expect
    refuse decline determine rule order persuade threaten warn worry wonder intend decide vote accept like love
    """
    # seeing, knowing and seeming: "X sees Y as Z", "X seemed to blame Y"
    """see view know think believe consider identify weigh seem appear""".split()
)
#: Nouns for statements and positions: "his plan to ...", "Trump's claim that ...".
NOUN_CUES = frozenset(
    """plan claim statement assessment argument view belief promise pledge call demand warning allegation
    accusation proposal criticism comment remark suggestion assertion insistence prediction
    estimate vow threat hope fear concern pitch message case decision refusal announcement desire critique
    endorsement attack""".split()
)
#: Verbs whose clause is rarely someone's statement ("they have made it clear that ...").
_LIGHT_VERBS = frozenset({"have", "make", "get", "take", "go", "do", "win"})
#: Verbs whose object is whom something is said to: "told reporters", "urged Congress to act".
_ADDRESSEE_VERBS = frozenset({"tell", "ask", "urge", "remind", "assure", "persuade", "warn", "order"})
_POLLS = frozenset({"poll", "survey"})
_FRAMING = frozenset({"report", "reveal", "learn"})
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"}
_MEDIA = re.compile(
    r"\b(?:Times|Post|Journal|News|Agency|Press|Reuters|AP|AFP|Xinhua|TASS|Bloomberg|CNN|BBC|Axios|"
    r"Politico|Guardian|Telegraph|Tribune|Herald|Gazette|Daily|Wire|Radio|TV|Television|Network|media|"
    r"newspaper|outlet|magazine|broadcaster)\b"
)
_VIA_PER = re.compile(r"(?:,\s*|\s)per\s+(?P<via>(?:the\s+)?[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,5})")
_VIA_REPORTED = re.compile(
    r"(?:,\s*)(?P<via>(?:the\s+)?(?:[A-Z][\w.&'’-]*\s+){0,5}(?:[A-Z][\w.&'’-]*|state media|media))\s+"
    r"(?:reported|reports|said in a report|wrote)\s*[.!?]?$"
)
_TRAILING = re.compile(r"[\s,;:–—-]+$|[\s,]+(?:per|according to)\s+.*$")
_QUOTE = re.compile(r"[“\"](?P<body>[^“”\"\n]{2,}?)[”\"]|''(?P<body2>[^\n]{2,}?)''")
_OPENING_CUE = re.compile(r"[:,]\s*$")


@dataclass
class _Attribution:
    cue: object  # spaCy Token (or the first token of a phrase)
    cue_span: tuple[int, int]
    speaker_span: tuple[int, int] | None
    content: tuple[int, int]
    kind: str


def find_quotes(doc, entities: Sequence[Entity] = ()) -> list[Quote]:
    """Every attributed statement in ``doc`` (offsets into ``doc_text(doc)``), in text order."""
    text = doc_text(doc)
    mentions = sorted((m.start, m.end, e) for e in entities for m in e.mentions)
    direct = _quotation_spans(text)
    sentences = _Sentences(doc)
    found = _from_quote_marks(doc, direct, sentences) + _indirect(doc, direct, sentences) + _colon_lines(doc, sentences)
    found = _drop_framing(found)
    quotes = [_to_quote(doc, a, mentions, sentences) for a in sorted(found, key=lambda a: a.content)]
    return _resolve_pronouns(quotes, {e.id: e for e in entities})


# -- quotation marks ---------------------------------------------------------------------------------


def _quotation_spans(text: str) -> list[tuple[int, int]]:
    """The words inside quotation marks, line by line. A paragraph that opens a quotation and does
    not close it is quoted whole: a quote that goes on in the next paragraph opens each one anew."""
    spans = []
    lines = list(re.finditer(r"[^\n]+", text))
    for line, following in zip(lines, lines[1:] + [None]):
        if _opens_unclosed(line.group()) and following is not None and following.group().lstrip()[:1] in "“\"'":
            spans.append((line.start() + len(line.group()) - len(line.group().lstrip(" \t\"“'")), line.end()))
        else:
            spans += _marked_spans(text, line.start(), line.end())
    return spans


def _marked_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quoted words between ``start`` and ``end``, but not attribute values (``<tweet author="...">``)."""
    found = _QUOTE.finditer(text, start, end)
    return [m.span("body") if m.group("body") else m.span("body2") for m in found if text[max(0, m.start() - 1)] != "="]


def _opens_unclosed(line: str) -> bool:
    """A line that starts with a quotation mark it does not close."""
    line = line.strip()
    if line.startswith("“"):
        return line.count("“") > line.count("”")
    if line.startswith("''"):
        return line.count("''") % 2 == 1
    return line.startswith('"') and line.count('"') % 2 == 1


class _Sentences:
    """The sentence containing a character, by bisection (``Span.sent`` rescans the document)."""

    def __init__(self, doc):
        self.spans = list(doc.sents)
        self.starts = [s.start_char for s in self.spans]

    def at(self, char: int):
        from bisect import bisect_right

        i = bisect_right(self.starts, char) - 1
        return self.spans[i] if i >= 0 else None

    def of(self, token):
        return self.at(token.idx)


def _from_quote_marks(doc, spans: list[tuple[int, int]], sentences: _Sentences) -> list[_Attribution]:
    """Direct quotes (with the nearest cue) and partial quotes (with the verb they hang on)."""
    out: list[_Attribution] = []
    for start, end in spans:
        sent = sentences.at(start)
        if sent is None:
            continue
        kind = "direct" if _stands_alone(doc_text(doc), sent, start, end) else "partial"
        if kind == "partial":
            if _is_title(doc_text(doc)[start:end]):
                continue  # "told ABC's “This Week”": a name, not words someone said
            cue = _governing_verb(doc, start, end)
            if cue is None:
                continue  # scare quotes: no one is said to have said them
        else:
            cue = _cue_for_quote(doc, start, end, spans, sentences)
        speaker = _speaker_of(cue) if cue is not None else _colon_speaker(doc, sent, start)
        if kind == "partial" and speaker is None:
            continue
        cue_span = (cue.idx, cue.idx + len(cue)) if cue is not None else _colon_span(doc_text(doc), sent, start, speaker)
        out.append(_Attribution(cue, cue_span, speaker, _trim(doc_text(doc), start, end), kind))
    return _continue_speakers(out)


def _is_title(words: str) -> bool:
    """Title Case words ("Good Morning America", "Inside Edition"): the name of a show or a book."""
    long_words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", words) if len(w) > 3]
    return len(long_words) >= 2 and all(w[0].isupper() for w in long_words) and not re.search(r"[!?]\W*$", words)


def _colon_speaker(doc, sent, start: int) -> tuple[int, int] | None:
    """"Trump: \"...\"" -- a short name right before a colon that opens the quote."""
    before = _before_mark(doc_text(doc), sent.start_char, start)
    if not before.endswith(":"):
        return None
    if len(before.split()) > 6:  # "... doesn't surprise pollster Daron Shaw: "...""
        return _name_before(doc, sent.start_char + len(before) - 1)
    name = before[:-1].strip()
    return (sent.start_char, sent.start_char + len(name)) if name else None


def _name_before(doc, colon: int) -> tuple[int, int] | None:
    """The proper name that ends right before the colon at ``colon``."""
    span = doc.char_span(colon, colon + 1, alignment_mode="expand")
    if span is None or span.start == 0 or doc[span.start - 1].pos_ != "PROPN":
        return None
    first = span.start - 1
    while first > 0 and doc[first - 1].pos_ == "PROPN":
        first -= 1
    return (doc[first].idx, doc[span.start - 1].idx + len(doc[span.start - 1]))


def _before_mark(text: str, sent_start: int, start: int) -> str:
    """The sentence's words before a quotation whose body starts at ``start`` (without the mark)."""
    return text[sent_start:start].rstrip(" '\"“‘").strip()


def _colon_span(text: str, sent, start: int, speaker) -> tuple[int, int]:
    if speaker is None:
        return (start, start)
    colon = text.rfind(":", sent.start_char, start)
    return (colon, colon + 1)


def _stands_alone(text: str, sent, start: int, end: int) -> bool:
    """A quote that opens its sentence, or follows "said:"/"said,", or is the whole sentence."""
    before = _before_mark(text, sent.start_char, start)
    return not before or bool(_OPENING_CUE.search(before)) and _has_cue_word(before)


def _has_cue_word(before: str) -> bool:
    return bool(re.search(r"\b(?:said|says|told|added|adds|wrote|writes|stated|declared|tweeted|asked|replied|"
                          r"explained|continued|noted|argued|insisted|warned|announced|statement|remarks)\b[^.]*$", before))


def _cue_for_quote(doc, start: int, end: int, spans, sentences: _Sentences):
    """The reporting verb nearest the quote, outside it, in the sentences it spans (and in a short
    sentence right after it: '"...?" / Rubio said.'); else the one in the sentence before, when that
    ends with a colon ("Putin said: ..." split over two sentences)."""
    sent = sentences.at(start)
    tokens = list(doc[sent.start:(sentences.at(max(start, end - 1)) or sent).end])
    following = sentences.at(tokens[-1].idx + len(tokens[-1])) if tokens[-1].i + 1 < len(doc) else None
    if following is not None and following.start > tokens[-1].i and len(following) <= 8:
        tokens += list(following)
    candidates = [t for t in tokens if t.lemma_ in CUE_LEMMAS and t.pos_ in ("VERB", "AUX") and not _inside(t.idx, spans)]
    if candidates:  # the nearest cue, but a framing "reported" only when there is no other
        return min(candidates, key=lambda t: (t.lemma_ in _FRAMING, start - t.idx if t.idx < start else t.idx - end))
    return _verb_before_colon(doc, start, sentences)


def _verb_before_colon(doc, start: int, sentences: _Sentences):
    """'Trump leaned in and boomed: "..."', 'Clinton released the following statement:' and the
    quote in the next paragraph: the last verb with a subject before a colon that opens the quote."""
    colon = _colon_before(doc_text(doc), start)
    token = doc.char_span(colon, colon + 1, alignment_mode="expand") if colon is not None else None
    if token is None:
        return None
    sent = sentences.of(token[0])
    return next((t for t in reversed(doc[sent.start:token[0].i]) if t.pos_ == "VERB" and _speaker_of(t) is not None), None)


def _colon_before(text: str, start: int) -> int | None:
    """The offset of a colon right before the quotation mark at ``start`` (line breaks between)."""
    before = text[:start].rstrip(" \n\t'\"“‘")
    return len(before) - 1 if before.endswith(":") else None


def _governing_verb(doc, start: int, end: int):
    """For quoted words inside a sentence: the nearest reporting verb above them whose speaker can
    be found and does not itself hold the quote (not "the so-called 'reform' package arrived")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    token = span.root if span is not None else None
    for _ in range(8):
        if token is None or token.head is token:
            break
        token = token.head
        if token.pos_ == "VERB" and (token.lemma_ in CUE_LEMMAS or token.lemma_ in OBJECT_CUES):
            speaker = _speaker_of(token)
            if speaker is not None and not (speaker[0] <= start < speaker[1]):
                return _reporting_verb_above(token)
    return None


def _reporting_verb_above(verb):
    """"adding that Russia condemns 'provocations'": the words are the one who is adding them."""
    token = verb
    while token.dep_ in ("ccomp", "conj") and token.head is not token:
        token = token.head
        if token.pos_ == "VERB" and token.lemma_ in CUE_LEMMAS and token.lemma_ not in _FRAMING:
            return token if _speaker_of(token) is not None else verb
    return verb


def _inside(char: int, spans) -> bool:
    return any(s <= char < e for s, e in spans)


def _continue_speakers(found: list[_Attribution]) -> list[_Attribution]:
    """A direct quote with no cue of its own continues the previous quote's speaker."""
    out = []
    for a in found:
        if a.cue is None and out and out[-1].cue is not None:
            a = replace(a, cue=out[-1].cue, cue_span=out[-1].cue_span, speaker_span=out[-1].speaker_span)
        out.append(a)
    return out


# -- reported speech without quotation marks ----------------------------------------------------------


def _indirect(doc, quoted: list[tuple[int, int]], sentences: _Sentences) -> list[_Attribution]:
    """Reported speech outside quotation marks, one candidate per cue word."""
    out = []
    for token in doc:
        if not _inside(token.idx, quoted):
            found = _indirect_at(doc, token, sentences)
            if found is not None:
                out.append(found)
    return out


def _indirect_at(doc, token, sentences: _Sentences) -> _Attribution | None:
    """The attribution ``token`` cues, if any: "according to", a reporting verb with its clause (or
    around it), a verb whose object is the content, or a statement noun with its owner."""
    if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
        return _according_to(doc, token, sentences.of(token))
    if token.lower_ == "in" and token.dep_ == "prep" and token.i == sentences.of(token).start:
        return _in_poll(doc, token, sentences.of(token))
    if token.pos_ == "NOUN":
        return _noun_cue(doc, token) if token.lemma_ in NOUN_CUES else None
    if token.pos_ != "VERB":
        return None
    if _is_cue_word(token) and any(c.dep_ == "agent" for c in token.children):
        return _passive_with_agent(doc, token)
    found = None
    if token.lemma_ in CUE_LEMMAS:
        found = _verb_with_clause(doc, token) or _parenthetical(doc, token, sentences.of(token))
    elif token.lemma_ not in _LIGHT_VERBS and _has_human_subject(token):
        found = _verb_with_clause(doc, token)
    if found is None and token.lemma_ in OBJECT_CUES:
        found = _verb_with_object(doc, token)
    return found


_SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_PEOPLE = frozenset(
    """official officials source sources spokesman spokeswoman spokesperson aide aides expert experts analyst
    analysts critic critics supporter supporters voter voters lawmaker lawmakers senator representative
    campaign administration government ministry agency department police prosecutor prosecutors lawyer
    attorney attorneys report poll survey study statement newspaper camp people leader leaders president candidate
    nominee democrats republicans""".split()
)


def _passive_with_agent(doc, verb) -> _Attribution | None:
    """"O'Malley's move was first reported by MSNBC": what was reported, by whom."""
    agent = next(c for c in verb.children if c.dep_ == "agent")
    source = next((c for c in agent.children if c.dep_ == "pobj"), None)
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if source is None or subject is None or subject.lower_ in _PRONOUNS | {"that", "which", "who"}:
        return None
    tokens = sorted(subject.subtree, key=lambda t: t.i)
    content = _trim(doc_text(doc), tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
    speaker = (source.left_edge.idx, source.idx + len(source))
    return _Attribution(verb, (verb.idx, verb.idx + len(verb)), speaker, content, "indirect")


def _has_human_subject(verb) -> bool:
    """A subject that can hold or state a view: a named person or organisation, a personal pronoun,
    or a noun such as "officials" or "the campaign"."""
    subject = _subject(verb)
    if subject is None:
        return False
    return subject.ent_type_ in _SPEAKER_ENTITIES or subject.lower_ in _PRONOUNS - {"it"} or subject.lemma_.lower() in _PEOPLE


def _attribution(doc, verb, start: int, end: int) -> _Attribution | None:
    content = _trim(doc_text(doc), start, end)
    if content[1] - content[0] < 2:
        return None
    return _Attribution(verb, (verb.idx, verb.idx + len(verb)), _speaker_of(verb), content, "indirect")


def _verb_with_clause(doc, verb) -> _Attribution | None:
    """"X said (that) ...": the verb's clausal complement."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return None
    tokens = _clause_tokens(clause)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    if clause.i > verb.i:
        start = _skip_that(doc, tokens[0])
    return _attribution(doc, verb, start, end)


def _clause_tokens(clause) -> list:
    """The clause's words, up to a coordinated reporting verb of the speaker's own that the parser
    hung inside it: 'said she didn't want to think about it *and predicted that* ...'."""
    tokens = list(clause.subtree)
    for token in tokens:
        if token.i > clause.i and token.dep_ == "conj" and _is_cue_word(token) and _subject(token) is None:
            cut = min(t.i for t in token.subtree)
            kept = [t for t in tokens if t.i < cut]
            while kept and kept[-1].dep_ in ("cc", "punct"):
                kept.pop()
            return kept or tokens
    return tokens


def _parenthetical(doc, verb, sent) -> _Attribution | None:
    """"..., she said, and ..." / "The plan, officials said, is dead.": the sentence around the cue."""
    if verb.dep_ not in ("parataxis", "ROOT") or _subject(verb) is None or sent is None:
        return None
    inner = sorted(t.i for t in verb.subtree)
    left, right = doc[inner[0]].idx, doc[inner[-1]].idx + len(doc[inner[-1]])
    before, after = (sent.start_char, left), (right, sent.end_char)
    if verb.dep_ == "ROOT" and before[1] - before[0] < 3:
        return None
    longest = max((before, after), key=lambda span: len(doc_text(doc)[span[0]:span[1]].strip(" ,.;")))
    if len(doc_text(doc)[longest[0]:longest[1]].split()) < 3:
        return None
    return _attribution(doc, verb, *longest)


_OBJECT_PREPS = frozenset({"for", "to", "on", "about", "against", "of"})
_COMPLEMENTS = frozenset({"prep", "oprd", "xcomp", "ccomp", "dative", "acomp"})


def _verb_with_object(doc, verb) -> _Attribution | None:
    """Wanting, calling for, criticizing...: "X called for Y", "X wants to Y", "X criticized Y as Z",
    "X accused Y of Z": the first object and the complements after it."""
    if _speaker_of(verb) is None:
        return None
    first = next((c for c in verb.rights if _is_object(c)), None)
    if first is None:
        return None
    tokens = _object_tokens(verb, first)
    return _attribution(doc, verb, tokens[0].idx, tokens[-1].idx + len(tokens[-1])) if tokens else None


def _is_object(child) -> bool:
    """A child that holds what the verb is about: its object, its clause, "for"/"about"/... X."""
    if child.lower_ in ("so", "yes", "no") and child.dep_ in ("advmod", "intj", "dobj"):
        return True  # "half said so", "75 percent said yes"
    if child.dep_ == "prep":
        return child.lower_ in _OBJECT_PREPS and any(c.dep_ in ("pobj", "pcomp") for c in child.children)
    return child.dep_ in ("dobj", "xcomp", "ccomp")


def _object_tokens(verb, first) -> list:
    """``first``'s words (without a leading preposition) and those of the complements that follow it
    ("as Z", "of Z", "to Z"), up to a comma, a conjunction or anything else."""
    tokens = list(first.subtree)[1:] if first.dep_ == "prep" else list(first.subtree)
    if verb.lemma_ in _ADDRESSEE_VERBS and first.dep_ == "dobj" and _is_someone(first):
        tokens = []  # "told Christie to get on a plane": whom it was said to is not what was said
    for child in verb.rights:
        if child.i <= first.i:
            continue
        if child.dep_ not in _COMPLEMENTS:
            break
        tokens += list(child.subtree)
    return sorted(tokens, key=lambda t: t.i)


def _is_someone(token) -> bool:
    """A person or group ("reporters", "Congress", "him"), not a thing said."""
    return token.ent_type_ in _SPEAKER_ENTITIES or token.lower_ in _PRONOUNS or token.lemma_.lower() in _PEOPLE


def _skip_that(doc, first) -> int:
    if first.lower_ == "that" and first.i + 1 < len(doc):
        return doc[first.i + 1].idx
    return first.idx


def _noun_cue(doc, noun) -> _Attribution | None:
    """"his plan to cut taxes", "Trump's claim that ...", "the ministry's assessment of ...":
    a statement noun with its owner as the speaker."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp", "relcl") and child.i > noun.i or (child.dep_ == "prep" and child.lower_ in ("of", "on", "about", "for")):
            tokens = sorted(child.subtree, key=lambda t: t.i)
            if child.dep_ == "prep":
                tokens = tokens[1:]
            if child.dep_ == "relcl" or not tokens:
                continue
            start = _skip_that(doc, tokens[0])
            content = _trim(doc_text(doc), start, tokens[-1].idx + len(tokens[-1]))
            if content[1] - content[0] < 2:
                return None
            speaker = (owner.left_edge.idx, owner.idx + len(owner))
            return _Attribution(noun, (noun.idx, noun.idx + len(noun)), speaker, content, "indirect")
    return None


_COLON_LINE = re.compile(r"(?P<source>[A-Z][^:\n]{1,60}?)\s*:\s+(?P<content>\S[^\n]*)")
#: Labels of a newsroom's own lines ("Editor's note:", "The Latest:", "UPDATE:").
_EDITORIAL = frozenset("note editor update latest question answer name photo video watch read related".split())
_SOURCE_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM", "PUNCT", "CCONJ", "PART"})


def _line_end(text: str, start: int) -> int:
    """Where the line (the paragraph, a transcript turn) that holds ``start`` ends."""
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _is_source_name(span) -> bool:
    """A short name of someone who can speak: "Graham", "Clinton camp", "NY Daily News", "Poll"."""
    if len(span) > 6 or any(t.pos_ not in _SOURCE_POS for t in span):
        return False
    if any(t.lower_ in _EDITORIAL for t in span):
        return False
    return any(t.ent_type_ in _SPEAKER_ENTITIES or t.pos_ == "PROPN" for t in span) or span[-1].lemma_.lower() in _PEOPLE


def _colon_lines(doc, sentences: _Sentences) -> list[_Attribution]:
    """"Lynch: No outside influence on FBI probe", "JAKE TAPPER: Donald Trump released a video ...":
    a sentence that opens with a short name and a colon (headlines, transcripts) is that name's, to
    the end of its line."""
    out = []
    for sent in sentences.spans:
        match = _COLON_LINE.match(sent.text)
        if match is None:
            continue
        source = doc.char_span(sent.start_char + match.start("source"), sent.start_char + match.end("source"))
        if source is None or not _is_source_name(source) or match["content"][0].isdigit():
            continue
        colon = sent.start_char + match.end("source") + match.group(0)[match.end("source"):].index(":")
        start = sent.start_char + match.start("content")
        content = _trim(doc_text(doc), start, _line_end(doc_text(doc), start))
        if content[1] - content[0] >= 2:
            out.append(_Attribution(doc[source.end], (colon, colon + 1), (source.start_char, source.end_char), content, "indirect"))
    return out


def _according_to(doc, according, sent) -> _Attribution | None:
    """"According to X, ..." and "..., according to X.": the sentence is X's."""
    to = doc[according.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    return _sourced_sentence(doc, according, to, source, sent)


def _in_poll(doc, prep, sent) -> _Attribution | None:
    """"In a CBS News poll, she led Sanders 56 percent to 32": the rest of the sentence is the poll's."""
    source = next((c for c in prep.children if c.dep_ == "pobj" and c.lemma_ in _POLLS), None)
    return _sourced_sentence(doc, prep, prep, source, sent)


def _sourced_sentence(doc, first, last, source, sent) -> _Attribution | None:
    """The sentence around a source phrase from ``first`` to the end of ``source``: the rest after
    it when the phrase opens the sentence, else the longer side ("At the heart of it, according to X,
    was ...")."""
    if source is None or sent is None:
        return None
    phrase_end = max(t.i for t in source.subtree) + 1
    after = (doc[min(phrase_end, sent.end - 1)].idx, sent.end_char)
    if first.i == sent.start:
        start, end = after
    else:
        start, end = max((sent.start_char, first.idx), after, key=lambda span: len(doc_text(doc)[span[0]:span[1]].split()))
    content = _trim(doc_text(doc), start, end)
    if content[1] - content[0] < 2:
        return None
    speaker = (source.left_edge.idx, source.idx + len(source))
    return _Attribution(first, (first.idx, last.idx + len(last)), speaker, content, "indirect")


# -- speakers ----------------------------------------------------------------------------------------


def _subject(verb):
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _speaker_of(verb) -> tuple[int, int] | None:
    """The subject's noun phrase; for "adding that ..." or "and said ..." the subject up the tree;
    for "a group backing Bush" the noun the participle describes; for "a group that backs Bush" the
    noun and the relative pronoun."""
    token = verb
    for _ in range(4):
        subject = _subject(token)
        if subject is not None and subject.tag_ in ("WDT", "WP") and token.dep_ == "relcl":
            return (token.head.left_edge.idx, subject.idx + len(subject))  # "a group that backs X"
        if subject is not None:
            return (subject.left_edge.idx, subject.idx + len(subject))
        if token.dep_ == "acl" and token.tag_ == "VBG" and token.head.pos_ in ("NOUN", "PROPN"):
            return (token.head.left_edge.idx, token.head.idx + len(token.head))
        if token.dep_ not in ("advcl", "conj", "xcomp", "acl", "parataxis", "pcomp", "pobj", "prep") or token.head is token:
            return None
        token = _reporting_head(token)
    return None


def _reporting_head(token):
    """The verb whose subject ``token`` shares: its head, or, for a reporting verb the parser put
    inside what was said ("said it was over *and predicted* ..."), the verb that reports it (but
    "reported that Putin condemned X *and said* ...": coordinated with a reporting verb, Putin's)."""
    if token.dep_ == "conj" and token.head.dep_ == "ccomp" and _is_cue_word(token) and not _is_cue_word(token.head):
        return token.head.head
    return token.head


def _is_cue_word(token) -> bool:
    """A verb in either lexicon."""
    return token.pos_ == "VERB" and (token.lemma_ in CUE_LEMMAS or token.lemma_ in OBJECT_CUES)


def _resolve_pronouns(quotes: list[Quote], entities_by_id: dict) -> list[Quote]:
    """"he"/"she" -> the last speaker who is a person; "it" -> the last who is not; others stay."""
    out: list[Quote] = []
    last: dict[str, Quote] = {}
    for q in quotes:
        pronoun = (q.speaker or "").lower()
        wanted = "person" if pronoun in ("he", "she") else "other" if pronoun == "it" else None
        if wanted and wanted in last:
            q = replace(q, speaker=last[wanted].speaker, speaker_entity=last[wanted].speaker_entity)
        elif q.speaker and pronoun not in _PRONOUNS:
            entity = entities_by_id.get(q.speaker_entity)
            last["person" if entity is not None and entity.type == "person" else "other"] = q
        out.append(q)
    return out


# -- assembling ----------------------------------------------------------------------------------------


def _drop_framing(found: list[_Attribution]) -> list[_Attribution]:
    """Keep every quotation; drop reported speech that only repeats or frames something else.

    An indirect attribution goes when it overlaps a direct quote (the quote is the better record)
    or holds another attribution by a different speaker (then it
    only frames it: "Russian state media reported that Putin said ..."; its media source is found
    again as the inner quote's ``via``). Reported speech inside other reported speech ("she said he
    wants to cut taxes") is kept only as part of the outer one: nested, it is rarely a statement of
    its own (about one in five on PolNeAR train). A partial quote that is most of a reported clause
    goes instead: the clause is the better record ('said that their father "could be unyielding"')."""
    marked = [a for a in found if a.kind != "indirect"]
    keep = list(marked)
    for a in (a for a in found if a.kind == "indirect"):
        if a.speaker_span is None:
            continue
        if any(_overlap(a.content, b.content) > 0.5 for b in marked if b.kind == "direct"):
            continue
        for b in [b for b in keep if b.kind == "partial" and _overlap(b.content, a.content) > 0.8 and _overlap(a.content, b.content) > 0.5]:
            keep.remove(b)  # 'said that their father "could be unyielding"': the whole clause
        frames = _is_framing(a) and any(b is not a and _contains(a.content, b.content) and b.speaker_span != a.speaker_span for b in found)
        if not frames and not any(b.content == a.content for b in keep):
            keep.append(a)
    return _drop_nested(keep)


def _drop_nested(found: list[_Attribution]) -> list[_Attribution]:
    """Reported speech whose content lies inside another's (see :func:`_drop_framing`)."""
    reported = [a.content for a in found if a.kind == "indirect"]
    return [a for a in found if a.kind != "indirect" or not any(_contains(outer, a.content) for outer in reported)]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """How much of ``a`` lies inside ``b``."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return inter / max(1, a[1] - a[0])


def _contains(outer: tuple[int, int], inner: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1] and outer != inner


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """No surrounding white space, quotation marks, trailing punctuation or attribution phrase."""
    piece = text[start:end]
    cut = _TRAILING.search(piece)
    if cut:
        piece = piece[:cut.start()]
    end = start + len(piece)
    while start < end and (text[start].isspace() or text[start] in "“”\"‘,;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "“”\"’,;:."):
        end -= 1
    return start, end


def _to_quote(doc, a: _Attribution, mentions, sentences: _Sentences) -> Quote:
    text = doc_text(doc)
    speaker, entity = _speaker_name(text, a.speaker_span, mentions)
    sent = sentences.at(a.content[0])
    via = _via(sent.text) if sent is not None else None
    cue_text = text[a.cue_span[0]:a.cue_span[1]] or None
    return Quote(
        text=text[a.content[0]:a.content[1]], start=a.content[0], end=a.content[1], kind=a.kind,
        cue=cue_text, cue_start=a.cue_span[0] if cue_text else None, cue_end=a.cue_span[1] if cue_text else None,
        speaker=speaker, speaker_start=a.speaker_span[0] if a.speaker_span else None,
        speaker_end=a.speaker_span[1] if a.speaker_span else None, speaker_entity=entity, via=via,
    )


def _speaker_name(text: str, span, mentions) -> tuple[str | None, str | None]:
    if span is None:
        return None, None
    inside = [e for s, e_, e in mentions if s >= span[0] and e_ <= span[1]]
    people = [e for e in inside if e.type == "person"] or inside
    if people:
        return people[-1].name, people[-1].id
    name = re.sub(r"^(?:the|a|an)\s+", "", text[span[0]:span[1]].strip(), flags=re.I)
    return name or None, None


def _via(sentence: str) -> str | None:
    """The outlet a sentence credits: "per the Washington Post", "..., the New York Times reported"."""
    sentence = sentence.strip()
    for pattern in (_VIA_PER, _VIA_REPORTED):
        match = pattern.search(sentence)
        if match and _MEDIA.search(match["via"]):
            return match["via"].strip().rstrip(".")
    framing = re.match(r"^(?:At [^,]+,\s*)?(?P<via>(?:[A-Z][\w-]*\s+)?(?:state\s+)?media)\s+reported\b", sentence)
    return framing["via"] if framing else None


def _is_framing(a: _Attribution) -> bool:
    """"reported", "revealed": a cue that may only pass on someone else's words."""
    return getattr(a.cue, "lemma_", "") in _FRAMING
