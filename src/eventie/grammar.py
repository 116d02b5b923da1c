"""The base parser's label scheme and the punctuation marks the components test for, each set named once.

These stay in code, not in ``data/``: they are not vocabulary. The dependency labels are the ClearNLP
scheme the pinned spaCy English parser predicts (``nsubj``, ``dobj``, ``pobj`` ...; ``obj`` is the UD name
some pipelines use), the POS tags are the Universal Dependencies coarse tags (``token.pos_``), and the
punctuation is what the tokenizer splits off. A rule file could only change them by naming labels the parser
never writes; a new parser with another scheme means new code, so the sets live beside the code that walks
the parse. Words of the language (cue verbs, nouns, connectors such as "to") belong in the data files.

Each constant is a frozenset for membership tests, except where a caller needs a sequence (``str.endswith``
takes a tuple; a Matcher pattern takes a list: pass ``sorted(...)``). Two sites share a constant only when
they test the very same set.
"""

from __future__ import annotations

# --- dependency labels (ClearNLP) ---------------------------------------------------------------------
# the verb's core arguments: subject, passive subject, direct object
CORE_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
# the core arguments plus the object of a preposition ("killed about a dozen more", "among the dead")
ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "pobj"})
# a noun phrase standing as an argument, a conjunct or an appositive: where a count names the harmed
NOMINAL_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "pobj", "conj", "appos"})
# a channel word as a noun of the clause: object, subject, compound, conjunct ("on Telegram", "a Telegram post")
CHANNEL_NOUN_DEPS = frozenset({"pobj", "dobj", "nsubj", "compound", "conj"})
# the positions in which a bare country name acts: subject, passive subject, possessor, "by" agent
ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent"})
# the object a verb acts on, under either scheme's name, or the subject of its passive
PATIENT_DEPS = frozenset({"dobj", "nsubjpass", "obj"})
# a word modifying a noun: compound noun, adjective, nominal modifier ("the Iraq border", "Iraqi border")
NOUN_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
# what the small parser hangs inside an object when it misses an object complement ("called the strikes a war crime")
OBJECT_COMPLEMENT_IN_NOUN_DEPS = frozenset({"appos", "amod", "nmod"})
# the links of a noun-phrase chain up to its verb ("to the town of X", "toward X and Y")
NOUN_CHAIN_DEPS = frozenset({"appos", "pobj", "prep", "dobj", "conj", "compound"})
# clausal and prepositional-clause complements and adverbial clauses ("tried to kill", "denied killing")
EMBEDDED_CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "advcl"})
# a verb's clausal complements and objects ("failed to strike", "planned an attack", "aimed at X")
COMPLEMENT_OR_OBJECT_DEPS = frozenset({"xcomp", "dobj", "pobj", "ccomp"})
# a verb's predicate complements: object predicate, open and closed clauses, adjectival complement
PREDICATE_COMPLEMENT_DEPS = frozenset({"oprd", "xcomp", "ccomp", "acomp"})
# dependents of a predicate that can carry its outcome word ("were killed", "left dead", "the toll was wounded")
PREDICATE_DEPENDENT_DEPS = frozenset({"nsubj", "nsubjpass", "compound", "amod", "acomp", "oprd", "xcomp", "attr"})
# what a speech verb's content hangs on: clause, object, parataxis, open complement
REPORTED_CONTENT_DEPS = frozenset({"ccomp", "dobj", "parataxis", "xcomp"})
# a clause modifying a noun or a verb: relative clause, clausal modifier, adverbial clause
MODIFIER_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl"})
# a verb attached under another verb as an adverbial clause, open complement or clausal modifier
SUBORDINATE_VERB_DEPS = frozenset({"advcl", "xcomp", "acl"})
# a verb with a clausal complement or in the passive ("said to have", "was reported")
CLAUSAL_OR_PASSIVE_DEPS = frozenset({"ccomp", "xcomp", "auxpass", "nsubjpass"})

# --- coarse POS tags (Universal Dependencies) -------------------------------------------------------
# words that may stand between a demonym and a personnel noun ("Ukrainian-led border guards"); a Matcher list
PRENOMINAL_POS = ("ADJ", "NOUN", "PROPN", "VERB")
# the word classes an outcome word after a count can take ("12 dead", "3 killed", "40 deaths")
OUTCOME_WORD_POS = frozenset({"ADJ", "VERB", "NOUN"})
# nouns, names and pronouns: the head of a noun phrase
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON"})
# what may stand between a count and its head noun ("12 Russian soldiers", "nine of the militants")
NOUN_PHRASE_POS = frozenset({"ADJ", "PROPN", "NOUN", "DET", "NUM"})
# what may stand between a count and a weapon noun ("three Russian T-90 tanks")
WEAPON_MODIFIER_POS = frozenset({"ADJ", "PROPN", "NOUN", "PUNCT"})
# the words of a list of names ("the United States, France and Canada")
NAME_LIST_POS = frozenset({"PROPN", "DET", "CCONJ"})
# adverbs, auxiliaries and particles between a subject and its verb ("officials also said", "have said")
PREVERBAL_POS = frozenset({"ADV", "AUX", "PART"})
# the tokens that make a phrase a clause: verbs, auxiliaries, pronouns, subordinators
CLAUSE_POS = frozenset({"VERB", "AUX", "PRON", "SCONJ"})

# --- punctuation --------------------------------------------------------------------------------------
# a hyphen and the straight and curly quote marks, inside a noun phrase (11 "armed terrorists")
PHRASE_INNER_PUNCT = frozenset({"-", '"', "'", "\u201c", "\u201d", "\u2018", "\u2019"})
# the marks that end a speaker's noun phrase: comma, semicolon, em dash
SPEAKER_END_PUNCT = frozenset({",", ";", "\u2014"})
# the marks that set off a name before a cue: comma, em dash, semicolon, colon
NAME_OFFSET_PUNCT = frozenset({",", "\u2014", ";", ":"})
# the marks that open or close a parenthetical phrase: comma, semicolon, colon, dashes, brackets
PHRASE_BREAK_PUNCT = frozenset({",", ";", ":", "\u2014", "\u2013", "(", ")"})
# a sentence or clause break as token text, the newline included
BREAK_TEXT = frozenset({".", ";", "\n"})
# the dashes a dateline ends in ("KYIV -", "KYIV --", "KYIV \u2014")
DATELINE_DASHES = frozenset({"-", "--", "\u2013", "\u2014", "\u2015"})
# the marks that end a sentence or clause before a dateline could
CLAUSE_END_PUNCT = frozenset({".", "!", "?", ";"})
# the final marks that make a line a sentence, not a headline (a tuple for ``str.endswith``)
SENTENCE_FINAL_MARKS = (".", '"', "\u201d")

# --- token attributes ---------------------------------------------------------------------------------
# the Matcher attributes a pattern's fixed word can be given by (``AnchoredMatcher``), in the order tried
ANCHOR_ATTRS = ("LOWER", "LEMMA", "ORTH")
