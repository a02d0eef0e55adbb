/** A process at the other end of an IPC channel: a child the build started, or this process's parent. */
export interface MessageTarget {
  readonly connected?: boolean;
  send?(message: unknown, sendHandle: undefined, options: object, callback: (error: Error | null) => void): boolean;
}

/**
 * Sends a message if the other process is still there. `connected` can still be true while the
 * other side is exiting: the write then fails later with EPIPE, which Node raises as an
 * uncaught 'error' event unless the send has a callback. A process that has gone needs no news,
 * so the failure is dropped. Returns whether the message was handed to the channel.
 */
export function sendIfConnected(target: MessageTarget, message: unknown): boolean {
  if (!target.connected || !target.send) return false;
  try {
    return target.send(message, undefined, {}, () => undefined);
  } catch {
    // The channel closed between the check and the call (ERR_IPC_CHANNEL_CLOSED).
    return false;
  }
}
