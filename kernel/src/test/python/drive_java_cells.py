"""Drives Java cells (%%java) of the Verity kernel through Debian's jupyter_client and prints one JSON object with
what it saw. Run by /usr/bin/python3 from JavaKernelClientTest (Java asserts on the JSON).

  drive_java_cells.py KERNEL_NAME
"""
import sys
import time

from drive_dsl_kernel import ask, execute, idle, iopub_until, report, running_kernel, shell_reply

CELLS = {
    "declare": "%%java\nint x = 40;\nString twice(String s) { return s + s; }",
    "state": "%%java\ntwice(\"ab\") + (x + 2)",
    "table": "%%java\nTable.create(\"scores\", IntColumn.create(\"step\", 1, 2),"
             " DoubleColumn.create(\"reward\", 0.5, 0.75))",
    "chart": "%%java\nvar chart = new XYChartBuilder().width(300).height(200).title(\"rising\").build();\n"
             "chart.addSeries(\"r\", new double[] {1, 2, 3}, new double[] {0.1, 0.4, 0.9});\nchart",
    "compile_error": "%%java\nint a = 1;\nint b = \"text\";",
    "verifier_throws": "%%java\nboolean verify(String response) {\n"
                       "  throw new IllegalStateException(\"cannot read \" + response);\n}\nverify(\"42\")",
}


def drive(name):
    out = {}
    with running_kernel(name) as (km, kc):
        for key, code in CELLS.items():
            out[key] = execute(kc, code)

        member = "%%java\ntwice(\"a\").toUpp"
        out["complete"] = ask(kc, lambda: kc.complete(member, len(member)))
        call = "%%java\nMath.max("
        out["inspect"] = ask(kc, lambda: kc.inspect(call, len(call)))
        out["is_complete_open"] = ask(kc, lambda: kc.is_complete("%%java\nfor (int i = 0; i < x; i++) {"))
        out["is_complete_done"] = ask(kc, lambda: kc.is_complete("%%java\nint y = x;"))

        msg_id = kc.execute("%%java\nlong spins = 0;\nwhile (true) { spins++; }")
        iopub_until(kc, msg_id, lambda m: m["msg_type"] == "execute_input")
        time.sleep(1.0)
        t = time.perf_counter()
        km.interrupt_kernel()
        reply = shell_reply(kc, msg_id, timeout=60)
        out["interrupt_s"] = time.perf_counter() - t
        out["interrupted"] = reply["content"]
        iopub_until(kc, msg_id, idle)

        out["after"] = execute(kc, "%%java\nx")
    return out


if __name__ == "__main__":
    report(drive, sys.argv[1])
