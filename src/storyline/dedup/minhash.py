"""Near-duplicate detection at store scale: vectorised MinHash signatures and an LSH banding index.

Why not ``datasketch`` directly: it hashes every shingle in Python (one SHA-1 call per shingle) and
then applies ``num_perm`` affine permutations per shingle, so a 600-word article costs ~1.5 ms of
CPU (686 docs/CPU-second measured by ``bench_minhash.py --docs 100000``; this module: 5,900).
Here a whole batch of documents is processed with a handful of NumPy passes:

* words are found and hashed on the raw UTF-8 bytes with *tabulation hashing* (XOR of random table
  entries indexed by byte and position in the word), so no Python object is created per word;
* a shingle hash combines ``shingle`` consecutive word hashes with random odd multipliers, then a
  64-bit finaliser mixes it;
* the signature is a *one-permutation* MinHash (Li, Owen & Zhang 2012): the single hash picks one of
  ``num_perm`` bins and the bin keeps its minimum, so the cost is one pass per shingle instead of
  ``num_perm``.  Empty bins (short texts) are filled by *optimal densification* (Shrivastava 2017): an
  empty bin borrows the value of the first non-empty bin on a probe sequence that depends only on the
  bin number, so two texts' bins still collide with probability equal to their Jaccard
  similarity (the estimator stays unbiased) and LSH banding stays valid.

``benchmarks/bench_minhash.py`` compares speed, peak memory and candidate-pair recall with
``datasketch`` in the same run.  Signatures are only comparable between hashers built with the same
``num_perm``, ``shingle`` and ``seed`` (and this hashing scheme): whoever persists signatures must
keep :attr:`MinHasher.params` with them and recompute when they change.
"""

from __future__ import annotations

import io
import itertools
import json
import struct
import unicodedata
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from storyline.identity import article_id

__all__ = [
    "MinHasher",
    "LSHIndex",
    "estimate_jaccard",
    "exact_key",
    "EMPTY",
    "DEFAULT_NUM_PERM",
    "DEFAULT_BANDS",
    "DEFAULT_ROWS",
]

#: Signature length.  128 bins give a Jaccard estimate with standard error sqrt(J(1-J)/128) = 0.035 at
#: J = 0.8 (one-permutation hashing is no worse than k permutations once texts have more shingles than
#: bins); the unit tests check the estimate stays within 0.13 of the true value over J = 0.03-1.
DEFAULT_NUM_PERM = 128
#: Banding 25 x 5 (125 of the 128 values): P(candidate) = 1 - (1 - J^5)^25 is 0.99995 at J = 0.8 and
#: 0.55 at J = 0.5; the S-curve midpoint is ~0.53.  ``bench_minhash.py --docs 100000`` measured pair
#: recall 1.000 (954 of 954 planted pairs with true Jaccard >= 0.8) with 2,004 candidate pairs for
#: 2,000 planted copies, i.e. almost no chance collisions to verify.  For reference, the example
#: corpus's AFP copies (own headline and standfirst) have Jaccard 0.79-0.82 between them and its
#: rewrite 0.03, so candidates at 0.5 cover trimmed copies while rewrites stay out.
DEFAULT_BANDS = 25
DEFAULT_ROWS = 5

#: Value of a bin that no shingle fell into (only for empty texts after densification).
EMPTY = np.uint32(0xFFFFFFFF)

_MASK32 = np.uint64(0xFFFFFFFF)
_NO_HASH = np.zeros(0, dtype=np.uint64)
#: Bytes hashed per word position; longer words share the last position's table row.  News words
#: longer than 48 UTF-8 bytes are URLs or glued tokens, where a rare collision does not matter.
_MAX_WORD_POS = 48
#: Documents are processed this many characters at a time: the per-byte temporaries stay around
#: 30 MB per thread whatever the corpus size, and batches are many enough to share between threads.
_BATCH_BYTES = 2_000_000


def _word_byte_table() -> np.ndarray:
    """True for bytes that belong to words: ASCII letters/digits and every non-ASCII byte.

    Non-ASCII bytes are UTF-8 pieces of accented or non-Latin letters; the common typographic
    punctuation among them is cleared again by :func:`_word_mask`.
    """
    table = np.zeros(256, dtype=bool)
    for lo, hi in ((48, 57), (65, 90), (97, 122), (128, 255)):
        table[lo : hi + 1] = True
    return table


