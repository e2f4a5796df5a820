"""Kills a notebook kernel with SIGKILL while a training cell runs, once the session's run directory records ROWS
steps, and prints one JSON object saying where (NotebookKillIT resumes the run and checks it). Driven by Debian's
jupyter_client, as a notebook front end drives the kernel.

  kill_kernel.py KERNEL_NAME DECLARE_CELL TRAINING_CELL ROWS
"""
import glob
import json
import os
import signal
import sys
import time

from jupyter_client import KernelManager

TIMEOUT = 300


def rows(pattern):
    files = glob.glob(pattern)
    if not files:
        return 0
    with open(files[0], "rb") as f:
        return max(0, f.read().count(b"\n") - 1)


def main(name, declare, training, at_rows):
    at_rows = int(at_rows)
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    out = {}
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        msg_id = kc.execute(declare)
        deadline = time.monotonic() + TIMEOUT
        while kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))["parent_header"].get("msg_id") != msg_id:
            pass
        kc.execute(training)
        pid = km.provisioner.process.pid
        metrics = os.path.join(os.getcwd(), "runs", "*", "metrics.csv")
        while rows(metrics) < at_rows:
            if time.monotonic() > deadline:
                out["error"] = "the training never reached %d rows" % at_rows
                return out
            time.sleep(0.001)
        os.kill(pid, signal.SIGKILL)
        out["killed_at_rows"] = rows(metrics)
        km.provisioner.process.wait(timeout=30)
        out["exit"] = km.provisioner.process.returncode
        out["run"] = os.path.dirname(glob.glob(metrics)[0])
    finally:
        kc.stop_channels()
        try:
            km.shutdown_kernel(now=True)
        except Exception:  # already dead: that was the point
            pass
    return out


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:5])))
