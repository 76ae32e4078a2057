"""The console timed on a pseudo-terminal of the benchmark's own (see
Console, and the text under the table bench.py writes): first frame and
key to redraw, with no terminal emulator in the way."""
import fcntl
import math
import os
import re
import select
import signal
import statistics
import struct
import termios
import time

from timing import ENV, Measure, Run, log

CONSOLE_ROWS, CONSOLE_COLS = 40, 120
QUIET = 0.05   # s without output: the console has finished a redraw
KEYS = 20      # timed keypresses per console start (after one untimed)
# ncurses ends every refresh by putting the attributes back to normal
# (sgr0, "ESC ( B ESC [ m" for xterm): output that stopped on anything
# else is waited for longer before it counts as finished.
SGR_RESET = b"\x1b[m"
ESCAPES = re.compile(rb"\x1b(\[[0-9;?<=>]*[ -/]*[@-~]|\][^\x07\x1b]*"
                     rb"(\x07|\x1b\\)|[()*+][0-9A-Za-z]|[=>78DEHM])")


def console_term():
    """The TERM the console runs under: the first of these whose terminfo
    entry is installed (sitrep falls back, after a second's pause, on a
    TERM it cannot use, which would land in the first frame)."""
    dirs = [os.environ.get("TERMINFO"), os.path.expanduser("~/.terminfo")]
    dirs += os.environ.get("TERMINFO_DIRS", "").split(":")
    dirs += ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo",
             "/usr/lib/terminfo", "/usr/local/share/terminfo"]
    for term in ("xterm-256color", "tmux-256color", "xterm"):
        for d in filter(None, dirs):
            if (os.path.exists(os.path.join(d, term[0], term)) or
                    os.path.exists(os.path.join(d, "%02x" % ord(term[0]),
                                                term))):
                return term
    return "xterm-256color"


def screen_text(raw):
    """What a terminal would show of raw, roughly: the bytes without the
    escape sequences, for looking for words."""
    return ESCAPES.sub(b"", bytes(raw))


def pty_floor(n=50):
    """Median time for a byte written to a pty's master to come back from
    its own echo (the line discipline, no program): the pty and this
    loop's share of every console time, i.e. their resolution."""
    master, slave = os.openpty()
    times = []
    try:
        for _ in range(n):
            t = time.perf_counter()
            os.write(master, b"x")
            if not select.select([master], [], [], 1.0)[0]:
                return float("nan")
            os.read(master, 64)
            times.append(time.perf_counter() - t)
            termios.tcflush(slave, termios.TCIFLUSH)
    finally:
        os.close(master)
        os.close(slave)
    return statistics.median(times)


