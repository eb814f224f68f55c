import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerEmpty } from './empty-answer';

/**
 * The floor: a bare Node http server that reads each request and answers `{}` as the emulator would
 * (200, application/json, a request id), printing its endpoint as the emulator's start-up line does.
 */
let counter = 0;
const server = http.createServer((req, res) => {
  req.on('data', () => undefined);
  req.on('end', () => {
    counter++;
    answerEmpty(res, counter);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`bare http listening on http://127.0.0.1:${port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
