#!/usr/bin/env python
"""Write deeplearn_helpers/data/text.txt: the small text the sequence notebooks train on.

Generated, not downloaded: sentences from a small seeded grammar of plain English (subjects,
verbs, objects, places, times), so a character-level model can learn its words and word
order in seconds.  Re-running this script writes the same file (seed 0).

    python tools/make_text.py
"""
from pathlib import Path

import numpy as np

SUBJECTS = ["the cat", "the dog", "a little bird", "my friend", "the old man", "a young girl",
            "the teacher", "the farmer", "her brother", "the king", "a small boy", "the queen"]
VERBS = ["sees", "likes", "finds", "follows", "watches", "carries", "paints", "loves",
         "remembers", "calls"]
OBJECTS = ["the ball", "a red apple", "the green hat", "a small boat", "the river", "the moon",
           "a white horse", "the old book", "a bright star", "the garden gate", "her friend",
           "the black cat"]
PLACES = ["in the garden", "at the river", "near the house", "under the tree", "on the hill",
          "by the sea", "in the town", "at the market"]
TIMES = ["every morning", "at night", "in the spring", "after dinner", "on sunday", "today"]
JOINS = ["and then", "but", "because", "so"]


def sentence(rng):
    """One sentence: subject verb object [place] [time], sometimes two clauses joined."""
    def clause():
        words = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS)]
        if rng.random() < 0.5:
            words.append(rng.choice(PLACES))
        if rng.random() < 0.3:
            words.append(rng.choice(TIMES))
        return " ".join(words)
    text = clause()
    if rng.random() < 0.3:
        text += " " + rng.choice(JOINS) + " " + clause()
    return text[0].upper() + text[1:] + "."


def make_text(n_sentences=600, seed=0):
    rng = np.random.default_rng(seed)
    lines, line = [], []
    for _ in range(n_sentences):
        line.append(sentence(rng))
        if len(line) == 3:
            lines.append(" ".join(line))
            line = []
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    out = Path(__file__).resolve().parents[1] / "deeplearn_helpers" / "data" / "text.txt"
    out.write_text(make_text())
    print(f"wrote {out} ({out.stat().st_size} bytes)")
