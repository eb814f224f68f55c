import type { ServerResponse } from 'node:http';

/**
 * The bare servers' answer to every request, as the emulator answers an empty output: 200,
 * application/json, `{}`, a request id numbered by the server's count of requests.
 */
export function answerEmpty(res: ServerResponse, requestNumber: number): void {
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Content-Length': 2,
    'x-amzn-RequestId': requestIdOf(requestNumber),
  });
  res.end('{}');
}

export function requestIdOf(requestNumber: number): string {
  return `00000000-0000-4000-8000-${requestNumber.toString(16).padStart(12, '0')}`;
}
