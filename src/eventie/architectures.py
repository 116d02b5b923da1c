"""Model architectures eventie registers with spaCy.

The shipped NER used to carry its own embedding and four-layer CNN, which cost as much as the base
pipeline's ``tok2vec`` that runs anyway for the tagger and parser. Listening to that shared, frozen encoder
removes most of the second encoder's work, but its features were trained for OntoNotes tags and entities,
not for eventie's labels (a plain listener reached a dev NER F1 of about 0.60 where the own CNN reached
0.86). So the NER reads the shared features beside a small embedding of its own (trainable, for the
domain's words: Kamaz, HUR, Shahed) and re-encodes both with a few residual window layers, the building block
of spaCy's ``MaxoutWindowEncoder``. The base stays frozen, so the tagger and parser are untouched.
"""

from __future__ import annotations

from spacy.ml.models.tok2vec import MaxoutWindowEncoder, MultiHashEmbed
from spacy.pipeline.tok2vec import Tok2VecListener
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Maxout, Model, chain, concatenate, with_array
from thinc.types import Floats2d


@registry.architectures("eventie.AdaptedListener.v1")
def adapted_listener(
    width: int,
    upstream: str = "tok2vec",
    depth: int = 2,
    embed_width: int = 0,
    embed_attrs: list[str] | None = None,
    embed_rows: list[int] | None = None,
    window_size: int = 1,
    maxout_pieces: int = 3,
) -> Model[list[Doc], list[Floats2d]]:
    """The upstream ``tok2vec``'s output, optionally beside an own embedding, re-encoded by ``depth`` layers.

    ``width`` must be the upstream encoder's width (96 for en_core_web_sm). With ``embed_width`` 0 and
    ``depth`` 0 this is spaCy's plain listener.
    """
    listener: Model = Tok2VecListener(upstream_name=upstream, width=width)
    features: Model = listener
    if embed_width:
        embed = MultiHashEmbed(
            width=embed_width,
            attrs=list(embed_attrs or ["NORM", "SHAPE"]),
            rows=list(embed_rows or [5000, 1000]),
            include_static_vectors=False,
        )
        mix = with_array(Maxout(nO=width, nI=width + embed_width, nP=maxout_pieces, normalize=True))
        features = chain(concatenate(listener, embed), mix)
    if depth == 0:
        return features
    encoder = MaxoutWindowEncoder(width=width, window_size=window_size, maxout_pieces=maxout_pieces, depth=depth)
    model: Model = chain(features, encoder)
    model.set_dim("nO", width)
    return model
