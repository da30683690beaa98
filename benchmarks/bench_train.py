#!/usr/bin/env python
"""Is `dl.train` fast enough at lecture size?  dl vs. bare numpy vs. PyTorch, and import time.

    python benchmarks/bench_train.py            # full run (7 rounds), under a minute
    python benchmarks/bench_train.py --quick    # short run (3 rounds of shorter runs)
    python benchmarks/bench_train.py --no-torch # dl and numpy only
    make bench                                  # installs torch==2.13.0, then the full run

The workload is the lecture's: a 2-8-8-8-1 tanh MLP (Xavier init, seed 0) trained on 400
points of the spiral with squared loss and plain SGD (step size 0.01), batch sizes 1, 32 and
the full batch.  Three implementations of the same training loop:

  dl     dl.train(model, X, y, loss="squared", optimizer=dl.SGD(0.01), epochs=E,
                  batch_size=bs, seed=0)
  numpy  a bare, hand-written numpy loop for exactly this net: the same forward/backward
         arithmetic, the same seeded per-epoch shuffle, `p -= eta * g`, and the full-set
         loss after every epoch (what dl.train records in its History)
  torch  what a student writes: nn.Sequential(Linear, Tanh, ...), float64, nn.MSELoss
         (mean over the batch, no 1/2 -- the same as dl's squared loss), torch.optim.SGD,
         a seeded torch.randperm each epoch, sliced minibatches, the full-set loss under
         torch.no_grad() after every epoch.  Timed with 1 thread and with torch's default;
         the ratio uses whichever is faster (the conservative choice for dl).

Targets (issue 11: with numpy's AVX-512 kernels off, one BLAS thread): torch/dl >= 3 at batch
1 and 32, >= 2 at the full batch; dl/numpy <= 1.4 at each batch size; import < 150 ms without
matplotlib or ipywidgets.  `make bench` (tools/bench.py) runs this script both ways.

Method: first a check that the three compute the same thing (dl's initial weights copied
into the others, the same shuffle, two epochs: per-epoch losses and final parameters agree to
1e-10).  Then rounds: every round times every implementation once per batch size (order
dl, numpy, torch... in even rounds, reversed in odd ones), each run from the same initial
weights for as many epochs as take ~0.25 s (calibrated once; the counts are printed).  The
table shows the wall-clock median over rounds of the time per epoch (each run's epoch-0
evaluation and argument checks included, amortised over its epochs); ratios are the median
of the per-round ratios, which compare runs made close together in time.  The machines are
shared and noisy: the script prints the load average, warns if other work kept the CPUs
busy, and cross-checks the ratios with CPU time (time.process_time).  torch is imported only
in the torch part; without it that part is skipped.  --strict: exit 1 if a check FAILs.
"""
import argparse
import math
import os
import platform
import statistics
import sys
import time

import numpy as np

import deeplearn_helpers as dl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_import  # noqa: E402  (sits beside this file)

N, NOISE, SEED, ETA = 400, 0.1, 0, 0.01
HIDDEN = [8, 8, 8]
NAMES = ("V1", "b1", "V2", "b2", "V3", "b3", "w", "b")    # dl's parameter names, layer order
LAYER_NAMES = list(zip(NAMES[::2], NAMES[1::2], strict=True))   # (weight, bias) per layer
BATCHES = (1, 32, None)
TORCH_TARGET = {1: 3.0, 32: 3.0, None: 2.0}                 # torch/dl must be >= this
BARE_TARGET = 1.4                                           # dl/numpy must be <= this, each row
CHECK_TOL = 1e-10


def bs_name(bs):
    return "full (400)" if bs is None else str(bs)


def new_model():
    return dl.MLP(input_dim=2, hidden=HIDDEN, activation="tanh", init="xavier", seed=SEED)


# --- 1. dl ----------------------------------------------------------------------------------

