#!/usr/bin/python3
"""A sentence-level probing set with many labels, built from UD English EWT's own splits: each
sentence is labelled with the lemma of its root word, and only sentences whose root lemma is among
the N most frequent root lemmas of the train split are kept (default 50, like TREC-50's label count).

Predicting the root lemma from one sentence vector asks whether [CLS] (or the mean of all subwords)
still carries the identity of the main predicate, which varies with the layer. Words are the
syntactic words (multiword-token ranges and empty nodes skipped), joined by spaces, so the TSV
texts tokenize like the CoNLL-U words.

Usage: bench/ewt_root_lemma.py EWT_DIR OUT_DIR [N]   -> OUT_DIR/{train,dev,test}.tsv
"""
import collections
import os
import sys


def sentences(path):
    words, root = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if words:
                    yield words, root
                words, root = [], None
            elif not line.startswith("#"):
                cols = line.split("\t")
                if "-" in cols[0] or "." in cols[0]:
                    continue
                words.append(cols[1])
                if cols[6] == "0":
                    root = cols[2].lower()
    if words:
        yield words, root


def main(argv):
    if len(argv) < 2:
        raise SystemExit(__doc__.strip().splitlines()[-1])
    ewt, out = argv[0], argv[1]
    top = int(argv[2]) if len(argv) > 2 else 50
    split_file = {s: os.path.join(ewt, f"en_ewt-ud-{s}.conllu") for s in ("train", "dev", "test")}
    counts = collections.Counter(root for _, root in sentences(split_file["train"]) if root)
    labels = {lemma for lemma, _ in counts.most_common(top)}
    os.makedirs(out, exist_ok=True)
    for split, path in split_file.items():
        kept = [(" ".join(w), r) for w, r in sentences(path) if r in labels and "\t" not in " ".join(w)]
        with open(os.path.join(out, f"{split}.tsv"), "w", encoding="utf-8") as f:
            for text, label in kept:
                f.write(f"{text}\t{label}\n")
        print(f"{split}: {len(kept)} sentences, {len({r for _, r in kept})} labels")


if __name__ == "__main__":
    main(sys.argv[1:])
