#!/usr/bin/python3
"""PyTorch peer of probelab's extraction: word vectors of every hidden state of a BERT, end to end.

Reads a CoNLL-U file, WordPiece-tokenizes its words, batches sentences by length under a padded-token
budget, runs a BERT encoder written here in plain torch ops on weights read from a safetensors file,
and mean-pools each word's subword vectors of all hidden states (embeddings + every layer) into one
preallocated float32 matrix per hidden state. Prints one JSON line of figures.

Run with Debian's /usr/bin/python3 (python3-torch, python3-numpy; see setup.sh).
"""
import argparse
import contextlib
import json
import math
import os
import sys
import time
import unicodedata

import numpy as np

# torch's OpenMP workers otherwise spin between parallel regions and starve OpenBLAS's own threads on
# the same cores (measured: several times slower forwards on 2 cores). Must be set before torch loads.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import torch  # noqa: E402
import torch.utils.mkldnn  # noqa: E402  (not imported by torch itself)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from flops import bert_forward_flops  # noqa: E402  (sits next to this script)

LAYER_NORM_EPS = 1e-12
# The original BERT's additive mask value: keeps padded keys out of the softmax without -inf NaNs.
MASK_VALUE = -10000.0
MAX_WORD_CHARS = 100


class InputError(Exception):
    """Bad input (file, tensor, option): the message names where and what to do."""


# ---------------------------------------------------------------------------------------------------
# CoNLL-U


def read_conllu(path):
    """Sentences as (source 'path:line', [forms]); multiword ranges and empty nodes are skipped."""
    sentences, forms, start = [], [], None
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                if forms:
                    sentences.append((start, forms))
                forms, start = [], None
                continue
            if line.startswith("#"):
                continue
            columns = line.split("\t")
            if len(columns) < 10:
                raise InputError(f"{path}:{number}: expected 10 tab-separated CoNLL-U columns, "
                                 f"found {len(columns)}")
            word_id = columns[0]
            if "-" in word_id or "." in word_id:
                continue
            if not word_id.isdigit():
                raise InputError(f"{path}:{number}: ID '{word_id}' is not a word index")
            if start is None:
                start = f"{path}:{number}"
            forms.append(columns[1])
    if forms:
        sentences.append((start, forms))
    return sentences


# ---------------------------------------------------------------------------------------------------
# WordPiece tokenization (BERT uncased basic tokenization + greedy longest-match-first)


def read_vocab(path):
    with open(path, encoding="utf-8") as f:
        vocab = {line.rstrip("\n"): i for i, line in enumerate(f)}
    for special in ("[CLS]", "[SEP]", "[PAD]", "[UNK]"):
        if special not in vocab:
            raise InputError(f"{path}: vocabulary has no {special} token")
    return vocab