_IS_WORD = _word_byte_table()


def _word_mask(raw: np.ndarray) -> np.ndarray:
    """Word-byte mask of UTF-8 text, with typographic punctuation treated as separators.

    U+0080-U+00BF (no-break space, « », ©, °...) are encoded C2 80-BF, and U+2000-U+207F (curly
    quotes, dashes, thin spaces, ellipsis...) E2 80-81 xx: these byte sequences are cleared so that
    «word» and "word" give the same word.
    """
    mask: np.ndarray = _IS_WORD[raw]
    if not (raw >= 0xC2).any():
        return mask
    c2 = np.flatnonzero((raw[:-1] == 0xC2) & (raw[1:] < 0xC0))
    mask[c2] = False
    mask[c2 + 1] = False
    e2 = np.flatnonzero((raw[:-2] == 0xE2) & ((raw[1:-1] & 0xFE) == 0x80))
    for k in range(3):
        mask[e2 + k] = False
    return mask


def _mix64(x: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser: every input bit affects every output bit (in place, returns ``x``)."""
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return x


def exact_key(text: str) -> str:
    """Key for *exact* duplicates: same normalised text (case, quotes, spaces folded) -> same key."""
    return article_id(text)


def estimate_jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    a = np.asarray(sig_a)
    b = np.asarray(sig_b)
    if a.shape != b.shape or a.ndim != 1 or a.size == 0:
        raise ValueError(f"signatures must be 1-d and of equal length, got {a.shape} and {b.shape}")
    return float(np.count_nonzero(a == b)) / a.size


class MinHasher:
    """Batch MinHash signatures of texts over word shingles.

    ``signatures(texts)`` returns an ``(n, num_perm)`` ``uint32`` array.  Texts are NFKC-normalised and
    case-folded and words are runs of letters and digits, so a re-scrape with other spacing, quotes or
    punctuation gets the same signature.  A text with fewer than ``shingle`` words is one shingle.
    """

    def __init__(self, num_perm: int = DEFAULT_NUM_PERM, shingle: int = 5, seed: int = 1) -> None:
        if not 1 <= num_perm <= 4096:
            raise ValueError(f"num_perm must be in [1, 4096], got {num_perm}")
        if not 1 <= shingle <= 16:
            raise ValueError(f"shingle must be in [1, 16], got {shingle}")
        self.num_perm = num_perm
        self.shingle = shingle
        self.seed = seed
        rng = np.random.default_rng(seed)
        self._table_flat = rng.integers(0, 2**64, size=_MAX_WORD_POS * 256, dtype=np.uint64)
        # Odd multipliers keep the shingle combination a bijection in each word hash.
        self._mults = rng.integers(0, 2**64, size=shingle, dtype=np.uint64) | np.uint64(1)
        # Densification probe sequences: bin j looks at bin probes[j, t] at attempt t.  Each row is a
        # permutation of all bins, so an empty bin always finds a non-empty one if the text has any.
        self._probes = np.argsort(rng.random((num_perm, num_perm)), axis=1)

    @property
    def params(self) -> dict[str, int]:
        return {"num_perm": self.num_perm, "shingle": self.shingle, "seed": self.seed}

    def signature(self, text: str) -> np.ndarray:
        sig: np.ndarray = self.signatures([text])[0]
        return sig

    def signatures(self, texts: Sequence[str], *, workers: int = 1) -> np.ndarray:
        """``(len(texts), num_perm)`` uint32 signatures; ``workers`` > 1 hashes batches in threads.

        NumPy releases the GIL in the per-byte passes, so threads can overlap; on the shared 2-core
        development machine the gain was not measurable (other jobs held the second core), so the
        default stays 1.  Results are identical for any ``workers``.
        """
        if isinstance(texts, str):
            raise TypeError("signatures() takes a list of texts, not one string (use signature())")
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"text {i} is {type(text).__name__}, expected str")
        if workers < 1:
            raise ValueError(f"workers must be >= 1, got {workers}")
        out = np.empty((len(texts), self.num_perm), dtype=np.uint32)
        # Batch boundaries by character count (a proxy for bytes) keep the temporaries bounded.
        bounds = [0]
        size = 0
        for i, text in enumerate(texts):
            size += len(text) + 1
            if size >= _BATCH_BYTES:
                bounds.append(i + 1)
                size = 0
        if bounds[-1] != len(texts):
            bounds.append(len(texts))

        def run(lo: int, hi: int) -> None:
            # NFKC + casefold only: ``identity.normalise_text``'s character translation costs ~20x
            # more; the typography it folds is treated as word separators in ``_word_mask`` instead.
            docs = [unicodedata.normalize("NFKC", t).casefold().encode("utf-8") for t in texts[lo:hi]]
            out[lo:hi] = self._batch(docs)

        spans = list(itertools.pairwise(bounds))
        if workers == 1 or len(spans) == 1:
            for lo, hi in spans:
                run(lo, hi)
        else:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                list(pool.map(lambda span: run(*span), spans))
        return out

    # -- internals -------------------------------------------------------------------------------

    def _batch(self, docs: list[bytes]) -> np.ndarray:
        n_docs = len(docs)
        # Spaces around and between documents: not word bytes, so no word spans two documents and
        # every word has a non-word byte on both sides.
        raw = np.frombuffer(b" " + b" ".join(docs) + b" ", dtype=np.uint8)
        lengths = np.fromiter((len(d) + 1 for d in docs), dtype=np.int64, count=n_docs)
        doc_start = np.cumsum(lengths) - lengths

        is_word = _word_mask(raw)
        edges = np.flatnonzero(is_word[1:] != is_word[:-1]).astype(np.int32) + 1
        starts, ends = edges[0::2], edges[1::2]
        word_len = ends - starts
        offsets = np.cumsum(word_len, dtype=np.int32) - word_len
        # Position of each word byte inside its word (int32 keeps the per-byte passes cheap; a batch
        # is far below 2**31 bytes).
        pos = np.arange(int(word_len.sum()), dtype=np.int32) - np.repeat(offsets, word_len)
        np.minimum(pos, _MAX_WORD_POS - 1, out=pos)
        pos <<= 8
        pos |= raw[is_word]
        word_hash = np.bitwise_xor.reduceat(self._table_flat[pos], offsets) if starts.size else _NO_HASH
        first_word = np.searchsorted(starts, doc_start + 1)
        words_per_doc = np.diff(np.append(first_word, starts.size))
        word_doc = np.repeat(np.arange(n_docs, dtype=np.int64), words_per_doc)

        k = self.shingle
        n_words = word_hash.size
        if n_words >= k:
            sh = word_hash[: n_words - k + 1] * self._mults[0]
            for t in range(1, k):
                sh += word_hash[t : n_words - k + 1 + t] * self._mults[t]
            sh_doc = word_doc[: n_words - k + 1]
            valid = sh_doc == word_doc[k - 1 :]
            sh, sh_doc = sh[valid], sh_doc[valid]
        else:
            sh, sh_doc = np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
        # Documents shorter than one shingle: hash all their words as a single shingle.
        short = np.flatnonzero((words_per_doc > 0) & (words_per_doc < k))
        if short.size:
            first = np.searchsorted(word_doc, short)
            extra = np.zeros(short.size, dtype=np.uint64)
            for t in range(k - 1):
                has = t < words_per_doc[short]
                extra[has] += word_hash[first[has] + t] * self._mults[t]
            sh = np.concatenate((sh, extra))
            sh_doc = np.concatenate((sh_doc, short))
        sh = _mix64(sh)

        # One permutation: the high 32 bits choose the bin (multiply-high, any num_perm), the low
        # 32 bits are the value whose minimum the bin keeps.
        bins = ((sh >> np.uint64(32)) * np.uint64(self.num_perm)) >> np.uint64(32)
        flat = sh_doc * self.num_perm + bins.astype(np.int64)
        flat_sig: np.ndarray = np.full(n_docs * self.num_perm, EMPTY, dtype=np.uint32)
        np.minimum.at(flat_sig, flat, (sh & _MASK32).astype(np.uint32))
        return self._densify(flat_sig.reshape(n_docs, self.num_perm))

    def _densify(self, sig: np.ndarray) -> np.ndarray:
        empty = sig == EMPTY
        if not empty.any():
            return sig
        out = sig.copy()
        todo = empty & ~empty.all(axis=1, keepdims=True)
        rows, cols = np.nonzero(todo)
        for t in range(self.num_perm):
            if rows.size == 0:
                break
            src = self._probes[cols, t]
            val = sig[rows, src]
            ok = val != EMPTY
            out[rows[ok], cols[ok]] = val[ok]
            rows, cols = rows[~ok], cols[~ok]
        return out


class LSHIndex:
    """Banding LSH over MinHash signatures: keys whose signatures agree on a whole band collide.

    ``add``/``add_many`` insert, ``query`` returns keys colliding with a signature, and
    ``candidate_pairs`` lists every colliding pair (sorted key pairs) — candidates to be verified with
    :func:`estimate_jaccard` or on the texts.  ``to_bytes``/``from_bytes`` persist the whole index.
    """

    _MAGIC = b"SLLSH1"

    def __init__(
        self, num_perm: int = DEFAULT_NUM_PERM, bands: int = DEFAULT_BANDS, rows: int = DEFAULT_ROWS
    ) -> None:
        if bands < 1 or rows < 1 or bands * rows > num_perm:
            raise ValueError(f"bands * rows must be in [1, num_perm={num_perm}], got {bands} x {rows}")
        self.num_perm = num_perm
        self.bands = bands
        self.rows = rows
        rng = np.random.default_rng(0x5EED)
        self._band_mults = rng.integers(0, 2**64, size=rows, dtype=np.uint64) | np.uint64(1)
        self._keys: list[str] = []
        self._index: dict[str, int] = {}
        self._sig_chunks: list[np.ndarray] = []
        self._hash_chunks: list[np.ndarray] = []
        self._buckets: list[dict[int, list[int]]] | None = None

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._index

    @property
    def keys(self) -> list[str]:
        return list(self._keys)

    def _check(self, sigs: np.ndarray) -> np.ndarray:
        arr = np.asarray(sigs)
        if arr.ndim == 1:
            arr = arr[None, :]
        if arr.ndim != 2 or arr.shape[1] != self.num_perm:
            raise ValueError(f"signatures must have {self.num_perm} values, got shape {np.shape(sigs)}")
        return arr.astype(np.uint32, copy=False)

    def _band_hashes(self, sigs: np.ndarray) -> np.ndarray:
        """(n, bands) uint64: one hash per band of each signature.

        Computed 8,192 signatures at a time: the uint64 temporaries of a whole 100k-signature load
        would otherwise add ~200 MB to the peak.
        """
        out = np.empty((len(sigs), self.bands), dtype=np.uint64)
        for lo in range(0, len(sigs), 8192):
            part = sigs[lo : lo + 8192, : self.bands * self.rows].astype(np.uint64)
            part = part.reshape(len(part), self.bands, self.rows)
            out[lo : lo + len(part)] = _mix64((part * self._band_mults).sum(axis=2, dtype=np.uint64))
        return out

    def add(self, key: str, sig: np.ndarray) -> None:
        self.add_many([key], self._check(sig))

    def add_many(self, keys: Sequence[str], sigs: np.ndarray) -> None:
        arr = self._check(sigs)
        if len(keys) != len(arr):
            raise ValueError(f"{len(keys)} keys for {len(arr)} signatures")
        fresh: set[str] = set()
        for key in keys:
            if not isinstance(key, str):
                raise TypeError(f"keys must be str, got {type(key).__name__}")
            if key in self._index or key in fresh:
                raise ValueError(f"key {key!r} is already in the index")
            fresh.add(key)
        base = len(self._keys)
        for i, key in enumerate(keys):
            self._index[key] = base + i
        self._keys.extend(keys)
        self._sig_chunks.append(arr.copy())
        hashes = self._band_hashes(arr)
        self._hash_chunks.append(hashes)
        if self._buckets is not None:
            # Keep the query buckets current: the pipeline alternates query() and add() per article.
            self._fill_buckets(hashes, base)

    def _fill_buckets(self, hashes: np.ndarray, base: int) -> None:
        assert self._buckets is not None
        for b, bucket in enumerate(self._buckets):
            for i, h in enumerate(hashes[:, b].tolist(), start=base):
                bucket.setdefault(h, []).append(i)

    def _all_hashes(self) -> np.ndarray:
        if not self._hash_chunks:
            return np.zeros((0, self.bands), dtype=np.uint64)
        if len(self._hash_chunks) > 1:
            self._hash_chunks = [np.concatenate(self._hash_chunks)]
        return self._hash_chunks[0]

    def signature_of(self, key: str) -> np.ndarray:
        if len(self._sig_chunks) > 1:
            self._sig_chunks = [np.concatenate(self._sig_chunks)]
        sig: np.ndarray = self._sig_chunks[0][self._index[key]]
        return sig

    def query(self, sig: np.ndarray) -> list[str]:
        """Keys whose signature shares at least one band with ``sig`` (in insertion order)."""
        band_hash = self._band_hashes(self._check(sig))[0]
        if self._buckets is None:
            # Built on the first query only, so bulk loading followed by candidate_pairs() never pays
            # for the per-key dictionaries; kept up to date by add_many() afterwards.
            self._buckets = [{} for _ in range(self.bands)]
            self._fill_buckets(self._all_hashes(), 0)
        found: set[int] = set()
        for b, h in enumerate(band_hash.tolist()):
            found.update(self._buckets[b].get(h, ()))
        return [self._keys[i] for i in sorted(found)]

    def candidate_pairs(self) -> set[tuple[str, str]]:
        """Every pair of keys colliding in at least one band, each as ``(smaller, larger)`` key."""
        hashes = self._all_hashes()
        pairs: set[tuple[int, int]] = set()
        for b in range(self.bands):
            col = hashes[:, b]
            order = np.argsort(col, kind="stable")
            sorted_h = col[order]
            same = np.flatnonzero(sorted_h[1:] == sorted_h[:-1])
            if same.size == 0:
                continue
            # Runs of equal hashes: expand each run into its pairs (runs are tiny except for
            # degenerate inputs such as many empty texts, which all collide by design).
            run_starts = np.flatnonzero(np.diff(np.concatenate(([-2], same))) != 1)
            for r, s in enumerate(run_starts):
                end = run_starts[r + 1] if r + 1 < len(run_starts) else same.size
                members = order[same[s] : same[end - 1] + 2].tolist()
                for x in range(len(members)):
                    for y in range(x + 1, len(members)):
                        i, j = members[x], members[y]
                        pairs.add((i, j) if i < j else (j, i))
        out: set[tuple[str, str]] = set()
        for i, j in pairs:
            a, b2 = self._keys[i], self._keys[j]
            out.add((a, b2) if a < b2 else (b2, a))
        return out

    def to_bytes(self) -> bytes:
        header = json.dumps(
            {"num_perm": self.num_perm, "bands": self.bands, "rows": self.rows, "keys": self._keys}
        ).encode("utf-8")
        sigs = (
            np.concatenate(self._sig_chunks)
            if self._sig_chunks
            else np.zeros((0, self.num_perm), dtype=np.uint32)
        )
        buf = io.BytesIO()
        buf.write(self._MAGIC)
        buf.write(struct.pack("<Q", len(header)))
        buf.write(header)
        buf.write(sigs.astype("<u4").tobytes())
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> LSHIndex:
        if not isinstance(data, bytes | bytearray | memoryview) or bytes(data[:6]) != cls._MAGIC:
            raise ValueError("not a serialised LSHIndex (bad magic bytes)")
        try:
            (hlen,) = struct.unpack("<Q", bytes(data[6:14]))
            header = json.loads(bytes(data[14 : 14 + hlen]).decode("utf-8"))
            index = cls(num_perm=header["num_perm"], bands=header["bands"], rows=header["rows"])
            keys: list[str] = header["keys"]
            sigs = np.frombuffer(bytes(data[14 + hlen :]), dtype="<u4").astype(np.uint32)
            sigs = sigs.reshape(len(keys), index.num_perm)
        except (struct.error, KeyError, ValueError, UnicodeDecodeError) as exc:
            raise ValueError(f"corrupt serialised LSHIndex: {exc}") from exc
        if keys:
            index.add_many(keys, sigs)
        return index


def dedup_groups(keys: Iterable[str], pairs: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Connected components (size >= 2) of verified duplicate pairs, each sorted, largest first."""
    parent: dict[str, str] = {k: k for k in keys}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for k in parent:
        groups.setdefault(find(k), []).append(k)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g))
