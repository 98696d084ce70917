"""Entities, sentences and claims of one article: resolution rules and exact offsets."""

from __future__ import annotations

import pytest

from conftest import AXIOS_SEED, CNN_SEED
from newsprism.annotate.claims import find_claims, parse_number
from newsprism.annotate.entities import find_entities
from newsprism.annotate.nlp import load_nlp
from newsprism.annotate.sentences import find_sentences
from newsprism.ingest import Input, read_input


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def seed_doc(nlp, path):
    (article,) = list(read_input(Input(str(path))))
    return nlp(article.text)


def by_name(entities):
    return {e.name: e for e in entities}


def assert_offsets(text, entities):
    for entity in entities:
        for m in entity.mentions:
            assert text[m.start:m.end] == m.text


def test_cnn_seed_people_with_roles_and_descriptions(nlp):
    doc = seed_doc(nlp, CNN_SEED)
    entities = find_entities(doc)
    assert_offsets(doc.text, entities)
    names = by_name(entities)
    putin = names["Vladimir Putin"]
    assert {"Putin", "The Russian leader"} <= set(putin.aliases)
    assert "President" in putin.roles and "nationality:Russian" in putin.roles
    xi = names["Xi Jinping"]
    assert {"Xi", "The Chinese leader"} <= set(xi.aliases)
    assert "Savkat Mirziyoyev" in names and "nationality:Uzbek" in names["Savkat Mirziyoyev"].roles
    assert set(names["Kassym-Jomart Tokayev"].aliases) == {"Tokayev"}
    # adjectival nationalities are attributes, not entities
    assert "Russian" not in names


def test_axios_seed_acronyms_and_places(nlp):
    doc = seed_doc(nlp, AXIOS_SEED)
    entities = find_entities(doc)
    assert_offsets(doc.text, entities)
    names = by_name(entities)
    sco = names["Shanghai Cooperation Organization"]
    assert "SCO" in sco.aliases and sco.type == "organization" and len(sco.mentions) >= 3
    assert "CCP" in names["Chinese Communist Party"].aliases
    assert names["United States"].type == "place" and "U.S." in names["United States"].aliases
    assert "the Russian president" in names["Vladimir Putin"].aliases
    assert names["Li Zhanshu"].aliases == ("Li",)


def test_invented_article(nlp):
    text = (
        "Estonian Prime Minister Kadri Saar met the head of the Baltic Energy Council (BEC) in Tallinn. "
        "Saar said the BEC would publish its plan. The Estonian leader later flew to Riga."
    )
    entities = find_entities(nlp(text))
    assert_offsets(text, entities)
    names = by_name(entities)
    saar = names["Kadri Saar"]
    assert set(saar.aliases) == {"Saar", "The Estonian leader"} or set(saar.aliases) == {"Saar"}
    assert "Prime Minister" in saar.roles
    council = names.get("Baltic Energy Council")
    assert council is not None and "BEC" in council.aliases


def test_sentences_break_at_paragraphs_and_keep_closing_quotes(nlp):
    text = 'Headline without a stop\n\nThe minister said: "We will rebuild."\n\n"Soon," she added.'
    sentences = find_sentences(nlp(text))
    assert [s.text for s in sentences] == ["Headline without a stop", 'The minister said: "We will rebuild."', '"Soon," she added.']
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_claims_split_independent_clauses_and_fill_slots(nlp):
    text = "Prices rose 4 percent in Paris, and the mayor of Paris did not resign. The council approved 300 new homes."
    doc = nlp(text)
    entities = find_entities(doc)
    claims = find_claims(doc, find_sentences(doc), entities)
    assert all(text[c.start:c.end] == c.text for c in claims)
    assert [c.text for c in claims] == [
        "Prices rose 4 percent in Paris",
        "the mayor of Paris did not resign.",
        "The council approved 300 new homes.",
    ]
    first, second, third = claims
    assert first.action == "rise" and not first.negated
    assert first.numbers[0]["value"] == 4.0 and first.numbers[0]["unit"] == "percent"
    paris = by_name(entities)["Paris"].id
    assert first.places == (paris,)
    assert second.action == "resign" and second.negated
    assert third.numbers[0]["value"] == 300.0 and third.numbers[0]["unit"] == "home"


@pytest.mark.parametrize(
    "text, value",
    [("5,000", 5000.0), ("$1.2 billion", 1.2e9), ("two", 2.0), ("40%", 40.0), ("three million", 3e6), ("dozens", 24.0)],
)
def test_parse_number(text, value):
    assert parse_number(text) == value
