#!/usr/bin/env python
"""Is the convolutional network fast enough?  dl.CNN trained by dl.train vs. PyTorch (CPU).

    python benchmarks/bench_cnn.py            # 5 interleaved rounds
    python benchmarks/bench_cnn.py --quick    # 2 rounds

The workload (issue 12): the 1,347 training digits of dl.train_test_split(load_digits(),
test_fraction=0.25, seed=0), a CNN conv 3x3 (8 filters, padding 1) -> relu -> max pool 2 ->
dense 10, softmax cross-entropy, Adam (step size 0.01), batch 32 and the full batch; an epoch
includes the loss over the whole training set afterwards, and each run also the loss before
training, as dl.train records them (so does PyTorch's loop).  PyTorch
runs the same network in float64 (nn.Conv2d, nn.ReLU, nn.MaxPool2d, nn.Linear,
nn.CrossEntropyLoss, torch.optim.Adam) from dl's initial weights and in dl's shuffled order;
first the two are checked to agree (losses after 2 epochs to 1e-8).  Target: an epoch <= 50 ms
at batch 32 on 2 cores without AVX-512; goal: not slower than PyTorch.  Ratios are medians of
per-round ratios (runs close together in time); the machines are shared and noisy.
"""
import os
import sys

import numpy as np

import deeplearn_helpers as dl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402

X, Y = dl.load_digits()
XTR, _, YTR, _ = dl.train_test_split(X, Y, test_fraction=0.25, seed=0)
BATCHES = (32, None)
EPOCHS = 5


def new_model():
    return dl.CNN(input_shape=(1, 8, 8), filters=[8], kernel_size=3, padding=1, pool=2,
                  output_dim=10, seed=0)


def run_dl(epochs, batch_size):
    model = new_model()
    hist = dl.train(model, XTR, YTR, loss="cross_entropy", optimizer=dl.Adam(0.01),
                    epochs=epochs, batch_size=batch_size, seed=0)
    return hist.train_loss


def torch_net(torch):
    nn = torch.nn
    net = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Flatten(), nn.Linear(128, 10)).double()
    P = new_model().params
    with torch.no_grad():
        for t, name in zip(net.parameters(), ["K1", "c1", "w", "b"], strict=True):
            t.copy_(torch.from_numpy(P[name]))
    return net


def run_torch(torch, epochs, batch_size):
    net = torch_net(torch)
    loss_fn = torch.nn.CrossEntropyLoss()
    Xt = torch.from_numpy(XTR.reshape(-1, 1, 8, 8))
    Yt = torch.from_numpy(YTR.astype(np.int64))
    return compare.torch_epochs(torch, torch.optim.Adam(net.parameters(), lr=0.01),
                                lambda xb, yb: loss_fn(net(xb), yb), Xt, Yt, batch_size, epochs)


def main(argv=None):
    quick, torch = compare.start(__doc__, argv)
    run_d = lambda bs, e: run_dl(e, bs)  # noqa: E731
    run_t = lambda bs, e: run_torch(torch, e, bs)  # noqa: E731
    compare.check_all_agree(BATCHES, run_d, run_t, label=lambda bs: f"batch {bs or 'full'}")
    rounds = 2 if quick else 5
    times = compare.time_rounds(BATCHES, run_d, run_t, EPOCHS, rounds)
    print(f"\nCNN epoch over {len(XTR)} digits (ms, median of {rounds} rounds), one thread; "
          "wall clock, and CPU time:")
    compare.print_table(times, BATCHES, "batch", "target: dl <= 50 ms",
                        lambda bs, d, r, rc: "pass" if d <= 50 else "FAIL", digits=1)


if __name__ == "__main__":
    main()
