#!/usr/bin/python3
"""PyTorch peer of TrainStepBench: one training step (forward, backward, AdamW update) of BERT with a
sentence classifier on the pooler, batch B x T tokens of fixed random ids. The same model (the exported
safetensors, tanh GELU, LayerNorm eps 1e-12), dropout 0.1 at BERT's four places and before the head,
cross-entropy, AdamW (eps 1e-6, weight decay 0.01 except biases and LayerNorm), clipping at global norm
1.0, all of BERT trained. Tuned as reference_extract.py: all cores, OpenBLAS, passive OpenMP waiting.
Prints one JSON line: the median step time over the timed steps.

Usage: reference_train_step.py MODEL.safetensors [--batch 16] [--seq 64] [--steps 5] [--warmup 2] [--threads N]
"""
import argparse
import json
import math
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# Imported first: it sets OMP_WAIT_POLICY before torch loads, and holds the model and its loader.
from reference_extract import LAYER_NORM_EPS, MASK_VALUE, gelu, load_bert, peak_rss_mb  # noqa: E402
import torch  # noqa: E402

DROPOUT = 0.1
NO_DECAY = ("bias", "LayerNorm", "layer_norm")


class TrainingBert:
    """The reference encoder's weights as trainable tensors, with dropout, the pooler and a 2-class head."""

    def __init__(self, bert, classes):
        self.b = bert
        self.t = {n: t.clone().requires_grad_(True) for n, t in bert.t.items() if n.startswith("bert/")}
        head = torch.empty(bert.hidden, classes)
        torch.nn.init.trunc_normal_(head, std=0.02, a=-0.04, b=0.04)
        self.t["head/dense/kernel"] = head.requires_grad_(True)
        self.t["head/dense/bias"] = torch.zeros(classes, requires_grad=True)

    def dense(self, scope, x):
        return torch.addmm(self.t[scope + "/bias"], x, self.t[scope + "/kernel"])

    def layer_norm(self, scope, x):
        return torch.nn.functional.layer_norm(x, (self.b.hidden,), self.t[scope + "/gamma"],
                                              self.t[scope + "/beta"], LAYER_NORM_EPS)

    @staticmethod
    def drop(x):
        return torch.nn.functional.dropout(x, DROPOUT, training=True)

    def encode(self, ids, mask):
        """The last layer's states, [b * t, hidden]."""
        b, t = ids.shape
        h = self.b.hidden
        mask_bias = ((1.0 - mask.to(torch.float32)) * MASK_VALUE).view(b, 1, 1, t)
        x = (self.t["bert/embeddings/word_embeddings"][ids] + self.t["bert/embeddings/position_embeddings"][:t]
             + self.t["bert/embeddings/token_type_embeddings"][0])
        x = self.drop(self.layer_norm("bert/embeddings/LayerNorm", x)).reshape(b * t, h)
        for n in range(self.b.layers):
            scope = f"bert/encoder/layer_{n}"

            def heads(y):
                return y.view(b, t, self.b.heads, -1).transpose(1, 2)
            q = heads(self.dense(scope + "/attention/self/query", x))
            k = heads(self.dense(scope + "/attention/self/key", x))
            v = heads(self.dense(scope + "/attention/self/value", x))
            scores = torch.matmul(q, k.transpose(2, 3)) / math.sqrt(h // self.b.heads) + mask_bias
            probs = self.drop(torch.softmax(scores, dim=-1))
            context = torch.matmul(probs, v).transpose(1, 2).reshape(b * t, h)
            x = self.layer_norm(scope + "/attention/output/LayerNorm",
                                self.drop(self.dense(scope + "/attention/output/dense", context)) + x)
            inner = gelu(self.dense(scope + "/intermediate/dense", x))
            x = self.layer_norm(scope + "/output/LayerNorm", self.drop(self.dense(scope + "/output/dense", inner)) + x)
        return x

    def logits(self, ids, mask):
        """The classifier on the pooled [CLS] state."""
        b, t = ids.shape
        cls = self.encode(ids, mask).view(b, t, self.b.hidden)[:, 0]
        pooled = torch.tanh(self.dense("bert/pooler/dense", cls))
        return self.dense("head/dense", self.drop(pooled))


def step_arguments(description, seq):
    """The options of a training-step peer: the model file, batch, sequence length, steps, warm-up steps, threads."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("model")
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--seq", type=int, default=seq)
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    return p


def adamw(model, lr):
    """torch's AdamW as BERT trains: eps 1e-6, weight decay 0.01 except biases and LayerNorm."""
    decay = [t for n, t in model.t.items() if not any(part in n for part in NO_DECAY)]
    no_decay = [t for n, t in model.t.items() if any(part in n for part in NO_DECAY)]
    return torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}],
                             lr=lr, eps=1e-6)


def timed_steps(model, optimizer, loss_of, warmup, steps):
    """warmup + steps optimizer steps on loss_of() (clipped at global norm 1.0): the timed steps' seconds, last loss."""
    params = list(model.t.values())
    seconds = []
    loss = None
    for s in range(warmup + steps):
        start = time.perf_counter()
        optimizer.zero_grad(set_to_none=True)
        loss = loss_of()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        if s >= warmup:
            seconds.append(time.perf_counter() - start)
    return seconds, loss


def main(argv):
    args = step_arguments(__doc__.split("\n\n")[0], 64).parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    bert = load_bert(args.model, 0)
    model = TrainingBert(bert, 2)
    optimizer = adamw(model, 2e-5)
    generator = torch.Generator().manual_seed(1)
    ids = torch.randint(1000, bert.vocab_size, (args.batch, args.seq), generator=generator)
    ids[:, 0] = 101
    ids[:, -1] = 102
    mask = torch.ones_like(ids)
    labels = torch.arange(args.batch) % 2
    seconds, loss = timed_steps(model, optimizer, lambda: torch.nn.functional.cross_entropy(model.logits(ids, mask),
                                labels), args.warmup, args.steps)
    print(json.dumps({
        "peer": "pytorch", "torch": torch.__version__, "threads": args.threads, "batch": args.batch,
        "seq": args.seq, "padded_tokens": args.batch * args.seq, "padded_token_squares": args.batch * args.seq ** 2,
        "steps": args.steps, "step_seconds": statistics.median(seconds), "all_step_seconds": seconds,
        "last_loss": float(loss), "peak_rss_mb": peak_rss_mb(),
    }))


if __name__ == "__main__":
    main(sys.argv[1:])
