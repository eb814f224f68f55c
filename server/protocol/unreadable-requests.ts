import http from 'node:http';
import type { Duplex } from 'node:stream';
import { ServiceError } from './service-error';

/**
 * Node's own answers to a request its parser cannot read, byte for byte (lib/_http_server.js in Node 20): a status
 * line and `Connection: close`, no body. Headers over the limit are a 431, chunk extensions over theirs a 413, a
 * request not received within the server's timeout a 408, anything else a 400.
 */
const parserAnswerStatus: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

function parserAnswer(error: NodeJS.ErrnoException): string {
  const status = (error.code !== undefined ? parserAnswerStatus[error.code] : undefined) ?? 400;
  return `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`;
}

/** Connections already being refused: after a parse error the parser reports it again on every read. */
const refusing = new WeakSet<Duplex>();

/**
 * The server's `clientError` listener, given the answers not yet finished on the connection. Node's own handling
 * answers at once and destroys the connection, and so drops the answers of requests pipelined before the
 * unreadable one (read in the same packet, so parsed and handed to the app already): their operations ran, a create
 * included, and their clients were told only 400. Here those answers go out first, in order; then Node's answer to
 * the unreadable request, and the connection closes. A request whose own body was cut by the error (a bad chunk
 * size) is not waited for: it can never be read whole, and is never carried out.
 */
export function refuseUnreadableRequest(
  error: NodeJS.ErrnoException,
  socket: Duplex,
  unansweredOnConnection: readonly http.ServerResponse[],
): void {
  if (refusing.has(socket)) return;
  refusing.add(socket);
  // A connection reset or already closed for writing has nobody to answer.
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const awaited = unansweredOnConnection.filter((res) => res.req.complete);
  const answer = () => {
    // As Node takes care to: no bytes of another answer into one already begun (a 413 written before its
    // body was read, say).
    const begun = unansweredOnConnection.some((res) => res.headersSent && !res.writableFinished);
    if (!socket.writable || begun) socket.destroy();
    else socket.end(parserAnswer(error), () => socket.destroy());
  };
  let left = awaited.length;
  if (left === 0) answer();
  for (const res of awaited) {
    res.once('close', () => {
      left--;
      if (left === 0) answer();
    });
  }
}

/**
 * The server's `connect` listener. CONNECT asks for a tunnel, which the API's endpoint does not give; without a
 * listener Node closes the connection in silence, and a client that took the emulator for its proxy (HTTPS_PROXY)
 * sees only a hang-up. It is answered as another method that no route takes is, with a JSON 405, and closed.
 */
export function refuseConnect(req: http.IncomingMessage, socket: Duplex, requestId: string): void {
  // Node took its own error listener off the connection when it handed it over.
  socket.on('error', () => socket.destroy());
  const error = new ServiceError(
    'MethodNotAllowedException',
    405,
    `CONNECT is not allowed on ${req.url ?? ''}: the emulator is the API's endpoint, not a proxy`,
  );
  const body = JSON.stringify({ message: error.message });
  const head = [
    `HTTP/1.1 ${error.status} ${http.STATUS_CODES[error.status]}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `x-amzn-RequestId: ${requestId}`,
    `x-amzn-ErrorType: ${error.code}`,
    `Date: ${new Date().toUTCString()}`,
    'Connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`, () => socket.destroy());
}
