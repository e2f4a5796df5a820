"""Fills the kernel's Java heap from a Java cell and keeps it full through a variable, then runs more cells, through
Debian's jupyter_client; prints one JSON object with what it saw. Run by /usr/bin/python3 from JavaHeapTest, which
starts the kernel with a small heap (JAVA_TOOL_OPTIONS=-Xmx...).

  fill_the_heap.py KERNEL_NAME
"""
import json
import sys
from queue import Empty

from drive_dsl_kernel import TIMEOUT, execute

from jupyter_client import KernelManager

FILL = "%%java\nvar held = new ArrayList<long[]>();\nwhile (true) held.add(new long[1_000_000]);"
AFTER = {
    "held": "%%java\nheld == null",
    "dsl": "task add = addition(digits: 1..2)",
    "allocate": "%%java\nvar more = new long[8_000_000];\nmore.length",
    "again": "%%java\n1 + 1",
}


def drive(name):
    out = {}
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        out["fill"] = execute(kc, FILL)
        for key, code in AFTER.items():
            out[key] = execute(kc, code)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    return out


if __name__ == "__main__":
    try:
        result = drive(sys.argv[1])
    except Empty:
        result = {"error": "timed out waiting for the kernel"}
    print(json.dumps(result))
