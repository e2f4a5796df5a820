package dev.verity.kernel.jupyter;

import org.dflib.jjava.jupyter.messages.Message;

/** Where the answers to one request go: the reply to the socket it came from, the rest to IOPub. */
interface Outbox {
  /** Sends on the request's own channel (shell or control), from the thread that serves that channel. */
  void reply(Message<?> message);

  /** Broadcasts on IOPub; safe from any thread. */
  void publish(Message<?> message);
}
