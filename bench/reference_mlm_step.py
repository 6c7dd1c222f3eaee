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
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# Imported first: it sets OMP_WAIT_POLICY before torch loads (through reference_extract), and holds the encoder.
from reference_train_step import TrainingBert, adamw, step_arguments, timed_steps  # noqa: E402
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
    p = step_arguments(__doc__.split("\n\n")[0], 128)
    p.add_argument("--logits", choices=("full", "gathered"), default="full")
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    model = MaskedLm(load_bert(args.model, 0))
    optimizer = adamw(model, 1e-4)
    ids, labels = masked_batch(args.batch, args.seq, model.b.vocab_size, torch.Generator().manual_seed(1))
    mask = torch.ones_like(ids)
    seconds, loss = timed_steps(model, optimizer, lambda: model.loss(ids, mask, labels, args.logits == "gathered"),
                                args.warmup, args.steps)
    print(json.dumps({
        "peer": "pytorch-" + args.logits, "torch": torch.__version__, "threads": args.threads, "batch": args.batch,
        "seq": args.seq, "masked": int((labels != -100).sum()), "steps": args.steps,
        "step_seconds": statistics.median(seconds), "all_step_seconds": seconds, "last_loss": float(loss),
        "peak_rss_mb": peak_rss_mb(),
    }))


if __name__ == "__main__":
    main(sys.argv[1:])
