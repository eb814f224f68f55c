import type { AddressInfo } from 'node:net';
import express from 'express';

/** The throughput floor: a bare Express server answering `{}` to every request. */
const app = express();
app.disable('x-powered-by');
app.disable('etag');
app.use((_req, res) => {
  res.json({});
});
const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`bare express listening on http://127.0.0.1:${port}\n`);
});
server.keepAliveTimeout = 65_000;
process.on('SIGTERM', () => server.close(() => process.exit(0)));
