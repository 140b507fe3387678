"""Rebuilds the Stanza models bundled in ``nlp/stanza_models`` from the public treebanks.

Run ``python -m nlp.train`` (or ``kunker models train``). Every model is trained with
Stanza's own trainers, so the result loads through the same ``stanza.Pipeline`` call as the
official models. Split, sizes and steps live in ``nlp.train.config``.
"""
