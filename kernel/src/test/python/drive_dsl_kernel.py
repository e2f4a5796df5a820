"""Drives the Verity DSL kernel through Debian's jupyter_client, as a notebook front end would, and prints one JSON
object with what it saw. Run by /usr/bin/python3 from DslKernelClientTest (Java asserts on the JSON).

  drive_dsl_kernel.py KERNEL_NAME DECLARE_CELL TRAINING_CELL AFTER_CELL

DECLARE_CELL declares what TRAINING_CELL (a long training stage) needs; it is interrupted once its live progress
shows, and AFTER_CELL then uses the trained model.
"""
import json
import sys
import time
from contextlib import contextmanager
from queue import Empty

from jupyter_client import KernelManager

TIMEOUT = 120


def shell_reply(kc, msg_id, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def iopub_until(kc, msg_id, done, timeout=TIMEOUT):
    """IOPub messages caused by msg_id, up to and including the first for which done(msg) holds."""
    deadline = time.monotonic() + timeout
    seen = []
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        seen.append(msg)
        if done(msg):
            return seen


def idle(msg):
    return msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle"


def execute(kc, code):
    msg_id = kc.execute(code)
    reply = shell_reply(kc, msg_id)
    outputs = iopub_until(kc, msg_id, idle)
    return {"reply": reply["content"],
            "outputs": [{"type": m["msg_type"], "content": m["content"]} for m in outputs]}


def ask(kc, send):
    return shell_reply(kc, send())["content"]


@contextmanager
def running_kernel(name):
    """Kernel NAME started and ready, with a client on its channels; shut down politely on leaving."""
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        yield km, kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def report(drive, *args):
    """Prints what drive(*args) saw as one JSON object, or the time-out the Java test reads."""
    try:
        result = drive(*args)
    except Empty:
        result = {"error": "timed out waiting for the kernel"}
    print(json.dumps(result))


def drive(name, declare, training, after):
    out = {}
    with running_kernel(name) as (km, kc):
        out["declare"] = execute(kc, declare)

        out["complete"] = ask(kc, lambda: kc.complete("model p = gp", 12))
        out["complete_session_name"] = ask(kc, lambda: kc.complete("eval pol", 8))
        out["complete_on_magic"] = ask(kc, lambda: kc.complete("%seed 7\nmodel p = gp", 20))
        out["inspect"] = ask(kc, lambda: kc.inspect("task t = addition(digits: 2..3)", 12))
        out["inspect_nothing"] = ask(kc, lambda: kc.inspect("   ", 1))
        out["is_complete_open_block"] = ask(kc, lambda: kc.is_complete("sft policy on add {\n  steps: 3"))
        out["is_complete_done"] = ask(kc, lambda: kc.is_complete("%seed 3\nreward r = exact_answer()"))
        out["is_complete_invalid"] = ask(kc, lambda: kc.is_complete("reward r = )"))

        # Interrupt a long training cell once its live progress line is showing; the request goes on control.
        msg_id = kc.execute(training)
        started = time.perf_counter()
        shown = iopub_until(kc, msg_id, lambda m: m["msg_type"] == "update_display_data")
        out["first_update_s"] = time.perf_counter() - started
        t = time.perf_counter()
        km.interrupt_kernel()
        reply = shell_reply(kc, msg_id, timeout=60)
        out["interrupt_s"] = time.perf_counter() - t
        out["interrupted"] = reply["content"]
        rest = iopub_until(kc, msg_id, idle)
        out["training_outputs"] = [{"type": m["msg_type"], "content": m["content"]} for m in shown + rest]

        out["after"] = execute(kc, after)
    return out


if __name__ == "__main__":
    report(drive, *sys.argv[1:5])
