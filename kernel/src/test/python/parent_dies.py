"""Starts a kernel the way Jupyter does (jupyter_client sets JPY_PARENT_PID to this process), prints the kernel's
process id once it answers, then waits to be killed. ParentDeathTest kills this process with SIGKILL, so nothing
here can shut the kernel down: it has to notice by itself."""
import sys
import time

from jupyter_client import KernelManager

km = KernelManager(kernel_name=sys.argv[1])
km.start_kernel()
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=60)
print(km.provisioner.pid, flush=True)
time.sleep(600)