class DL:
    name = "dl"

    def __init__(self, X, y, params0):
        self.X, self.y, self.params0 = X, y, params0
        self.model = new_model()

    def reset(self, params0=None):
        for k, v in (params0 or self.params0).items():
            self.model.params[k][...] = v

    def run(self, epochs, bs, seed=SEED):
        hist = dl.train(self.model, self.X, self.y, loss="squared", optimizer=dl.SGD(ETA),
                        epochs=epochs, batch_size=bs, seed=seed)
        return hist.train_loss

    def params(self):
        return {k: self.model.params[k].copy() for k in NAMES}


# --- 2. bare numpy -----------------------------------------------------------------------------

def epoch_order(seed, t, n):
    """The order of the n examples in epoch t = 1, 2, ...: dl.train's rule (see train.py:
    epoch t's order depends on (seed, t) only).  If train.py changes its rule, the
    equivalence check below fails and this must follow."""
    return np.random.default_rng([seed, t]).permutation(n)


def bare_train(P, X, y, epochs, batch_size, seed, eta=ETA):
    """Hand-written SGD for the 2-8-8-8-1 tanh net; updates P in place; returns the losses."""
    V1, b1, V2, b2, V3, b3, w, b = (P[k] for k in NAMES)
    n = X.shape[0]
    bs = n if batch_size is None else batch_size

    def full_loss():
        H1 = np.tanh(X @ V1.T + b1)
        H2 = np.tanh(H1 @ V2.T + b2)
        H3 = np.tanh(H2 @ V3.T + b3)
        R = (H3 @ w.T + b)[:, 0] - y
        return float(np.sum(R * R) / n)

    losses = [full_loss()]
    for t in range(1, epochs + 1):
        order = epoch_order(seed, t, n)
        Xp, yp = X[order], y[order]
        for i in range(0, n, bs):
            A0, yb = Xp[i:i + bs], yp[i:i + bs]
            # forward
            H1 = np.tanh(A0 @ V1.T + b1)
            H2 = np.tanh(H1 @ V2.T + b2)
            H3 = np.tanh(H2 @ V3.T + b3)
            F = H3 @ w.T + b                               # (m, 1)
            # squared loss, mean over the batch: dLoss/dF = 2 (F - y) / m
            dF = (2.0 / A0.shape[0]) * (F[:, 0] - yb)
            # backward
            dZ4 = dF[:, None]
            gw, gb, dH3 = dZ4.T @ H3, dZ4.sum(axis=0), dZ4 @ w
            dZ3 = dH3 * (1.0 - H3 * H3)
            gV3, gb3, dH2 = dZ3.T @ H2, dZ3.sum(axis=0), dZ3 @ V3
            dZ2 = dH2 * (1.0 - H2 * H2)
            gV2, gb2, dH1 = dZ2.T @ H1, dZ2.sum(axis=0), dZ2 @ V2
            dZ1 = dH1 * (1.0 - H1 * H1)
            gV1, gb1 = dZ1.T @ A0, dZ1.sum(axis=0)
            # plain SGD
            V1 -= eta * gV1
            b1 -= eta * gb1
            V2 -= eta * gV2
            b2 -= eta * gb2
            V3 -= eta * gV3
            b3 -= eta * gb3
            w -= eta * gw
            b -= eta * gb
        losses.append(full_loss())
    return losses


class Bare:
    name = "numpy"

    def __init__(self, X, y, params0):
        self.X, self.y, self.params0 = X, y, params0
        self.P = {k: v.copy() for k, v in params0.items()}

    def reset(self, params0=None):
        for k, v in (params0 or self.params0).items():
            self.P[k][...] = v

    def run(self, epochs, bs, seed=SEED):
        return bare_train(self.P, self.X, self.y, epochs, bs, seed)

    def params(self):
        return {k: self.P[k].copy() for k in NAMES}


# --- 3. PyTorch ------------------------------------------------------------------------------

def load_torch():
    """The torch module, or None (with a message) if it is not installed."""
    try:
        import torch
    except ImportError:
        print("torch is not installed: skipping the PyTorch part.  Install the CPU build with\n"
              "  .venv/bin/pip install torch==2.13.0      (or: make bench)")
        return None
    return torch


