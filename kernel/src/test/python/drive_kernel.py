"""Drives a kernel through Debian's jupyter_client, as a notebook front end would, and prints one JSON object
with what it saw. Run by /usr/bin/python3 from JupyterClientTest (Java asserts on the JSON).

  drive_kernel.py full KERNEL_NAME   every protocol check, against the Verity kernel under test
  drive_kernel.py bench KERNEL_NAME TRIVIAL_CODE   start-up and round-trip timings only (for ipykernel too)
"""
import json
import statistics
import sys
import time
from queue import Empty

from jupyter_client import KernelManager

TIMEOUT = 60


def shell_reply(kc, msg_id, timeout=TIMEOUT, others=None):
    """The shell reply to msg_id; replies to anything else are kept in `others`."""
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg
        if others is not None:
            others.append(msg)


def iopub_until_idle(kc, msg_id, timeout=TIMEOUT):
    """IOPub messages caused by msg_id, up to and including its idle status."""
    deadline = time.monotonic() + timeout
    seen = []
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        seen.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return seen


def execute(kc, code, others=None):
    msg_id = kc.execute(code)
    reply = shell_reply(kc, msg_id, others=others)
    outputs = iopub_until_idle(kc, msg_id)
    return reply["content"], [{"type": m["msg_type"], "content": m["content"]} for m in outputs]


def start(name):
    km = KernelManager(kernel_name=name)
    started = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    info_id = kc.kernel_info()  # queued by ZeroMQ until the kernel binds: times start-up to first answer
    info = shell_reply(kc, info_id)
    kernel_info_s = time.perf_counter() - started
    kc.wait_for_ready(timeout=TIMEOUT)  # also waits until IOPub is subscribed
    return km, kc, kernel_info_s, info["content"]


def round_trips(kc, code, n):
    """Seconds from sending an execute_request to having both its reply and its idle status."""
    times = []
    for _ in range(n):
        t = time.perf_counter()
        msg_id = kc.execute(code)
        shell_reply(kc, msg_id)
        iopub_until_idle(kc, msg_id)
        times.append(time.perf_counter() - t)
    return times


def bench(name, code):
    km, kc, kernel_info_s, _ = start(name)
    try:
        round_trips(kc, code, 20)  # warm-up: JIT on the JVM, imports on Python
        times = round_trips(kc, code, 100)
        return {"kernel_info_s": kernel_info_s, "median_round_trip_ms": 1000 * statistics.median(times),
                "p90_round_trip_ms": 1000 * sorted(times)[89]}
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def full(name):
    out = {}
    km, kc, out["kernel_info_s"], out["kernel_info"] = start(name)
    try:
        out["chart"] = execute(kc, "chart")
        out["table"] = execute(kc, "table")
        out["failing"] = execute(kc, "fail unknown reward 'corect'")
        out["after_failing"] = execute(kc, "show still here")

        complete_id = kc.complete("sh", 2)
        out["complete"] = shell_reply(kc, complete_id)["content"]
        inspect_id = kc.inspect("chart", 2)
        out["inspect"] = shell_reply(kc, inspect_id)["content"]
        is_complete_id = kc.is_complete("show \\")
        out["is_complete"] = shell_reply(kc, is_complete_id)["content"]
        history_id = kc.history(hist_access_type="tail", n=10)
        out["history"] = shell_reply(kc, history_id, timeout=10)["content"]

        # Interrupt a cell that runs until interrupted; the request goes on the control channel.
        loop_id = kc.execute("loop")
        time.sleep(0.5)
        t = time.perf_counter()
        km.interrupt_kernel()
        loop_reply = shell_reply(kc, loop_id, timeout=10)
        out["interrupt_s"] = time.perf_counter() - t
        out["interrupted"] = loop_reply["content"]
        iopub_until_idle(kc, loop_id)

        # Forged and malformed messages on the shell channel: dropped, and the kernel keeps serving.
        from jupyter_client.session import Session
        shell = kc.shell_channel.socket
        forger = Session(key=b"not-the-key", username="forger")
        forged = forger.msg("execute_request", content={"code": "show forged", "silent": False,
                                                         "store_history": True, "user_expressions": {},
                                                         "allow_stdin": False, "stop_on_error": True})
        forger.send(shell, forged)
        shell.send_multipart([b"no delimiter here"])
        body = [b"{not json", b"{}", b"{}", b"{}"]
        shell.send_multipart([b"<IDS|MSG>", kc.session.sign(body)] + body)
        others = []
        out["after_bad"] = execute(kc, "show after bad messages", others=others)
        out["answers_to_bad"] = [m["parent_header"].get("msg_id") == forged["header"]["msg_id"] for m in others]

        out["median_round_trip_ms"] = 1000 * statistics.median(round_trips(kc, "noop", 100))

        # Restart: the kernel exits on the shutdown request and jupyter_client starts it again.
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=TIMEOUT)
        out["after_restart"] = execute(kc, "show restarted")

        # Shutdown: the reply comes on control, then the process ends by itself.
        shutdown_id = kc.shutdown()
        deadline = time.monotonic() + 10
        while True:
            msg = kc.get_control_msg(timeout=max(0.01, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") == shutdown_id:
                out["shutdown"] = msg["content"]
                break
        t = time.perf_counter()
        while km.is_alive() and time.perf_counter() - t < 10:
            time.sleep(0.05)
        out["exited_after_shutdown_s"] = time.perf_counter() - t
        out["exit_code"] = km.provisioner.process.poll() if km.provisioner else None
    finally:
        kc.stop_channels()
        if km.is_alive():
            km.shutdown_kernel(now=True)
    return out


if __name__ == "__main__":
    mode, kernel = sys.argv[1], sys.argv[2]
    try:
        result = full(kernel) if mode == "full" else bench(kernel, sys.argv[3])
    except Empty:
        result = {"error": "timed out waiting for the kernel"}
    print(json.dumps(result))
