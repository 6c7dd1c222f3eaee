#!/usr/bin/python3
"""PyTorch peers of MlmStepBench: one masked-LM training step (forward, backward, AdamW update) of BERT with
its MLM head, batch B x T tokens of fixed random ids, 15% of the positions masked (80% [MASK], 10% random,
10% unchanged). The same model (the exported safetensors, tanh GELU, LayerNorm eps 1e-12), dropout 0.1 at
BERT's four places, the head's transform (dense + GELU + LayerNorm) and the projection tied to the word
embeddings plus an output bias, cross-entropy over the masked positions, AdamW (eps 1e-6, weight decay 0.01
except biases and LayerNorm), clipping at global norm 1.0, every weight but the pooler trained. Tuned as
reference_extract.py: all cores, OpenBLAS, passive OpenMP waiting.

--logits full:     the head runs at every position and the loss ignores the unmasked ones (label -100), the way
                   Hugging Face's BertForMaskedLM computes it;
--logits gathered: the masked positions are gathered first and the head runs on those alone.
Prints one JSON line: the median step time over the timed steps.

Usage: reference_mlm_step.py MODEL.safetensors [--logits full|gathered] [--batch 16] [--seq 128] [--steps 5]
       [--warmup 2] [--threads N]
"""
import argparse
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# Imported first: it sets OMP_WAIT_POLICY before torch loads (through reference_extract), and holds the encoder.
from reference_train_step import NO_DECAY, TrainingBert  # noqa: E402
from reference_extract import LAYER_NORM_EPS, gelu, load_bert, peak_rss_mb  # noqa: E402
import torch  # noqa: E402

MASK_RATE = 0.15
MASK_ID = 103
HEAD = {"cls/predictions/transform/dense/kernel", "cls/predictions/transform/dense/bias",
        "cls/predictions/transform/LayerNorm/gamma", "cls/predictions/transform/LayerNorm/beta",
        "cls/predictions/bias"}


class MaskedLm(TrainingBert):
    """The trainable encoder plus BERT's MLM head (from the checkpoint), the pooler left untrained."""

    def __init__(self, bert):
        super().__init__(bert, 2)
        for name in ("head/dense/kernel", "head/dense/bias", "bert/pooler/dense/kernel", "bert/pooler/dense/bias"):
            del self.t[name]
        for name in HEAD:
            self.t[name] = bert.t[name].clone().requires_grad_(True)

    def head(self, rows):
        transformed = torch.nn.functional.layer_norm(
            gelu(self.dense("cls/predictions/transform/dense", rows)), (self.b.hidden,),
            self.t["cls/predictions/transform/LayerNorm/gamma"], self.t["cls/predictions/transform/LayerNorm/beta"],
            LAYER_NORM_EPS)
        return torch.addmm(self.t["cls/predictions/bias"], transformed,
                           self.t["bert/embeddings/word_embeddings"].t())

    def loss(self, ids, mask, labels, gathered):
        states = self.encode(ids, mask)
        flat = labels.view(-1)
        if gathered:
            chosen = (flat != -100).nonzero().squeeze(1)
            return torch.nn.functional.cross_entropy(self.head(states[chosen]), flat[chosen])
        return torch.nn.functional.cross_entropy(self.head(states), flat, ignore_index=-100)


def masked_batch(batch, seq, vocab_size, generator):
    """Random ids with [CLS]/[SEP]; 15% of the inner positions chosen, replaced 80/10/10; labels -100 elsewhere."""
    ids = torch.randint(1000, vocab_size, (batch, seq), generator=generator)
    ids[:, 0] = 101
    ids[:, -1] = 102
    labels = torch.full_like(ids, -100)
    count = round(MASK_RATE * (seq - 2))
    for b in range(batch):
        positions = 1 + torch.randperm(seq - 2, generator=generator)[:count]
        labels[b, positions] = ids[b, positions]
        u = torch.rand(count, generator=generator)
        ids[b, positions[u < 0.8]] = MASK_ID
        randomised = positions[(u >= 0.8) & (u < 0.9)]
        ids[b, randomised] = torch.randint(0, vocab_size, (len(randomised),), generator=generator)
    return ids, labels


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("model")
    p.add_argument("--logits", choices=("full", "gathered"), default="full")
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--seq", type=int, default=128)
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    model = MaskedLm(load_bert(args.model, 0))
    decay = [t for n, t in model.t.items() if not any(part in n for part in NO_DECAY)]
    no_decay = [t for n, t in model.t.items() if any(part in n for part in NO_DECAY)]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}],
                                  lr=1e-4, eps=1e-6)
    ids, labels = masked_batch(args.batch, args.seq, model.b.vocab_size, torch.Generator().manual_seed(1))
    mask = torch.ones_like(ids)
    params = list(model.t.values())
    seconds = []
    loss = None
    for s in range(args.warmup + args.steps):
        start = time.perf_counter()
        optimizer.zero_grad(set_to_none=True)
        loss = model.loss(ids, mask, labels, args.logits == "gathered")
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        if s >= args.warmup:
            seconds.append(time.perf_counter() - start)
    print(json.dumps({
        "peer": "pytorch-" + args.logits, "torch": torch.__version__, "threads": args.threads, "batch": args.batch,
        "seq": args.seq, "masked": int((labels != -100).sum()), "steps": args.steps,
        "step_seconds": statistics.median(seconds), "all_step_seconds": seconds, "last_loss": float(loss),
        "peak_rss_mb": peak_rss_mb(),
    }))


if __name__ == "__main__":
    main(sys.argv[1:])
