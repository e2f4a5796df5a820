"""A kernel under attack: while a training cell runs, floods every channel of the kernel (shell, control, stdin,
heartbeat, IOPub) with messages signed with the wrong key, malformed frames and unknown message types, asks real
questions in between, then runs the same cells in a quiet kernel to compare. Prints one JSON object; Java
(KernelUnderAttackTest) asserts on it. Driven by Debian's jupyter_client.

  attack_kernel.py KERNEL_NAME DECLARE_ATTACKED DECLARE_QUIET TRAINING_CELL MESSAGES
"""
import ipaddress
import json
import os
import random
import re
import subprocess
import sys
import time

import zmq
from jupyter_client import KernelManager
from jupyter_client.session import Session

TIMEOUT = 300


def reply_to(kc, get, msg_id, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while True:
        msg = get(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def outputs_until_idle(kc, msg_id, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    seen = []
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        seen.append({"type": msg["msg_type"], "content": msg["content"]})
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return seen


def execute(kc, code):
    msg_id = kc.execute(code)
    reply = reply_to(kc, kc.get_shell_msg, msg_id)
    return {"reply": reply["content"], "outputs": outputs_until_idle(kc, msg_id)}


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def heap_used_kib(pid):
    """The kernel's Java heap in use after a full collection (jcmd beside the kernel's own java), or -1."""
    jcmd = os.path.join(os.path.dirname(os.readlink("/proc/%d/exe" % pid)), "jcmd")
    if not os.path.exists(jcmd):
        return -1
    subprocess.run([jcmd, str(pid), "GC.run"], capture_output=True, timeout=60)
    info = subprocess.run([jcmd, str(pid), "GC.heap_info"], capture_output=True, text=True, timeout=60).stdout
    used = re.search(r"used (\d+)K", info)
    return int(used.group(1)) if used else -1


def listening(pid):
    """Every listening TCP socket of the process: (address, port)."""
    inodes = set()
    for fd in os.listdir("/proc/%d/fd" % pid):
        try:
            target = os.readlink("/proc/%d/fd/%s" % (pid, fd))
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = []
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            lines = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] != "0A" or fields[9] not in inodes:  # 0A: LISTEN
                continue
            address, port = fields[1].split(":")
            # /proc shows each 32-bit word in host (little-endian) order
            raw = b"".join(bytes.fromhex(address[i:i + 8])[::-1] for i in range(0, width, 8))
            ip = ipaddress.ip_address(raw)
            if ip.version == 6 and ip.ipv4_mapped:
                ip = ip.ipv4_mapped  # a dual-stack socket bound to an IPv4 address
            found.append([str(ip), int(port, 16)])
    return found


def attack_messages(rng, key, count):
    """(channel, frames) pairs: forged signatures, malformed frames, unknown types, on every channel."""
    forger = Session(key=b"not-the-key", username="forger")
    signer = Session(key=key, username="attacker")  # signs right, sends what the kernel must not understand
    channels = ["shell", "control", "stdin", "hb", "iopub"]
    out = []
    for i in range(count):
        channel = channels[i % len(channels)]
        kind = rng.randrange(9)
        if channel in ("hb", "iopub"):
            size = rng.choice([0, 1, 7, 100, 4096, 1 << 20 if rng.random() < 0.02 else 10])
            frames = [bytes(rng.getrandbits(8) for _ in range(min(size, 256))) * max(1, size // 256)]
            frames += [b"<IDS|MSG>", b"x"] * rng.randrange(3)
        elif kind == 0:  # a forged request that would do something
            msg_type = rng.choice(["execute_request", "shutdown_request", "interrupt_request", "kernel_info_request"])
            content = {"code": "eval final: policy on add_test with greedy", "silent": False, "store_history": True,
                       "user_expressions": {}, "allow_stdin": False, "restart": False}
            msg = forger.msg(msg_type, content=content)
            frames = forger.serialize(msg)
        elif kind == 1:  # no delimiter
            frames = [b"no delimiter", b"{}", b"{}"]
        elif kind == 2:  # a delimiter, too few frames after it
            frames = [b"<IDS|MSG>", b"sig", b"{}"]
        elif kind == 3:  # rightly signed JSON that is not JSON
            body = [b"{not json", b"{}", b"{}", b"\xff\xfe"]
            frames = [b"<IDS|MSG>", signer.sign(body)] + body
        elif kind == 4:  # rightly signed, a header of the wrong shape
            body = [json.dumps(rng.choice([[], 5, {"msg_type": 5}, {"msg_id": None}, {}])).encode(), b"[]", b"null",
                    b"{}"]
            frames = [b"<IDS|MSG>", signer.sign(body)] + body
        elif kind == 5:  # rightly signed, an unknown message type
            msg = signer.msg(rng.choice(["foo_request", "execute_reply", "comm_open", "", "x" * 10000]),
                             content={"a": 1})
            frames = signer.serialize(msg)
        elif kind == 6:  # rightly signed, a known type whose content has the wrong types
            msg = signer.msg(rng.choice(["complete_request", "inspect_request", "is_complete_request"]),
                             content={"code": 5, "cursor_pos": "x"})
            frames = signer.serialize(msg)
        elif kind == 7:  # an empty signature and a huge frame
            frames = [b"<IDS|MSG>", b"", b"{" * (1 << 16), b"{}", b"{}", b"{}"]
        else:  # random bytes
            frames = [bytes(rng.getrandbits(8) for _ in range(rng.randrange(1, 200))) for _ in range(rng.randrange(1, 8))]
        out.append((channel, frames))
    return out


def attacker_sockets(context, info):
    def connect(kind, port):
        s = context.socket(kind)
        s.linger = 0
        s.sndtimeo = 1000
        s.connect("%s://%s:%d" % (info["transport"], info["ip"], port))
        return s
    return {"shell": connect(zmq.DEALER, info["shell_port"]), "control": connect(zmq.DEALER, info["control_port"]),
            "stdin": connect(zmq.DEALER, info["stdin_port"]), "hb": connect(zmq.DEALER, info["hb_port"]),
            "iopub": connect(zmq.XSUB, info["iopub_port"])}


def flood(sockets, messages):
    sent = 0
    for channel, frames in messages:
        try:
            sockets[channel].send_multipart(frames)
            sent += 1
        except zmq.Again:
            pass
    return sent


def session(name, declare, training, count, attack):
    out = {}
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    context = zmq.Context()
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        pid = km.provisioner.process.pid
        out["pid"] = pid
        info = km.get_connection_info()
        out["connection"] = {"ip": info["ip"], "ports": sorted([info["shell_port"], info["control_port"],
                                                                info["stdin_port"], info["hb_port"],
                                                                info["iopub_port"]])}
        out["listening"] = listening(pid)
        out["declare"] = execute(kc, declare)
        out["rss_kib_before"] = rss_kib(pid)
        training_id = kc.execute(training)
        # wait for the training to show progress, so the flood lands while it runs
        deadline = time.monotonic() + TIMEOUT
        while True:
            msg = kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") == training_id and msg["msg_type"] in ("update_display_data",
                                                                                           "display_data"):
                break
        if attack:
            rng = random.Random(17)
            sockets = attacker_sockets(context, info)
            time.sleep(0.2)  # let the connections finish their handshakes
            messages = attack_messages(rng, kc.session.key, count)
            started = time.perf_counter()
            rss = []
            shell_questions = []
            control_times = []
            for start in range(0, count, count // 10):
                out.setdefault("sent", 0)
                out["sent"] += flood(sockets, messages[start:start + count // 10])
                # real questions between the rounds: control answers now, shell after the cell, hb echoes
                t = time.perf_counter()
                info_id = kc.kernel_info()  # shell: waits for the cell
                shell_questions.append(info_id)
                control = Session(key=kc.session.key)
                ctrl = kc.control_channel
                ctrl_msg = kc.session.msg("kernel_info_request")
                ctrl.send(ctrl_msg)
                reply_to(kc, kc.get_control_msg, ctrl_msg["header"]["msg_id"], timeout=30)
                control_times.append(time.perf_counter() - t)
                rss.append(rss_kib(pid))
            out["flood_s"] = time.perf_counter() - started
            out["control_reply_s"] = control_times
            out["rss_kib_during"] = rss
            hb = context.socket(zmq.REQ)
            hb.linger = 0
            hb.rcvtimeo = 5000
            hb.connect("%s://%s:%d" % (info["transport"], info["ip"], info["hb_port"]))
            hb.send(b"ping")
            out["heartbeat"] = hb.recv().decode()
            complete_id = kc.complete("model p = gp", 12)
            inspect_id = kc.inspect("task t = addition(digits: 2..3)", 12)
            is_complete_id = kc.is_complete("sft policy on add {\n  steps: 3")
        reply = reply_to(kc, kc.get_shell_msg, training_id)
        out["training"] = {"reply": reply["content"], "outputs": outputs_until_idle(kc, training_id)}
        if attack:
            out["answers"] = {
                "kernel_info": [reply_to(kc, kc.get_shell_msg, i)["content"]["implementation"]
                                for i in shell_questions],
                "complete": reply_to(kc, kc.get_shell_msg, complete_id)["content"],
                "inspect": reply_to(kc, kc.get_shell_msg, inspect_id)["content"],
                "is_complete": reply_to(kc, kc.get_shell_msg, is_complete_id)["content"],
            }
            # after the cell: more floods, nothing running, to see whether memory keeps growing
            out["rss_kib_after_cell"] = rss_kib(pid)
            out["rss_kib_after_floods"] = []
            out["heap_kib_after_floods"] = []
            for seed in (18, 19, 20):
                out["sent"] += flood(sockets, attack_messages(random.Random(seed), kc.session.key, count))
                time.sleep(0.5)
                out["heap_kib_after_floods"].append(heap_used_kib(pid))
                out["rss_kib_after_floods"].append(rss_kib(pid))
            out["after_floods"] = execute(kc, "eval final: policy on add_test with greedy")
            out["alive"] = km.is_alive()
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
        context.destroy(linger=0)
    return out


def main(name, declare_attacked, declare_quiet, training, count):
    count = int(count)
    attacked = session(name, declare_attacked, training, count, True)
    quiet = session(name, declare_quiet, training, count, False)
    return {"attacked": attacked, "quiet": quiet}


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:6])))
