#!/usr/bin/env python
"""How fast the playground answers, headless: one animation frame and one control change.

    python benchmarks/bench_playground.py            # 40 rounds
    python benchmarks/bench_playground.py --quick    # 10 rounds

At the issue's defaults (spiral, 400 points, 2 hidden layers of 8, all views on):

  frame     one epoch of training plus the complete redraw to PNG, what Play does once per
            frame (``pg.step(1)``); target: median < 100 ms
  change    a control set as the student's slider sets it, then the complete redraw to PNG
            (``pg.controls[name].value = v; pg.png``); target: median < 150 ms. The changes
            cycle through kinds that make a new network (width, activation, features,
            dataset, noise) and kinds that carry on (step size, optimizer, batch size).

Frames and changes are interleaved round by round, so machine noise hits them alike. Wall
time is what a student waits; CPU time (this thread only) shows the cost when the machine
is shared (the load average is printed too). The browser's frames per second are measured
by tests/test_browser.py.
"""
import argparse
import os
import statistics
import sys
import time

import deeplearn_helpers as dl

FRAME_TARGET_MS, CHANGE_TARGET_MS = 100.0, 150.0

# (kind, control, the two values it alternates between)
CHANGES = [
    ("new network", "width", (7, 8)),
    ("carry on", "step_size", (0.05, 0.1)),
    ("new network", "activation", ("relu", "tanh")),
    ("carry on", "optimizer", ("adam", "sgd")),
    ("new network", "features", (("x1", "x2", "x1*x2"), ("x1", "x2"))),
    ("carry on", "batch_size", (20, 10)),
    ("new data", "dataset", ("circle", "spiral")),
    ("new data", "noise", (0.2, 0.1)),
]


def timed(fn):
    """(wall ms, CPU ms of this thread) of fn()."""
    w, c = time.perf_counter(), time.thread_time()
    fn()
    return (time.perf_counter() - w) * 1e3, (time.thread_time() - c) * 1e3


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--quick", action="store_true", help="10 rounds instead of 40")
    rounds = 10 if parser.parse_args().quick else 40

    load0 = os.getloadavg()[0]
    pg = dl.Playground(seed=0)              # the defaults: spiral, 400 points, 2 x 8, all views
    assert pg.model.sizes == [2, 8, 8, 1] and len(pg.state["views"]) == 5
    for _ in range(3):                      # warm up: first draws load fonts and caches
        pg.step(1)
        for _, name, (a, b) in CHANGES:
            pg.controls[name].value = a
            pg.png
            pg.controls[name].value = b
            pg.png

    frames, changes = [], {}
    for r in range(rounds):
        frames.append(timed(lambda: pg.step(1)))
        kind, name, values = CHANGES[r % len(CHANGES)]

        def change():
            pg.controls[name].value = values[(r // len(CHANGES)) % 2]
            pg.png                          # the complete redraw, encoded as the widget shows it
        changes.setdefault((kind, name), []).append(timed(change))
    assert not pg.errors, pg.errors
    load1 = os.getloadavg()[0]

    def med(xs, i):
        return statistics.median(x[i] for x in xs)

    every = [t for ts in changes.values() for t in ts]
    print(f"playground benchmark: {rounds} rounds, Python {sys.version.split()[0]}, "
          f"load average {load0:.2f} -> {load1:.2f} on {os.cpu_count()} CPUs")
    print(f"{'':28} {'median wall ms':>15} {'median CPU ms':>14} {'target':>8}")
    print(f"{'frame (train + redraw)':28} {med(frames, 0):15.1f} {med(frames, 1):14.1f} "
          f"{'< 100':>8}")
    print(f"{'control change + redraw':28} {med(every, 0):15.1f} {med(every, 1):14.1f} "
          f"{'< 150':>8}")
    for (kind, name), ts in changes.items():
        print(f"  {name + ' (' + kind + ')':26} {med(ts, 0):15.1f} {med(ts, 1):14.1f}")
    print(f"ratios to target (wall): frame {med(frames, 0) / FRAME_TARGET_MS:.2f}, "
          f"change {med(every, 0) / CHANGE_TARGET_MS:.2f}  (below 1 meets it)")
    pg.close()


if __name__ == "__main__":
    main()