def torch_train(torch, model, X, Y, epochs, batch_size, seed, perms=None):
    """The student's loop.  perms (for the equivalence check only): one index tensor per epoch."""
    nn = torch.nn
    n = X.shape[0]
    bs = n if batch_size is None else batch_size
    opt = torch.optim.SGD(model.parameters(), lr=ETA)
    loss_fn = nn.MSELoss()
    g = torch.Generator().manual_seed(seed)
    model.eval()
    with torch.no_grad():
        losses = [loss_fn(model(X), Y).item()]
    for epoch in range(epochs):
        model.train()
        perm = torch.randperm(n, generator=g) if perms is None else perms[epoch]
        Xp, Yp = X[perm], Y[perm]
        for i in range(0, n, bs):
            xb, yb = Xp[i:i + bs], Yp[i:i + bs]
            opt.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
        model.eval()
        with torch.no_grad():
            losses.append(loss_fn(model(X), Y).item())
    return losses


class Torch:
    def __init__(self, torch, X, y, params0, threads):
        nn = torch.nn
        self.torch, self.threads, self.params0 = torch, threads, params0
        self.name = f"torch({threads}t)"
        self.X = torch.from_numpy(X)                            # float64
        self.Y = torch.from_numpy(y).reshape(-1, 1)             # (n, 1) like the model's output
        widths = [2, *HIDDEN]
        layers = []
        for a, b in zip(widths[:-1], widths[1:], strict=True):
            layers += [nn.Linear(a, b), nn.Tanh()]
        self.model = nn.Sequential(*layers, nn.Linear(widths[-1], 1)).double()
        self.linears = [m for m in self.model if isinstance(m, nn.Linear)]
        self.perms = None
        self.reset()

    def reset(self, params0=None):
        """Back to the initial weights, and this column's thread count (outside the timing)."""
        self.torch.set_num_threads(self.threads)
        P = params0 or self.params0
        with self.torch.no_grad():
            for lin, (Wn, bn) in zip(self.linears, LAYER_NAMES, strict=True):
                lin.weight.copy_(self.torch.from_numpy(P[Wn]))
                lin.bias.copy_(self.torch.from_numpy(P[bn]))

    def run(self, epochs, bs, seed=SEED):
        return torch_train(self.torch, self.model, self.X, self.Y, epochs, bs, seed, self.perms)

    def params(self):
        out = {}
        for lin, (Wn, bn) in zip(self.linears, LAYER_NAMES, strict=True):
            out[Wn] = lin.weight.detach().numpy().copy()
            out[bn] = lin.bias.detach().numpy().copy()
        return out


# --- the equivalence check ---------------------------------------------------------------------

def check_same(impls, params0, n, epochs=2):
    """A few epochs from the same weights with the same shuffle: losses and parameters agree?"""
    print(f"Check: {epochs} epochs from dl's initial weights, shuffle seed {SEED}; "
          "max |difference| to dl of the per-epoch losses and of the final parameters "
          f"(tolerance {CHECK_TOL:g})")
    torch_impls = [im for im in impls if isinstance(im, Torch)]
    for im in torch_impls:   # torch shuffles with its own generator: give it dl's permutation
        im.perms = [im.torch.from_numpy(epoch_order(SEED, t, n)) for t in range(1, epochs + 1)]
    ok = True
    for bs in BATCHES:
        res = {}
        for im in impls:
            im.reset(params0)
            losses = im.run(epochs, bs)
            res[im.name] = (losses, im.params())
        ref_l, ref_p = res["dl"]
        parts = []
        for name, (losses, P) in res.items():
            if name == "dl":
                continue
            dloss = max(abs(a - b) for a, b in zip(losses, ref_l, strict=False))
            dpar = max(float(np.max(np.abs(P[k] - ref_p[k]))) for k in NAMES)
            ok &= len(losses) == len(ref_l) and dloss <= CHECK_TOL and dpar <= CHECK_TOL
            parts.append(f"{name}: loss {dloss:.1e}, params {dpar:.1e}")
        print(f"  batch {bs_name(bs):>10}: dl loss " + " -> ".join(f"{v:.10f}" for v in ref_l)
              + ";  "
              + ";  ".join(parts))
    for im in torch_impls:
        im.perms = None
    print(f"  {'PASS' if ok else 'FAIL'}: the implementations compute the same thing"
          + ("" if ok else " (has dl.train's shuffle or arithmetic changed? see epoch_order)")
          + "\n")
    return ok


