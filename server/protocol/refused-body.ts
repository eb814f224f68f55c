import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestEntityTooLargeException } from './protocol-errors';
import { sendError, writeErrorLeavingOpen } from './respond';

/** How much of a refused body is read and dropped after the 413, at most, before the connection is cut. */
export const refusedBodyDrainBytes = 64 * 1024 * 1024;

/** How long the rest of a refused body may take to arrive before the connection is cut. */
export const refusedBodyLingerMs = 30_000;

/** Requests announced with `Expect: 100-continue` and refused from their declared length without an invitation. */
const uninvited = new WeakSet<IncomingMessage>();

/** Records that the request asked to be invited to send its body and was not (its declared length is refused). */
export function leaveUninvited(req: IncomingMessage): void {
  uninvited.add(req);
}

/**
 * Answers 413 for a body over the limit, as soon as it is known (from the declared length, or once a chunked body
 * passes the limit), and closes the connection once the client has sent the rest, which is read and dropped.
 *
 * Closing at once is no answer: a socket closed while its peer is still sending is reset by the kernel, and a
 * client still writing its upload sees the reset instead of the 413. The JS SDKs did (v3 in 12 of 15 tries of an
 * 11 MiB body, v2 in 8, as `EPIPE`), and took it for a network fault to retry, upload included. So the whole
 * answer is written at once (its length declared, the client has it), and the exchange ends when the body does:
 * after refusedBodyDrainBytes more, or refusedBodyLingerMs, the connection is cut.
 *
 * A request left uninvited (`Expect: 100-continue`) has no body coming: it is answered and closed at once.
 */
export function answerRefusedBody(
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  error: RequestEntityTooLargeException,
): void {
  // Another request on this connection would have to wait for the rest of this one's body: none is taken.
  if (!req.readableEnded) res.setHeader('Connection', 'close');
  if (req.readableEnded || uninvited.has(req)) {
    sendError(res, requestId, error);
    req.resume();
    return;
  }
  writeErrorLeavingOpen(res, requestId, error);
  const cut = () => req.socket.destroy();
  const linger = setTimeout(cut, refusedBodyLingerMs);
  linger.unref();
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > refusedBodyDrainBytes) cut();
  });
  req.once('end', () => res.end());
  req.once('close', () => clearTimeout(linger));
  req.resume();
}
