"""What bench_cnn.py and bench_rnn.py share: PyTorch's training loop in dl.train's order,
the check that both compute the same losses, and interleaved timing rounds."""
import argparse
import statistics
import time

import numpy as np


def torch_epochs(torch, opt, loss, X, Y, batch_size, epochs):
    """Train with ``opt`` on ``loss(xb, yb)`` as dl.train does (epoch t's order from
    default_rng([0, t]), minibatches of ``batch_size`` or the full batch); return the
    full-set loss before training and after every epoch (as dl's History: epochs 0..T)."""
    n = len(X)
    bs = n if batch_size is None else batch_size
    with torch.no_grad():
        losses = [float(loss(X, Y))]
    for t in range(1, epochs + 1):
        order = torch.from_numpy(np.random.default_rng([0, t]).permutation(n))
        Xp, Yp = X[order], Y[order]
        for i in range(0, n, bs):
            opt.zero_grad()
            loss(Xp[i:i + bs], Yp[i:i + bs]).backward()
            opt.step()
        with torch.no_grad():
            losses.append(float(loss(X, Y)))
    return losses


def start(doc, argv=None):
    """A bench's command line (``--quick``) and torch on one thread: -> (quick, torch)."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[1])
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    import torch
    torch.set_num_threads(1)
    return args.quick, torch


def check_all_agree(cases, run_dl, run_torch, label=str):
    """check_agree after 2 epochs for every case; run_dl/run_torch(case, epochs) as in
    time_rounds."""
    for c in cases:
        check_agree(label(c), run_dl(c, 2), run_torch(c, 2))


def check_agree(label, dl_losses, torch_losses):
    """Print whether dl's History losses (epochs 0..T) match torch's."""
    a, b = dl_losses, torch_losses
    ok = len(a) == len(b) and np.allclose(a, b, rtol=1e-8, atol=0)
    print(f"check {label}: dl and torch losses after {len(b) - 1} epochs agree: "
          f"{'ok' if ok else 'FAIL'} ({a[-1]:.10f} vs {b[-1]:.10f})")


def seconds(f):
    """(wall-clock, CPU) seconds of f().  With one thread the two agree on a quiet machine;
    on a shared one the CPU time leaves out the time others had the core."""
    t, c = time.perf_counter(), time.process_time()
    f()
    return time.perf_counter() - t, time.process_time() - c


def time_rounds(cases, run_dl, run_torch, epochs, rounds):
    """ms per epoch {(clock, impl, case): [one per round]}, clock "wall" or "cpu", dl and
    torch interleaved (their order reversed every other round), so that each pair ran close
    together in time."""
    times = {(k, impl, c): [] for k in ("wall", "cpu") for impl in ("dl", "torch")
             for c in cases}
    for r in range(rounds):
        for c in cases:
            order = [("dl", lambda c=c: run_dl(c, epochs)),
                     ("torch", lambda c=c: run_torch(c, epochs))]
            for impl, f in (order if r % 2 == 0 else order[::-1]):
                for k, sec in zip(("wall", "cpu"), seconds(f), strict=True):
                    times[k, impl, c].append(sec / epochs * 1000)
    return times


def medians(times, case, clock="wall"):
    """(median dl ms, median torch ms, median of the per-round ratios torch / dl) on the
    wall clock or in CPU time (clock="cpu")."""
    dl, torch = times[clock, "dl", case], times[clock, "torch", case]
    ratio = statistics.median(a / b for a, b in zip(torch, dl, strict=True))
    return statistics.median(dl), statistics.median(torch), ratio


def print_table(times, cases, first, goal, verdict, digits=0):
    """The table of time_rounds' ``times``, one row per case: ms on the wall clock and in
    CPU time, torch / dl for each; ``first`` heads the case column, ``goal`` the last, whose
    entries are ``verdict(case, dl_ms, ratio, cpu_ratio)``."""
    print(f"| {first} | dl.train | PyTorch | torch / dl | CPU: dl, PyTorch | torch / dl | "
          f"{goal} |")
    print("|---|---|---|---|---|---|---|")
    for c in cases:
        d, t, ratio = medians(times, c)
        dc, tc, ratio_c = medians(times, c, "cpu")
        print(f"| {c or 'full'} | {d:.{digits}f} | {t:.{digits}f} | {ratio:.2f} | "
              f"{dc:.{digits}f}, {tc:.{digits}f} | {ratio_c:.2f} | "
              f"{verdict(c, d, ratio, ratio_c)} |")