# --- timing ---------------------------------------------------------------------------------------

def calibrate(impls, quick):
    """Epochs per timed run for every (implementation, batch size): a run lasts ~budget s."""
    budget = 0.08 if quick else 0.25
    epochs = {}
    for bs in BATCHES:
        for im in impls:
            im.reset()
            im.run(1, bs)                                       # warm-up (lazy inits, caches)
            per_epoch = math.inf
            for _ in range(3):                  # the fastest of 3: robust to a busy moment
                im.reset()
                t0 = time.perf_counter()
                im.run(2, bs)
                per_epoch = min(per_epoch, (time.perf_counter() - t0) / 2)
            epochs[im.name, bs] = max(1, min(5000, round(budget / per_epoch)))
    return epochs


def time_rounds(impls, rounds, epochs):
    """wall[name][bs], cpu[name][bs]: lists of seconds per epoch, one per round.

    Within a round the implementations run in the order dl, numpy, torch... in even rounds and
    reversed in odd rounds (ABBA), so that no one always runs first or last, and dl runs
    next to numpy: the per-round ratios compare runs made at nearly the same time.
    """
    wall = {im.name: {bs: [] for bs in BATCHES} for im in impls}
    cpu = {im.name: {bs: [] for bs in BATCHES} for im in impls}
    for r in range(rounds):
        t_round = time.perf_counter()
        for bs in BATCHES:
            for im in (impls if r % 2 == 0 else impls[::-1]):
                E = epochs[im.name, bs]
                im.reset()
                c0, t0 = time.process_time(), time.perf_counter()
                im.run(E, bs)
                t1, c1 = time.perf_counter(), time.process_time()
                wall[im.name][bs].append((t1 - t0) / E)
                cpu[im.name][bs].append((c1 - c0) / E)
        print(f"  round {r + 1}/{rounds}: {time.perf_counter() - t_round:.1f} s", flush=True)
    return wall, cpu


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


def paired_ratio(num, den):
    """Median over rounds of the per-round ratio num/den (two lists of equal length)."""
    return statistics.median(a / b for a, b in zip(num, den, strict=True))


