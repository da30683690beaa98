"""Play: a background thread that asks a playground for frames, no faster than the browser shows
them (ipywidgets and threads only; the playground's ``frame()`` does the work).

The browser echoes each frame's number back (a jsdlink from ``sent`` to ``ack``); the thread
stays at most MAX_AHEAD frames ahead of it, so a busy browser never falls seconds behind.
Without any echo (no browser, or the page closed) it goes on, slowly.
"""
import threading
import time
import weakref

FRAME_SECONDS = 1 / 30                           # at most 30 frames a second
MAX_AHEAD = 3                                    # frames sent but not yet shown by the browser


class Player:
    """The thread and the frame counters of one playground (held by a weak reference)."""

    def __init__(self, pg, sent, ack):
        self._ref, self.sent_widget = weakref.ref(pg), sent
        self.sent = self.acked = 0
        self.browser, self.closed = False, False
        self.wake, self._acks, self._thread = threading.Event(), threading.Event(), None
        ack.observe(self._on_ack, names="value")

    def start(self):
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="playground", daemon=True)
            self._thread.start()

    @property
    def in_thread(self):
        return threading.current_thread() is self._thread

    def sent_one(self):
        """A frame was published: count it (the browser echoes the number)."""
        self.sent += 1
        self.sent_widget.value = self.sent

    def close(self):
        self.closed = True
        self.wake.set()

    def _on_ack(self, change):
        self.acked, self.browser = change["new"], True
        self._acks.set()

    def _wait_for_browser(self):
        while self.browser and self.sent - self.acked >= MAX_AHEAD and not self.closed:
            self._acks.clear()
            if not self._acks.wait(0.5):
                return                       # no answer: the page may be closed; go on slowly

    def _run(self):
        """Frames while playing or when a redraw is due; idle otherwise."""
        while not self.closed:
            pg = self._ref()
            if pg is None:
                return
            t0 = time.perf_counter()
            try:
                self._wait_for_browser()
                busy = pg.frame()
            except Exception as e:           # keep the thread (and the kernel) alive
                busy = False
                pg.failed(e)
            del pg
            if busy:
                time.sleep(max(0.003, FRAME_SECONDS - (time.perf_counter() - t0)))
            else:
                self.wake.wait(1.0)
                self.wake.clear()
