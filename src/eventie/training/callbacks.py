"""spaCy registry callbacks used by eventie's training configs.

spaCy does not initialise frozen components (it assumes they were sourced from a trained pipeline), but a
frozen transformer built from local Hugging Face weights still has to load those weights before its
listeners can be sized. ``trf_frozen.cfg`` therefore initialises it in ``before_init``.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.util import registry


@registry.callbacks("eventie.init_frozen_transformer.v1")
def make_init_frozen_transformer(tokenizer: str, vocab: str, transformer: str = "transformer") -> Callable[[Language], Language]:
    """Copy tokenizer and vocab from the base pipeline (as spacy.copy_from_base_model.v1), then load the
    frozen transformer's weights and connect its listeners."""
    copy_base = registry.callbacks.get("spacy.copy_from_base_model.v1")(tokenizer=tokenizer, vocab=vocab)

    def init(nlp: Language) -> Language:
        nlp = copy_base(nlp) or nlp
        # spaCy runs this with frozen components disabled, so the transformer is not in nlp.pipeline and
        # its own initialize() would find no listeners: link them here, once its width is known.
        if transformer in nlp.component_names:
            trf = nlp.get_pipe(transformer)
            trf.initialize(lambda: [], nlp=None)
            names = nlp.component_names
            for name in names[names.index(transformer) + 1 :]:
                trf.find_listeners(nlp.get_pipe(name))
        return nlp

    return init