def is_cjk(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def is_punctuation(ch):
    cp = ord(ch)
    # BERT treats every non-alphanumeric ASCII printable as punctuation, e.g. '$' and '^'.
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def basic_pieces(word):
    """Lower-cased, accent-stripped pieces of a word, split at punctuation, CJK and whitespace."""
    text = unicodedata.normalize("NFD", word.lower())
    pieces, current = [], []
    for ch in text:
        cp = ord(ch)
        category = unicodedata.category(ch)
        if category == "Mn" or cp == 0 or cp == 0xFFFD or (category.startswith("C") and ch not in "\t\n\r"):
            continue
        if ch in " \t\n\r" or category == "Zs":
            if current:
                pieces.append("".join(current))
            current = []
        elif is_punctuation(ch) or is_cjk(cp):
            if current:
                pieces.append("".join(current))
            pieces.append(ch)
            current = []
        else:
            current.append(ch)
    if current:
        pieces.append("".join(current))
    return pieces


def wordpiece(piece, vocab, unk_id):
    if len(piece) > MAX_WORD_CHARS:
        return [unk_id]
    ids, start = [], 0
    while start < len(piece):
        end = len(piece)
        while end > start:
            candidate = piece[start:end] if start == 0 else "##" + piece[start:end]
            if candidate in vocab:
                ids.append(vocab[candidate])
                break
            end -= 1
        if end == start:
            return [unk_id]
        start = end
    return ids


def tokenize_sentence(forms, vocab, unk_id):
    """Subword ids without [CLS]/[SEP] and, per word, its number of subwords (at least one)."""
    ids, counts = [], []
    for form in forms:
        word_ids = [i for piece in basic_pieces(form) for i in wordpiece(piece, vocab, unk_id)]
        if not word_ids:
            word_ids = [unk_id]
        ids.extend(word_ids)
        counts.append(len(word_ids))
    return ids, counts


# ---------------------------------------------------------------------------------------------------
# safetensors


SAFETENSORS_DTYPES = {"F32": np.dtype("<f4"), "F16": np.dtype("<f2"), "BF16": np.dtype("<u2"),
                      "F64": np.dtype("<f8")}


def read_safetensors(path):
    """(name -> float32 numpy array, metadata); the file is an 8-byte LE header length, a JSON header,
    then raw little-endian data. Tensors are read straight into their arrays, one copy in memory."""
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        prefix = f.read(8)
        if len(prefix) < 8:
            raise InputError(f"{path}: too short for a safetensors file ({size} bytes)")
        header_len = int.from_bytes(prefix, "little")
        if header_len > size - 8:
            raise InputError(f"{path}: header length {header_len} exceeds the file size {size}; "
                             f"not a safetensors file or truncated")
        try:
            header = json.loads(f.read(header_len))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise InputError(f"{path}: header is not valid JSON ({e})") from None
        metadata = header.pop("__metadata__", None) or {}
        data_start, data_size = 8 + header_len, size - 8 - header_len
        return {name: read_tensor(f, path, name, entry, data_start, data_size)
                for name, entry in header.items()}, metadata


def read_tensor(f, path, name, entry, data_start, data_size):
    dtype = SAFETENSORS_DTYPES.get(entry.get("dtype"))
    if dtype is None:
        raise InputError(f"{path}: tensor {name} has dtype {entry.get('dtype')}; "
                         f"supported: {', '.join(SAFETENSORS_DTYPES)}")
    shape = tuple(entry["shape"])
    count = math.prod(shape)
    begin, end = entry["data_offsets"]
    if not 0 <= begin <= end <= data_size or end - begin != count * dtype.itemsize:
        raise InputError(f"{path}: tensor {name} of shape {list(shape)} {entry['dtype']} has data "
                         f"offsets [{begin}, {end}) that do not fit its size or the file")
    f.seek(data_start + begin)
    raw = np.fromfile(f, dtype=dtype, count=count).reshape(shape)
    if entry["dtype"] == "BF16":
        return (raw.astype(np.uint32) << 16).view(np.float32)
    return raw.astype(np.float32, copy=False)


def canonical_name(name):
    """(canonical Google-style name, whether the array is an [out, in] kernel to transpose).

    Canonical names pass through (a 'module/' prefix is dropped); Hugging Face names
    ('bert.encoder.layer.3.attention.self.query.weight') are mapped onto them.
    """
    if "/" in name or "." not in name:
        return name.removeprefix("module/"), False
    parts = name.split(".")
    if parts[0] not in ("bert", "cls"):
        parts.insert(0, "bert")
    scoped = []
    for part in parts:
        if part.isdigit() and scoped and scoped[-1] == "layer":
            scoped[-1] = "layer_" + part
        else:
            scoped.append(part)
    leaf, scope = scoped[-1], "/".join(scoped[:-1])
    if scope.endswith("_embeddings"):
        return scope, False
    layer_norm = scope.endswith("LayerNorm")
    if leaf in ("weight", "gamma"):
        return scope + ("/gamma" if layer_norm else "/kernel"), not layer_norm
    if leaf in ("bias", "beta"):
        return scope + ("/beta" if layer_norm else "/bias"), False
    return "/".join(scoped), False


# ---------------------------------------------------------------------------------------------------
# BERT encoder


class Bert:
    """A BERT encoder in plain torch ops; kernels are [in, out] as in the TF checkpoints."""

    def __init__(self, tensors, heads, path):
        self.t = tensors
        self.path = path
        word = self.tensor("bert/embeddings/word_embeddings", 2)
        self.vocab_size, self.hidden = word.shape
        self.layers = 0
        while f"bert/encoder/layer_{self.layers}/attention/self/query/kernel" in tensors:
            self.layers += 1
        if self.layers == 0:
            raise InputError(f"{path}: no tensor bert/encoder/layer_0/attention/self/query/kernel")
        self.intermediate = self.tensor("bert/encoder/layer_0/intermediate/dense/kernel", 2).shape[1]
        self.max_positions = self.tensor("bert/embeddings/position_embeddings", 2).shape[0]
        self.heads = heads or max(1, self.hidden // 64)
        if self.hidden % self.heads:
            raise InputError(f"hidden size {self.hidden} is not a multiple of {self.heads} heads; "
                             f"pass --heads")
        self.check_shapes()

    def tensor(self, name, rank):
        if name not in self.t:
            raise InputError(f"{self.path}: missing tensor {name}")
        if self.t[name].dim() != rank:
            raise InputError(f"{self.path}: tensor {name} has shape {list(self.t[name].shape)}, "
                             f"expected rank {rank}")
        return self.t[name]

    def check_shapes(self):
        h, i = self.hidden, self.intermediate
        expected = {"bert/embeddings/token_type_embeddings": (None, h),
                    "bert/embeddings/LayerNorm/gamma": (h,), "bert/embeddings/LayerNorm/beta": (h,)}
        for n in range(self.layers):
            scope = f"bert/encoder/layer_{n}"
            for dense, shape in (("attention/self/query", (h, h)), ("attention/self/key", (h, h)),
                                 ("attention/self/value", (h, h)), ("attention/output/dense", (h, h)),
                                 ("intermediate/dense", (h, i)), ("output/dense", (i, h))):
                expected[f"{scope}/{dense}/kernel"] = shape
                expected[f"{scope}/{dense}/bias"] = shape[1:]
            for norm in ("attention/output/LayerNorm", "output/LayerNorm"):
                expected[f"{scope}/{norm}/gamma"] = (h,)
                expected[f"{scope}/{norm}/beta"] = (h,)
        for name, shape in expected.items():
            actual = tuple(self.tensor(name, len(shape)).shape)
            if any(e is not None and e != a for e, a in zip(shape, actual)):
                raise InputError(f"{self.path}: tensor {name} has shape {list(actual)}, expected "
                                 f"{[e if e is not None else '?' for e in shape]}")
            if not torch.isfinite(self.t[name]).all():
                raise InputError(f"{self.path}: tensor {name} contains NaN or infinite values")


def linear(tensors, scope):
    """An nn.Linear holding a TF-style [in, out] kernel: the module practitioners' speed-ups act on."""
    kernel = tensors[scope + "/kernel"]
    layer = torch.nn.Linear(kernel.shape[0], kernel.shape[1])
    layer.weight = torch.nn.Parameter(kernel.t().contiguous(), requires_grad=False)
    layer.bias = torch.nn.Parameter(tensors[scope + "/bias"], requires_grad=False)
    return layer


def layer_norm(tensors, scope):
    gamma = tensors[scope + "/gamma"]
    norm = torch.nn.LayerNorm(gamma.shape[0], eps=LAYER_NORM_EPS)
    norm.weight = torch.nn.Parameter(gamma, requires_grad=False)
    norm.bias = torch.nn.Parameter(tensors[scope + "/beta"], requires_grad=False)
    return norm


def gelu(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3))))


