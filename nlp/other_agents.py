"""Visit words whose traveller is not a legislative body: "Presiden Joko Widodo melakukan
kunjungan kerja ke Kabupaten X", "Kunjungan kerja Gubernur ke Kota Y". Such a sentence
names no institution as the traveller, so without this check the visit would be given to
the article's own legislature, which is often only quoted elsewhere in the article (a
false alarm the schema rules out: a visit needs a legislative body on one side acting as
such).
"""

from __future__ import annotations

from nlp.sentence_view import SentenceView
from nlp.triggers import Trigger, trigger_lexicon

SUBJECT_REACH = 10  # tokens before a visit word searched for its traveller
# Ends of the clause that holds the visit word's subject.
CLAUSE_ENDS = {";", ":", ".", "”", "“", '"', "sedangkan", "sementara", "namun", "tetapi",
               "adapun"}
# An actor after these is a companion, an addressee or an agent of a passive, not the subject.
NOT_SUBJECT_AFTER = {"ke", "di", "dari", "kepada", "dengan", "oleh", "bagi", "bersama",
                     "mendampingi", "didampingi", "menemui", "menerima", "bertemu"}


def told_of_another(view: SentenceView, trigger: Trigger) -> bool:
    """Whether the visit word's traveller, where the sentence names one, is an actor of
    ``other_actors`` (president, minister, governor, police chief...): the word right after a
    visit noun ("kunjungan kerja Presiden ..."), or a word of the clause before the visit
    word ("Presiden Joko Widodo melakukan kunjungan kerja ...")."""
    low = view.low
    if trigger.role == "noun":
        j = trigger.last
        if j < len(low) and low[j] == "(":  # "kunjungan kerja (kunker) Presiden"
            while j < len(low) and low[j] != ")":
                j += 1
            j += 1
        if _actor_at(low, j):
            return True
    # another visit word before this one ends the search: "Gubernur menerima kunjungan
    # kerja ..." names the host
    other_words = {j for t in view.triggers if t is not trigger for j in range(t.first, t.last)}
    for j in range(trigger.first - 1, max(-1, trigger.first - 1 - SUBJECT_REACH), -1):
        if low[j] in CLAUSE_ENDS or j in other_words:
            break
        if _actor_at(low, j) and (j == 0 or low[j - 1] not in NOT_SUBJECT_AFTER):
            return True
    return False


def _actor_at(low: list[str], j: int) -> bool:
    if j >= len(low):
        return False
    lexicon = trigger_lexicon()
    return low[j] in lexicon.other_actors or tuple(low[j:j + 2]) in lexicon.other_actor_pairs
