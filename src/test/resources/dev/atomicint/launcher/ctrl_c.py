"""Presses Ctrl-C at bin/atomicint-python on a pseudo-terminal, as a user at a terminal would.

    python3 ctrl_c.py LAUNCHER repl
        The REPL: Ctrl-C at an empty prompt, during time.sleep, during a += loop, then a last line.
    python3 ctrl_c.py LAUNCHER script
        A script: Ctrl-C during a sleep it catches, then during a loop it does not.

Prints "status S" (the launcher's exit status, or minus the signal that ended it), then all the
terminal showed. SIGINT's action is reset to the default first: a
background job's (a CI runner's) is ignored, and a child would inherit that.
"""

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time

LAUNCHER, MODE = sys.argv[1], sys.argv[2]
FIRST_PROMPT_SECONDS = 900  # a first use builds the project
STEP_SECONDS = 120

SCRIPT = """
import time
print("started", flush=True)
try:
    time.sleep(60)
except KeyboardInterrupt:
    print("caught KeyboardInterrupt", flush=True)
n = 0
while True:
    n += 1
"""


class Terminal:
    def __init__(self, argv):
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ["TERM"] = "xterm"  # a terminal the REPL's line editor knows (a CI runner's may say "dumb" or nothing)
            os.execv(argv[0], argv)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))  # a pty starts 0x0
        self.seen = ""

    def expect(self, text, seconds=STEP_SECONDS):
        """Reads until `text` appears after what earlier calls consumed; fails after `seconds`."""
        deadline = time.monotonic() + seconds
        while text not in self.seen:
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(left):
                self.finish()
                raise SystemExit("did not see %r; the terminal showed:\n%s" % (text, self.seen))
        self.seen = self.seen[self.seen.index(text) + len(text):]

    def _read(self, seconds):
        ready, _, _ = select.select([self.fd], [], [], seconds)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 4096)
        except OSError:
            return False
        if not data:
            return False
        text = data.decode("utf-8", "replace").replace("\r\n", "\n")
        transcript.append(text)
        self.seen += text
        return True

    def send(self, text):
        os.write(self.fd, text.encode())

    def finish(self, seconds=STEP_SECONDS):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                while self._read(0.2):
                    pass
                return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
            self._read(0.2)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        return "killed after %d s" % seconds


transcript = []
CTRL_C = "\x03"

if MODE == "repl":
    term = Terminal([LAUNCHER])
    term.expect(">>> ", FIRST_PROMPT_SECONDS)
    time.sleep(1)
    term.send(CTRL_C)  # at an empty prompt
    term.expect(">>> ")
    term.send('import time; time.sleep(60); print("slept")\n')
    time.sleep(3)
    term.send(CTRL_C)  # in a sleep
    term.expect(">>> ")
    term.send("n = 0\n")
    term.expect(">>> ")
    term.send("while True: n += 1\n\n")
    time.sleep(3)
    term.send(CTRL_C)  # in a loop
    term.expect(">>> ")
    term.send('print("alive", n > 0)\n')
    term.expect(">>> ")
    term.send("exit()\n")
    status = term.finish()
else:
    term = Terminal([LAUNCHER, "-c", SCRIPT])
    term.expect("started", FIRST_PROMPT_SECONDS)
    time.sleep(1)
    term.send(CTRL_C)
    term.expect("caught KeyboardInterrupt")
    time.sleep(2)
    term.send(CTRL_C)
    status = term.finish()

print("status %s" % status)
print("".join(transcript))