class Layer(torch.nn.Module):
    """One transformer layer on [batch * seq, hidden] rows."""

    def __init__(self, tensors, scope, heads):
        super().__init__()
        self.heads = heads
        self.query = linear(tensors, scope + "/attention/self/query")
        self.key = linear(tensors, scope + "/attention/self/key")
        self.value = linear(tensors, scope + "/attention/self/value")
        self.attention_output = linear(tensors, scope + "/attention/output/dense")
        self.attention_norm = layer_norm(tensors, scope + "/attention/output/LayerNorm")
        self.intermediate = linear(tensors, scope + "/intermediate/dense")
        self.output = linear(tensors, scope + "/output/dense")
        self.output_norm = layer_norm(tensors, scope + "/output/LayerNorm")
        self.scale = 1.0 / math.sqrt(self.query.out_features // heads)

    def forward(self, x, mask_bias):
        b, t = mask_bias.shape[0], mask_bias.shape[3]

        def split_heads(y):
            return y.view(b, t, self.heads, -1).transpose(1, 2)
        q = split_heads(self.query(x))
        k = split_heads(self.key(x))
        v = split_heads(self.value(x))
        scores = torch.matmul(q, k.transpose(2, 3)) * self.scale + mask_bias
        context = torch.matmul(torch.softmax(scores, dim=-1), v).transpose(1, 2).reshape(b * t, -1)
        x = self.attention_norm(self.attention_output(context) + x)
        return self.output_norm(self.output(gelu(self.intermediate(x))) + x)


class Encoder(torch.nn.Module):
    """BERT in torch modules (nn.Linear, nn.LayerNorm), so TorchScript freezing, MKL-DNN linear layers
    and autocast apply as a practitioner would use them. forward gives all hidden states, float32,
    [layers + 1, batch * seq, hidden]; mask is 1 for real tokens."""

    def __init__(self, bert):
        super().__init__()
        t = bert.t
        self.register_buffer("word", t["bert/embeddings/word_embeddings"])
        self.register_buffer("position", t["bert/embeddings/position_embeddings"])
        self.register_buffer("token_type", t["bert/embeddings/token_type_embeddings"][0].clone())
        self.embedding_norm = layer_norm(t, "bert/embeddings/LayerNorm")
        self.layers = torch.nn.ModuleList(Layer(t, f"bert/encoder/layer_{n}", bert.heads)
                                          for n in range(bert.layers))

    def forward(self, ids, mask):
        b, t = ids.shape
        mask_bias = ((1.0 - mask.to(torch.float32)) * MASK_VALUE).view(b, 1, 1, t)
        x = self.embedding_norm(self.word[ids] + self.position[:t] + self.token_type).reshape(b * t, -1)
        # Fetched as float32 whatever the compute precision, as probelab's bf16 graph returns them.
        states = [x.float()]
        for layer in self.layers:
            x = layer(x, mask_bias)
            states.append(x.float())
        return torch.stack(states)


def load_bert(path, heads):
    arrays, metadata = read_safetensors(path)
    tensors = {}
    for name, array in arrays.items():
        canonical, transpose = canonical_name(name)
        tensors[canonical] = torch.from_numpy(np.ascontiguousarray(array.T if transpose else array))
    heads = heads or int(metadata.get("num_attention_heads", 0))
    return Bert(tensors, heads, path)


# ---------------------------------------------------------------------------------------------------
# Batching and pooling


def length_batches(lengths, token_budget):
    """Sentence indices sorted by length, cut into batches whose padded size fits the budget."""
    order = sorted(range(len(lengths)), key=lambda s: lengths[s])
    batches, current = [], []
    for s in order:
        # Sorted ascending, so this sentence sets the batch's padded length.
        if current and (len(current) + 1) * lengths[s] > token_budget:
            batches.append(current)
            current = []
        current.append(s)
    if current:
        batches.append(current)
    return batches


def batch_inputs(batch, sentence_ids, cls_id, sep_id, pad_id):
    t = max(len(sentence_ids[s]) for s in batch) + 2
    ids = torch.full((len(batch), t), pad_id, dtype=torch.long)
    mask = torch.zeros((len(batch), t), dtype=torch.long)
    for row, s in enumerate(batch):
        sentence = [cls_id] + sentence_ids[s] + [sep_id]
        ids[row, :len(sentence)] = torch.tensor(sentence)
        mask[row, :len(sentence)] = 1
    return ids, mask


def pooling_index(batch, word_counts, word_offsets, t):
    """For each subword of the batch: its flat position in [batch, t] and its word's row in the batch;
    plus the global word row of each batch word and each word's subword count."""
    positions, word_of_subword, rows, counts = [], [], [], []
    for row, s in enumerate(batch):
        position = row * t + 1   # after [CLS]
        for w, count in enumerate(word_counts[s]):
            positions.extend(range(position, position + count))
            word_of_subword.extend([len(rows)] * count)
            rows.append(word_offsets[s] + w)
            counts.append(count)
            position += count
    return (torch.tensor(positions), torch.tensor(word_of_subword), np.array(rows),
            torch.tensor(counts, dtype=torch.float32))


def mean_pool(states, index):
    """[layers, words, hidden] means of each word's subword vectors."""
    positions, word_of_subword, _, counts = index
    subwords = states.index_select(1, positions)
    sums = torch.zeros((states.shape[0], len(counts), states.shape[2])).index_add_(1, word_of_subword, subwords)
    return sums / counts.view(1, -1, 1)


# ---------------------------------------------------------------------------------------------------
# Output and main


def peak_rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def save_atomically(path, array):
    directory = os.path.dirname(os.path.abspath(path))
    tmp = os.path.join(directory, f".{os.path.basename(path)}.{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        np.save(f, array)
    os.replace(tmp, path)


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("conllu", help="CoNLL-U file whose words to embed")
    p.add_argument("safetensors", help="BERT weights, canonical (bert/encoder/layer_0/...) or HF names")
    p.add_argument("vocab", help="WordPiece vocab.txt, one token per line")
    p.add_argument("--limit", type=int, help="only the first N sentences")
    p.add_argument("--token-budget", type=int, default=2048,
                   help="max padded tokens (rows x padded length) per batch (default 2048)")
    p.add_argument("--heads", type=int, help="attention heads (default: safetensors metadata "
                   "num_attention_heads, else hidden/64)")
    p.add_argument("--threads", type=int, default=os.cpu_count(), help="torch threads (default: all cores)")
    p.add_argument("--check", metavar="OUT.npy", help="write [hidden states, words, hidden] float32 "
                   "vectors of the first --check-sentences sentences, for a parity comparison")
    p.add_argument("--check-sentences", type=int, default=8)
    p.add_argument("--variant", choices=VARIANTS, default="eager",
                   help="which of the CPU speed-ups torch offers to apply (default eager: none)")
    args = p.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        p.error("--limit must be at least 1")
    if args.token_budget < 1 or args.threads < 1 or args.check_sentences < 1:
        p.error("--token-budget, --threads and --check-sentences must be positive")
    return args


# ---------------------------------------------------------------------------------------------------
# The speed-ups a practitioner reaches for on a CPU, one per variant; the suffix names the compute precision.

VARIANTS = ("eager", "jit", "jit-opt", "mkldnn", "eager-bf16", "jit-bf16", "mkldnn-bf16")


def bf16_autocast(variant):
    """autocast to bfloat16 for the -bf16 variants that compute through it (mkldnn-bf16 holds bf16 weights)."""
    if variant in ("eager-bf16", "jit-bf16"):
        return torch.autocast("cpu", dtype=torch.bfloat16)
    return contextlib.nullcontext()


def prepare(encoder, variant):
    """The encoder as the variant runs it:
    jit:     torch.jit.trace + torch.jit.freeze (weights folded in as constants, oneDNN fusions);
    jit-opt: torch.jit.trace + torch.jit.optimize_for_inference (freeze + MKL-DNN conversion passes);
    mkldnn:  torch.utils.mkldnn.to_mkldnn (nn.Linear -> MKL-DNN linear with prepacked weights);
    -bf16:   the same under torch.autocast("cpu", bfloat16), or bf16 MKL-DNN weights for mkldnn-bf16."""
    encoder.eval()
    if variant.startswith("mkldnn"):
        return torch.utils.mkldnn.to_mkldnn(encoder, torch.bfloat16 if variant.endswith("bf16") else torch.float32)
    if variant.startswith("jit"):
        example = (torch.full((2, 8), 100, dtype=torch.long), torch.ones((2, 8), dtype=torch.long))
        # cache_enabled=False: autocast's weight-cast cache must not be traced into the graph.
        autocast = (torch.autocast("cpu", dtype=torch.bfloat16, cache_enabled=False)
                    if variant.endswith("bf16") else contextlib.nullcontext())
        with torch.no_grad(), autocast:
            traced = torch.jit.trace(encoder, example, check_trace=False)
            if variant == "jit-opt":
                return torch.jit.optimize_for_inference(traced)
            return torch.jit.freeze(traced)
    return encoder


def run(args):
    torch.set_num_threads(args.threads)
    load_start = time.perf_counter()
    bert = load_bert(args.safetensors, args.heads)
    vocab = read_vocab(args.vocab)
    if len(vocab) > bert.vocab_size:
        raise InputError(f"{args.vocab}: {len(vocab)} tokens but {args.safetensors} embeds only "
                         f"{bert.vocab_size}; vocabulary and weights do not belong together")
    encoder = prepare(Encoder(bert), args.variant)
    load_seconds = time.perf_counter() - load_start

    start = time.perf_counter()
    sentences = read_conllu(args.conllu)[:args.limit]
    if not sentences:
        raise InputError(f"{args.conllu}: no sentences")
    sentence_ids, word_counts = [], []
    for source, forms in sentences:
        ids, counts = tokenize_sentence(forms, vocab, vocab["[UNK]"])
        if len(ids) + 2 > bert.max_positions:
            raise InputError(f"{source}: sentence has {len(ids) + 2} subwords with [CLS]/[SEP], more "
                             f"than the model's {bert.max_positions} positions; shorten or drop it")
        sentence_ids.append(ids)
        word_counts.append(counts)
    tokenize_seconds = time.perf_counter() - start

    word_offsets = np.cumsum([0] + [len(c) for c in word_counts]).tolist()
    words = word_offsets[-1]
    vectors = [np.empty((words, bert.hidden), dtype=np.float32) for _ in range(bert.layers + 1)]
    batches = length_batches([len(ids) + 2 for ids in sentence_ids], args.token_budget)
    padded_tokens = padded_token_squares = 0
    forward_seconds = 0.0
    with torch.no_grad(), bf16_autocast(args.variant):
        for batch in batches:
            ids, mask = batch_inputs(batch, sentence_ids, vocab["[CLS]"], vocab["[SEP]"], vocab["[PAD]"])
            b, t = ids.shape
            padded_tokens += b * t
            padded_token_squares += b * t * t
            forward_start = time.perf_counter()
            states = encoder(ids, mask)
            forward_seconds += time.perf_counter() - forward_start
            index = pooling_index(batch, word_counts, word_offsets, t)
            pooled = mean_pool(states, index).numpy()
            for layer, matrix in enumerate(vectors):
                matrix[index[2]] = pooled[layer]
    seconds = time.perf_counter() - start

    if args.check:
        check_words = word_offsets[min(args.check_sentences, len(sentences))]
        save_atomically(args.check, np.stack([m[:check_words] for m in vectors]))
    tokens = sum(len(ids) + 2 for ids in sentence_ids)
    flops = bert_forward_flops(bert.layers, bert.hidden, bert.intermediate, padded_tokens, padded_token_squares)
    return {"peer": "pytorch-" + args.variant, "variant": args.variant,
            "precision": "bf16" if args.variant.endswith("bf16") else "float32", "torch": torch.__version__, "threads": torch.get_num_threads(),
            "sentences": len(sentences), "words": words, "tokens": tokens, "batches": len(batches),
            "padded_tokens": padded_tokens, "padded_token_squares": padded_token_squares,
            "layers": bert.layers, "hidden": bert.hidden, "intermediate": bert.intermediate,
            "load_seconds": round(load_seconds, 4), "seconds": round(seconds, 4),
            "tokenize_seconds": round(tokenize_seconds, 4), "forward_seconds": round(forward_seconds, 4),
            "tokens_per_s": round(tokens / seconds, 1),
            "forward_gflop_per_s": round(flops / forward_seconds / 1e9, 2),
            "peak_rss_mb": round(peak_rss_mb(), 1)}


def main(argv):
    args = parse_args(argv)
    try:
        report = run(args)
    except (InputError, OSError) as e:
        print(f"reference_extract: {e}", file=sys.stderr)
        return 2
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