def report(wall, cpu, torch_names, rounds):
    """Print the table; return (all targets met, markdown rows, geomean dl/numpy)."""
    med = {name: {bs: statistics.median(v) * 1e3 for bs, v in d.items()}
           for name, d in wall.items()}
    ok = lambda b: "PASS" if b else "FAIL"                      # noqa: E731
    all_ok, md = True, []
    hdr = f"{'batch':>10} | {'dl':>8} | {'numpy':>8} |" + "".join(f" {n:>9} |" for n in torch_names)
    hdr += f" {'dl/numpy':>8} |" + (f" {'torch/dl':>8} | {'target':>6} |" if torch_names else "")
    print(f"Wall-clock ms per epoch, median of {rounds} rounds.  Ratios: median over rounds of "
          "the per-round ratio")
    print(hdr)
    print("-" * len(hdr))
    bare_ratios = []
    for bs in BATCHES:
        d, b = med["dl"][bs], med["numpy"][bs]
        rb = paired_ratio(wall["dl"][bs], wall["numpy"][bs])
        bare_ratios.append(rb)
        line = f"{bs_name(bs):>10} | {d:8.3f} | {b:8.3f} |"
        row = f"| {bs_name(bs)} | {d:.3f} | {b:.3f} |"
        for n in torch_names:
            line += f" {med[n][bs]:9.3f} |"
            row += f" {med[n][bs]:.3f} |"
        all_ok &= rb <= BARE_TARGET
        line += f" {rb:8.2f}{'' if rb <= BARE_TARGET else '!'} |"
        row += f" {rb:.2f}{'' if rb <= BARE_TARGET else ' (FAIL)'} |"
        if torch_names:
            best = min(torch_names, key={n: med[n][bs] for n in torch_names}.get)
            rt = paired_ratio(wall[best][bs], wall["dl"][bs])
            passed = rt >= TORCH_TARGET[bs]
            all_ok &= passed
            line += f" {rt:8.2f} | {'>= ' + format(TORCH_TARGET[bs], 'g'):>6} | {ok(passed)}"
            row += f" {rt:.2f} ({best}) | >= {TORCH_TARGET[bs]:g} | {ok(passed)} |"
        print(line)
        md.append(row)
    g = geomean(bare_ratios)
    each = max(bare_ratios) <= BARE_TARGET
    print(f"dl/numpy at each batch size <= {BARE_TARGET}: {ok(each)} (largest "
          f"{max(bare_ratios):.2f}; geometric mean {g:.2f})")
    if torch_names:
        print("torch/dl uses the faster torch column of each row (the conservative choice for dl).")
    print("Spread (min-max ms per epoch over rounds):")
    for bs in BATCHES:
        print(f"  {bs_name(bs):>10}: " + "  ".join(
            f"{n} {min(v[bs]) * 1e3:.3f}-{max(v[bs]) * 1e3:.3f}" for n, v in wall.items()))
    # CPU time of this process: not inflated when other processes take the CPU.  Comparable
    # for single-threaded runs only (dl, numpy, torch with 1 thread).
    single = [n for n in ("dl", "numpy", "torch(1t)") if n in cpu]
    parts, cg = [], []
    for bs in BATCHES:
        rc = paired_ratio(cpu["dl"][bs], cpu["numpy"][bs])
        cg.append(rc)
        s = f"{bs_name(bs)}: dl/numpy {rc:.2f}"
        if "torch(1t)" in single:
            s += f", torch(1t)/dl {paired_ratio(cpu['torch(1t)'][bs], cpu['dl'][bs]):.2f}"
        parts.append(s)
    print("Cross-check with CPU time (time.process_time; single-threaded columns only): "
          + ";  ".join(parts) + f";  dl/numpy geometric mean {geomean(cg):.2f}")
    return all_ok, md, g


