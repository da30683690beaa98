#!/usr/bin/env python
"""Are the recurrent networks fast enough?  dl.RNN (simple and LSTM) trained by dl.train vs.
PyTorch (CPU).

    python benchmarks/bench_rnn.py            # 7 interleaved rounds
    python benchmarks/bench_rnn.py --quick    # 2 rounds

The workload (issue 13): notebook 12's character-level language model, the 1,035 windows of
32 characters of dl.load_text() (dl.char_windows, 30 symbols), embedding 16 -> simple tanh
RNN or LSTM with 48 units -> affine decoder at every step, softmax cross-entropy over all
n T predictions, Adam (step size 0.02), batch 32; an epoch includes the loss over the whole
training set afterwards, and each run also the loss before training, as dl.train records
them (so does PyTorch's loop).  PyTorch runs the same network in float64 (nn.Embedding,
nn.RNN / nn.LSTM with batch_first, nn.Linear, nn.CrossEntropyLoss, torch.optim.Adam) from
dl's initial weights (torch's second bias, bias_hh, 0 and frozen) and in dl's shuffled
order; first the two are checked to agree (losses after 2 epochs, 1e-8).  Goal: not slower
than PyTorch at lecture size.  Ratios are medians of per-round ratios, on the wall clock and
in CPU time; the machines are shared and noisy.
"""
import os
import sys

import numpy as np

import deeplearn_helpers as dl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402

IDS, CHARS = dl.encode_text(dl.load_text())
X, Y = dl.char_windows(IDS, length=32)
CELLS = ("rnn", "lstm")
EPOCHS = 3
BATCH = 32


def new_model(cell):
    return dl.RNN(vocab=len(CHARS), length=32, hidden=48, embed=16, cell=cell, seed=0)


def run_dl(cell, epochs):
    hist = dl.train(new_model(cell), X, Y, loss="cross_entropy", optimizer=dl.Adam(0.02),
                    epochs=epochs, batch_size=BATCH, seed=0)
    return hist.train_loss


class TorchNet:
    def __init__(self, torch, cell):
        nn, P = torch.nn, new_model(cell).params
        self.emb = nn.Embedding(len(CHARS), 16).double()
        rec = nn.RNN if cell == "rnn" else nn.LSTM
        self.rec = rec(16, 48, batch_first=True).double()
        self.out = nn.Linear(48, len(CHARS)).double()
        with torch.no_grad():
            self.emb.weight.copy_(torch.from_numpy(P["E"]))
            self.rec.weight_ih_l0.copy_(torch.from_numpy(P["Wx"]))
            self.rec.weight_hh_l0.copy_(torch.from_numpy(P["Wh"]))
            self.rec.bias_ih_l0.copy_(torch.from_numpy(P["bh"]))
            self.rec.bias_hh_l0.zero_()
            self.out.weight.copy_(torch.from_numpy(P["w"]))
            self.out.bias.copy_(torch.from_numpy(P["b"]))
        self.rec.bias_hh_l0.requires_grad_(False)      # dl has one bias per gate
        self.params = [p for m in (self.emb, self.rec, self.out) for p in m.parameters()
                       if p.requires_grad]

    def __call__(self, x):
        return self.out(self.rec(self.emb(x))[0])


def run_torch(torch, cell, epochs):
    net = TorchNet(torch, cell)
    opt = torch.optim.Adam(net.params, lr=0.02)
    loss_fn = torch.nn.CrossEntropyLoss()
    k = len(CHARS)

    def loss(xb, yb):
        return loss_fn(net(xb).reshape(-1, k), yb.reshape(-1))

    Xt, Yt = torch.from_numpy(X.astype(np.int64)), torch.from_numpy(Y.astype(np.int64))
    return compare.torch_epochs(torch, opt, loss, Xt, Yt, BATCH, epochs)


def main(argv=None):
    quick, torch = compare.start(__doc__, argv)
    run_t = lambda c, e: run_torch(torch, c, e)  # noqa: E731
    compare.check_all_agree(CELLS, run_dl, run_t)
    rounds = 2 if quick else 7
    times = compare.time_rounds(CELLS, run_dl, run_t, EPOCHS, rounds)
    print(f"\nLanguage-model epoch over {len(X)} windows of 32 characters, hidden 48, batch "
          f"{BATCH} (ms, median of {rounds} rounds), one thread; wall clock, and CPU time:")
    compare.print_table(times, CELLS, "cell", "goal: not slower",
                        lambda c, d, r, rc: "pass" if r >= 1 and rc >= 1 else "slower")


if __name__ == "__main__":
    main()
