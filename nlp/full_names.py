"""The longer form of a one-word name that the article writes elsewhere: a reporter names
"Yohanes Tandirerung" once (in a caption or a list no pattern reads) and then quotes
"Yohanes"; the schema wants the full name."""

from __future__ import annotations

from nlp.name_spans import VERBAL_PREFIX, name_end
from nlp.person_names import clean_name, people_lexicon
from nlp.sentence_view import SentenceView


def full_forms(view: SentenceView, word: str) -> list[str]:
    """Longer names in the sentence that begin or end with the one-word name ``word``
    ("Yakob Wamafma" for a "kata Yakob" elsewhere)."""
    lex = people_lexicon()
    forms = []
    for i, token in enumerate(view.tokens):
        if token.text != word:
            continue
        first = i
        while first > 0 and view.tokens[first - 1].is_word and \
                view.tokens[first - 1].is_capitalised and view.low[first - 1] not in \
                lex.role_words and view.low[first - 1] not in lex.not_names and \
                view.mention_covering(first - 1) is None and \
                view.low[first - 1] not in lex.speech_verbs and \
                not VERBAL_PREFIX.match(view.low[first - 1]):
            first -= 1
        if first == 0 and first < i:
            continue  # "Harapan Yanto" opening a sentence: maybe a word, not a first name
        name = clean_name(view.tokens[first:name_end(view, first)])
        if name is not None and len(name.split()) > 1 and word in (name.split()[0],
                                                                  name.split()[-1]):
            forms.append(name)
    return forms
