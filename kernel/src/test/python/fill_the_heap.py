"""Fills the kernel's Java heap from a Java cell and keeps it full through a variable, then runs more cells, through
Debian's jupyter_client; prints one JSON object with what it saw. Run by /usr/bin/python3 from JavaHeapTest, which
starts the kernel with a small heap (JAVA_TOOL_OPTIONS=-Xmx...).

  fill_the_heap.py KERNEL_NAME
"""
import sys

from drive_dsl_kernel import execute, report, running_kernel

FILL = "%%java\nvar held = new ArrayList<long[]>();\nwhile (true) held.add(new long[1_000_000]);"
AFTER = {
    "held": "%%java\nheld == null",
    "dsl": "task add = addition(digits: 1..2)",
    "allocate": "%%java\nvar more = new long[8_000_000];\nmore.length",
    "again": "%%java\n1 + 1",
}


def drive(name):
    out = {}
    with running_kernel(name) as (km, kc):
        out["fill"] = execute(kc, FILL)
        for key, code in AFTER.items():
            out[key] = execute(kc, code)
    return out


if __name__ == "__main__":
    report(drive, sys.argv[1])