class Console:
    """sitrep's console on a pseudo-terminal of its own, 120x40, driven
    from here: keys are written to the master side, the console's output
    is read from it as it comes (select + os.read), each read stamped
    with time.perf_counter. Every wait has a deadline; on any failure the
    console is killed and RuntimeError says what happened."""

    def __init__(self, argv, term, timeout):
        self.timeout = timeout
        self.out = bytearray()  # all the console wrote
        self.pid = None
        env = dict(ENV, TERM=term)
        # Neither may override the pty's size.
        env.pop("LINES", None)
        env.pop("COLUMNS", None)
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ,
                    struct.pack("HHHH", CONSOLE_ROWS, CONSOLE_COLS, 0, 0))
        # posix_spawn (vfork, so the time does not grow with this
        # process's size): a new session, whose first terminal opened,
        # the pty, becomes its controlling terminal and fds 0, 1 and 2;
        # SIGPIPE and SIGXFSZ back to default (Python ignores them, and
        # exec would keep that). Every other fd here is close-on-exec.
        actions = [(os.POSIX_SPAWN_OPEN, 0, os.ttyname(slave), os.O_RDWR,
                    0), (os.POSIX_SPAWN_DUP2, 0, 1),
                   (os.POSIX_SPAWN_DUP2, 0, 2)]
        self.t0 = time.perf_counter()
        try:
            self.pid = os.posix_spawn(
                argv[0], argv, env, file_actions=actions, setsid=True,
                setsigdef=(signal.SIGPIPE, signal.SIGXFSZ))
        except OSError as e:
            os.close(self.master)
            raise RuntimeError("cannot run %s: %s" % (argv[0], e))
        finally:
            os.close(slave)

    def tail(self, n=1500):
        return screen_text(self.out)[-n:].decode("utf-8", "replace")

    def fail(self, msg):
        raise RuntimeError("%s; the console's last output (escape "
                           "sequences removed):\n%s" % (msg, self.tail()))

    def read(self, wait, eof_ok=False):
        """One read of what is there, waiting at most wait s: (time of the
        read, bytes), bytes None when nothing came in time, b"" when the
        console's side closed (if eof_ok, else RuntimeError)."""
        if not select.select([self.master], [], [], max(wait, 0))[0]:
            return time.perf_counter(), None
        try:
            b = os.read(self.master, 1 << 16)
        except OSError:  # EIO: the console's side is closed
            b = b""
        t = time.perf_counter()
        if not b and not eof_ok:
            self.fail("the console exited (%s)" % self.reap(1.0))
        self.out += b
        return t, b

    def drain(self):
        """Reads until nothing comes for QUIET s (not timed)."""
        deadline = time.perf_counter() + self.timeout
        while self.read(QUIET)[1] is not None:
            if time.perf_counter() > deadline:
                self.fail("the console kept writing for %.0f s"
                          % self.timeout)

    def redraw(self, t_start, what, done=lambda got: True):
        """Waits for the redraw that follows t_start: output, then done(its
        bytes so far) true, then nothing more for QUIET s (2 s if the
        output did not stop on ncurses' closing attribute reset). Returns
        (first read, last read) with output, in s from t_start: the last
        is when the refresh was over. The quiet wait only tells that that
        read was the last; it is not part of the times."""
        got = bytearray()
        first = last = None
        ok = False
        deadline = t_start + self.timeout
        while True:
            now = time.perf_counter()
            if now > deadline:
                self.fail("%s: no complete redraw in %.0f s"
                          % (what, self.timeout))
            wait = deadline - now
            if ok:
                wait = min(wait, QUIET if got.endswith(SGR_RESET) else 2.0)
            t, b = self.read(wait)
            if b is None:
                if ok:
                    return first - t_start, last - t_start
                continue
            got += b
            if first is None:
                first = t
            last = t
            ok = ok or done(got)

    def hwm_kb(self):
        """The console's peak RSS so far (VmHWM: its own, from its exec)."""
        try:
            with open("/proc/%d/status" % self.pid) as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    def reap(self, wait):
        """Waits up to wait s for the console to exit, then kills it;
        returns how it ended."""
        if self.pid is None:
            return "reaped"
        deadline = time.perf_counter() + wait
        while True:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                _, status = os.waitpid(self.pid, 0)
                break
            time.sleep(0.005)
        self.pid = None
        code = os.waitstatus_to_exitcode(status)
        return "exit status %d" % code if code >= 0 else \
            "killed by signal %d" % -code

    def quit(self):
        """q, then the console must exit 0 by itself within 10 s."""
        os.write(self.master, b"q")
        deadline = time.perf_counter() + 10
        while self.read(deadline - time.perf_counter(), True)[1]:
            pass  # until the pty closes (b"") or the deadline (None)
        how = self.reap(deadline - time.perf_counter())
        if how != "exit status 0":
            self.fail("after q, the console ended with %s" % how)

    def close(self):
        if self.pid is not None:
            self.reap(0)
        os.close(self.master)


def board_shown(got):
    """The first frame is on screen: the column titles, a figure and the
    status line's hint, which is the last line ncurses paints."""
    if b"q quit" not in got:
        return False
    text = screen_text(got)
    return b"Occ%" in text and re.search(rb"\d+\.\d", text) is not None


def console_once(a, data, term, keys, timeout=120.0):
    """One start of the console: returns (first frame s, first output s,
    [(key to redraw complete s, key to first output s)], peak RSS kB)."""
    c = Console([a.sitrep, "--db", data["db"], "--config", data["cfg"]],
                term, timeout)
    try:
        setup, first = c.redraw(c.t0, "the board", board_shown)
        # Untimed: one key first (its code's first run), then j, k, j, ...
        # so the selection stays on the first two sites.
        res = []
        for i in range(keys + 1):
            c.drain()
            key = b"jk"[i % 2:i % 2 + 1]
            t = time.perf_counter()
            os.write(c.master, key)
            start, done = c.redraw(t, "key %s" % key.decode())
            if i:
                res.append((done, start))
        hwm = c.hwm_kb()
        c.quit()
    finally:
        c.close()
    return first, setup, res, hwm


def percentile(xs, p):
    """Nearest rank."""
    xs = sorted(xs)
    return xs[max(0, min(len(xs) - 1, math.ceil(p / 100 * len(xs)) - 1))]


def console(a, data, n):
    """n starts of the console after one untimed one (which warms the file
    cache, as for the other runs); returns the Measures of the first frame
    and of a key, and figures for the text."""
    term = console_term()
    console_once(a, data, term, 1)
    res = [console_once(a, data, term, a.keys) for _ in range(n)]
    first = Measure("first", [Run(r[0], 0, r[3], b"") for r in res])
    keys = [k for r in res for k in r[2]]
    key = Measure("key", [Run(k[0], 0, 0, b"") for k in keys])
    info = {"term": term, "starts": n, "keys": len(keys),
            "setup_ms": statistics.median(r[1] for r in res) * 1e3,
            "key_p90_ms": percentile([k[0] for k in keys], 90) * 1e3,
            "key_start_ms": statistics.median(k[1] for k in keys) * 1e3}
    log("console %-32s first frame %.1f ms (first output at %.1f ms), key "
        "to redraw %.2f ms median, %.2f ms p90 (%d keys; output from %.2f "
        "ms)" % (os.path.basename(data["db"]), first.wall * 1e3,
           info["setup_ms"], key.wall * 1e3, info["key_p90_ms"],
           len(keys), info["key_start_ms"]))
    return first, key, info
