"""Passes the JVM's stderr on to the terminal, but moves TensorFlow's native log lines to a log file.

TensorFlow's C++ side logs through Abseil before anything initialises Abseil's logging, so TF_CPP_MIN_LOG_LEVEL
does not reach two of its lines ("WARNING: All log messages before absl::InitializeLog() ..." and
"I0000 ... mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled"), and only native code
could initialise it. Those lines, and any others in Abseil's format, go to the log file named on the command
line; everything else passes unchanged and at once, a progress bar redrawn with carriage returns included.
Ctrl-C is ignored here: the filter ends when the JVM closes the pipe, so the JVM's last words still get through.

usage: java ... 2> >(python3 native-log-filter.py LOG_FILE)
"""
import os
import re
import signal
import sys

# Abseil's line format: severity letter, MMDD, time, thread id, file:line]
NATIVE_LINE = re.compile(
    rb"^(WARNING: All log messages before absl::InitializeLog\(\) is called are written to STDERR"
    rb"|[IWEF]\d{4} \d\d:\d\d:\d+\.\d+ +\d+ [\w.+-]+:\d+\] .*)[\r\n]*$")
# The start of a segment that may still turn into a native line, so it waits for its line end.
NATIVE_START = re.compile(rb"^(W(A(R(N(I(N(G(:.*)?)?)?)?)?)?)?|[IWEF]\d{0,4}( .*)?)$", re.S)


def main():
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    log_path = sys.argv[1]
    log = None
    pending = b""
    while True:
        chunk = os.read(0, 65536)
        if not chunk:
            break
        pending += chunk
        segments = re.split(rb"(?<=[\r\n])", pending)
        pending = segments.pop()  # no line end yet (empty when the chunk ended with one)
        for segment in segments:
            if NATIVE_LINE.match(segment):
                if log is None:
                    os.makedirs(os.path.dirname(log_path) or ".", exist_ok=True)
                    log = open(log_path, "ab")
                log.write(segment)
                log.flush()
            else:
                os.write(2, segment)
        if pending and not NATIVE_START.match(pending):
            os.write(2, pending)  # e.g. a progress bar's text after its carriage return
            pending = b""
    if pending:
        os.write(2, pending)


if __name__ == "__main__":
    main()