def load_note(load0):
    """A warning if other processes kept the CPUs busy (wall-clock numbers then inflate)."""
    try:
        load1 = os.getloadavg()[0]
    except OSError:
        return ""
    ncpu = os.cpu_count() or 1
    text = f"load average (1 min) {load0:.2f} at the start, {load1:.2f} at the end, {ncpu} CPUs"
    # This benchmark itself adds about 1 to the load while it runs.
    if load0 > ncpu - 0.5 or load1 > ncpu + 0.5:
        text += ("\nWARNING: the machine was busy with other work; wall-clock times are inflated "
                 "and noisy.\n         Trust the ratios and the CPU-time cross-check more, or "
                 "re-run on a quiet machine.")
    return text


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="3 rounds of short runs, 3 import runs")
    ap.add_argument("--rounds", type=int, default=None, help="timing rounds (default 7, quick 3)")
    ap.add_argument("--no-torch", action="store_true", help="skip the PyTorch part")
    ap.add_argument("--strict", action="store_true", help="exit 1 if any check FAILs")
    args = ap.parse_args(argv)
    rounds = args.rounds or (3 if args.quick else 7)
    load0 = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")

    X, y = dl.make_dataset("spiral", n=N, noise=NOISE, seed=SEED)
    params0 = {k: v.copy() for k, v in new_model().params.items()}
    assert tuple(params0) == NAMES, tuple(params0)

    print(f"# deeplearn training benchmark ({'quick' if args.quick else 'full'} run)")
    print(f"deeplearn_helpers from {os.path.dirname(dl.__file__)}")
    print(f"Python {platform.python_version()}, numpy {np.__version__}, "
          f"{platform.machine()}, {os.cpu_count()} CPUs (os.cpu_count), "
          f"{platform.processor() or 'cpu ?'}; NPY_DISABLE_CPU_FEATURES="
          f"{os.environ.get('NPY_DISABLE_CPU_FEATURES', '(unset)')!r}, OPENBLAS_NUM_THREADS="
          f"{os.environ.get('OPENBLAS_NUM_THREADS', '(unset)')}")
    print(f"Workload: 2-8-8-8-1 tanh MLP (xavier, seed {SEED}), spiral n={N} noise={NOISE}, "
          f"squared loss, plain SGD eta={ETA}, batch sizes 1, 32, full")

    impls = [DL(X, y, params0), Bare(X, y, params0)]
    torch = None if args.no_torch else load_torch()
    if args.no_torch:
        print("--no-torch: skipping the PyTorch part")
    torch_names = []
    if torch is not None:
        default_threads = torch.get_num_threads()
        for t in [1] + ([default_threads] if default_threads != 1 else []):
            impls.append(Torch(torch, X, y, params0, t))
        torch_names = [im.name for im in impls[2:]]
        print(f"PyTorch {torch.__version__}, CPU, float64; timed with torch.set_num_threads(1) "
              f"and with the default ({default_threads} threads)")
    print()

    same = check_same(impls, params0, N)
    epochs = calibrate(impls, args.quick)
    print(f"Timing: {rounds} rounds; each round runs every implementation once per batch size "
          f"for about {0.08 if args.quick else 0.25:g} s.  Epochs per run: " + ";  ".join(
              f"{im.name} " + "/".join(str(epochs[im.name, bs]) for bs in BATCHES)
              for im in impls) + "  (batch 1/32/full)")
    wall, cpu = time_rounds(impls, rounds, epochs)
    print()
    train_ok, md, g = report(wall, cpu, torch_names, rounds)
    note = load_note(load0)
    if note:
        print(note)
    print()
    imp = bench_import.measure(3 if args.quick else 9)
    imp_rows = bench_import.report(imp)
    print()

    # --- the markdown summary, to paste into a README ---
    print(f"### Training speed at lecture size (Python {platform.python_version()}, numpy "
          f"{np.__version__}" + (f", torch {torch.__version__}" if torch else "") + ")")
    print()
    print(f"2-8-8-8-1 tanh MLP, 400 spiral points, squared loss, SGD 0.01, on "
          f"{os.cpu_count()} CPUs.  Wall-clock ms per epoch, median of {rounds} interleaved "
          "rounds; ratios are medians of per-round ratios; torch in float64 with 1 thread "
          "(1t) and its default threads.")
    print()
    cols = "| batch | dl | numpy (bare loop) |" + "".join(f" {n} |" for n in torch_names)
    cols += " dl/numpy |" + (" torch/dl | target | |" if torch_names else "")
    print(cols)
    print("|" + "---|" * (cols.count("|") - 1))
    print("\n".join(md))
    print()
    if not torch_names:
        print("PyTorch part skipped (torch not installed or --no-torch): torch/dl not measured.")
        print()
    print(f"dl/numpy at each batch size <= {BARE_TARGET}: "
          f"{'PASS' if train_ok else 'FAIL'} (geometric mean {g:.2f}).  dl's time includes what "
          "dl.train does beyond the bare loop: argument checks, the loss value and a finiteness "
          "check every step, a parameter snapshot and the training error every epoch (at full "
          "batch the forward pass that measures TrainLoss is reused by the next step).  The three "
          f"implementations agree to 1e-10: {'PASS' if same else 'FAIL'}.")
    print()
    print("| check | measured | target | |")
    print("|---|---|---|---|")
    print("\n".join(imp_rows))
    all_ok = same and train_ok and imp["time_ok"] and imp["modules_ok"]
    return 1 if args.strict and not all_ok else 0


if __name__ == "__main__":
    sys.exit(main())
