"""Pings a kernel's heartbeat port with libzmq, as Jupyter does: a ping of several frames from a DEALER, then a
plain REQ ping. Prints what came back as JSON; a missing echo is null."""
import json
import sys

import zmq

port = int(sys.argv[1])
endpoint = "tcp://127.0.0.1:%d" % port
context = zmq.Context()
dealer = context.socket(zmq.DEALER)
dealer.rcvtimeo = 5000
dealer.linger = 0
dealer.connect(endpoint)
dealer.send_multipart([b"", b"a", b"b"])
try:
    several = [frame.decode() for frame in dealer.recv_multipart()]
except zmq.Again:
    several = None
req = context.socket(zmq.REQ)
req.rcvtimeo = 5000
req.linger = 0
req.connect(endpoint)
req.send(b"ping")
try:
    single = req.recv().decode()
except zmq.Again:
    single = None
print(json.dumps({"several": several, "single": single}))
context.destroy(linger=0)
