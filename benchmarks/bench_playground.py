#!/usr/bin/env python
"""How fast the playground answers, headless: one animation frame and one control change.

    python benchmarks/bench_playground.py            # 40 rounds, numpy as the machine has it
    python benchmarks/bench_playground.py --quick    # 10 rounds
    python benchmarks/bench_playground.py --both     # also with numpy's AVX-512 kernels off

At the defaults (circle, 400 points, layers of 4 and 2, views network, output, hidden space,
loss) and on the lessons' largest network (spiral, 3 layers of 16, every view):

  frame     what Play does once per frame: one epoch of training, the picture drawn on the
            coarse grid (49 x 49) and encoded as PNG; target <= 60 ms
  change    a control set as the student's slider sets it, then the complete redraw at full
            resolution (73 x 73) to PNG (``pg.controls[name].value = v; pg.png``); target
            <= 100 ms. The changes cycle through kinds that make a new network (width,
            activation, features), new data (dataset, noise) and kinds that carry on (step
            size, optimizer, batch size).

Frames and changes are interleaved round by round, so machine noise hits them alike. Wall
time is what a student waits; CPU time (this thread only) is the cost without the other
processes of a shared machine (the load average is printed too). The browser's frames per
second are measured by tests/test_browser.py.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

import deeplearn_helpers as dl

FRAME_TARGET_MS, CHANGE_TARGET_MS = 60.0, 100.0
NO_AVX512 = "X86_V4 AVX512_ICL AVX512_SPR"     # numpy's AVX-512 kernels off

# (kind, control, the two values it alternates between)
CHANGES = [
    ("new network", "width", (3, 4)),
    ("carry on", "step_size", (0.05, 0.1)),
    ("new network", "activation", ("relu", "tanh")),
    ("carry on", "optimizer", ("adam", "sgd")),
    ("new network", "features", (("x1", "x2", "x1*x2"), ("x1", "x2"))),
    ("carry on", "batch_size", (20, 10)),
    ("new data", "dataset", ("xor", "circle")),
    ("new data", "noise", (0.2, 0.1)),
]
SETTINGS = {"defaults": {},
            "3 x 16, every view": dict(dataset="spiral", widths="16, 16, 16",
                                       views=list(dl.playground.spec.VIEWS))}


def timed(fn):
    """(wall ms, CPU ms of this thread) of fn()."""
    w, c = time.perf_counter(), time.thread_time()
    fn()
    return (time.perf_counter() - w) * 1e3, (time.thread_time() - c) * 1e3


def play_frame(pg, view):
    """One frame of Play: an epoch, the coarse picture, the PNG (as Playground.frame)."""
    pg.session.step(1)
    view.draw(pg.session.scene(fast=True))
    view.png()


def set_and_draw(pg, name, value):
    """A control set as the slider sets it, then the complete redraw, encoded as the widget
    shows it."""
    pg.controls[name].value = value
    return pg.png


def measure(rounds, settings):
    from deeplearn_helpers.playground.render import PlaygroundView
    pg, view = dl.Playground(seed=0, **settings), PlaygroundView()
    changes = [c for c in CHANGES if not (settings and c[1] in ("width", "dataset"))]
    for _ in range(3):                      # warm up: first draws load fonts and caches
        play_frame(pg, view)
        for _, name, values in changes:
            for v in values:
                set_and_draw(pg, name, v)
    frames, by_change = [], {}
    for r in range(rounds):
        frames.append(timed(lambda: play_frame(pg, view)))
        kind, name, values = changes[r % len(changes)]
        value = values[(r // len(changes)) % 2]
        by_change.setdefault((kind, name), []).append(
            timed(lambda name=name, value=value: set_and_draw(pg, name, value)))
    assert not pg.errors, pg.errors
    pg.close()
    return frames, by_change


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--quick", action="store_true", help="10 rounds instead of 40")
    parser.add_argument("--both", action="store_true",
                        help="run twice: as the machine is, and with AVX-512 off")
    args = parser.parse_args()
    if args.both:
        base = [sys.executable, __file__] + (["--quick"] if args.quick else [])
        for label, extra in (("as the machine is", {}),
                             ("AVX-512 off", {"NPY_DISABLE_CPU_FEATURES": NO_AVX512})):
            print(f"=== {label} ===", flush=True)
            subprocess.run(base, env={**os.environ, **extra}, check=True)
        return
    rounds = 10 if args.quick else 40
    off = os.environ.get("NPY_DISABLE_CPU_FEATURES", "")
    print(f"playground benchmark: {rounds} rounds, Python {sys.version.split()[0]}, "
          f"NPY_DISABLE_CPU_FEATURES={off!r}, {os.cpu_count()} CPUs")

    def med(xs, i):
        return statistics.median(x[i] for x in xs)

    for label, settings in SETTINGS.items():
        load0 = os.getloadavg()[0]
        frames, changes = measure(rounds, settings)
        every = [t for ts in changes.values() for t in ts]
        print(f"-- {label} (load average {load0:.2f} -> {os.getloadavg()[0]:.2f})")
        print(f"{'':28} {'median wall ms':>15} {'median CPU ms':>14} {'target':>8}")
        print(f"{'frame (epoch + coarse draw)':28} {med(frames, 0):15.1f} "
              f"{med(frames, 1):14.1f} {'<= 60':>8}")
        print(f"{'control change + redraw':28} {med(every, 0):15.1f} {med(every, 1):14.1f} "
              f"{'<= 100':>8}")
        for (kind, name), ts in changes.items():
            print(f"  {name + ' (' + kind + ')':26} {med(ts, 0):15.1f} {med(ts, 1):14.1f}")
        worst = max(med(ts, 1) for ts in changes.values())
        print(f"ratios to target (CPU): frame {med(frames, 1) / FRAME_TARGET_MS:.2f}, "
              f"change {med(every, 1) / CHANGE_TARGET_MS:.2f}, slowest kind of change "
              f"{worst / CHANGE_TARGET_MS:.2f}  (below 1 meets it)")


if __name__ == "__main__":
    main()
