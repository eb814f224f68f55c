import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseSignatureClaim, SigningKeyCache, verifySignature } from '../../server/auth/sigv4';
import { openDatabase } from '../../store/database';
import { answerEmpty, requestIdOf } from './empty-answer';

/**
 * The floor of a faithful emulator: the bare http server (it reads each request and answers `{}`) plus the
 * two things no faithful answer can skip, each done as the emulator does it. Every request's SigV4
 * signature is checked by the emulator's own code, and every write request (POST, DELETE) commits one row of
 * about a stored domain's size to a state file opened as the emulator's is (WAL, synchronous NORMAL,
 * exclusive lock); a read request (GET) reads one row. No IAM decision, no validation, no handler, no log
 * line: what the emulator spends beyond this floor is its own work.
 *
 * Usage: floor-server.js --state <file>; the one credential it accepts comes from FLOOR_ACCESS_KEY_ID and
 * FLOOR_SECRET_ACCESS_KEY. A request signed otherwise is answered 403, so that a misconfigured run fails
 * rather than measuring less.
 */
const stateIndex = process.argv.indexOf('--state');
const statePath = stateIndex === -1 ? ':memory:' : process.argv[stateIndex + 1]!;
const accessKeyId = process.env.FLOOR_ACCESS_KEY_ID ?? '';
const secretAccessKey = process.env.FLOOR_SECRET_ACCESS_KEY ?? '';

const db = openDatabase(statePath);
db.exec('CREATE TABLE IF NOT EXISTS floor_rows (key INTEGER PRIMARY KEY, doc TEXT NOT NULL)');
const writeRow = db.prepare<[number, string]>('INSERT OR REPLACE INTO floor_rows (key, doc) VALUES (?, ?)');
const readRow = db.prepare<[number]>('SELECT doc FROM floor_rows WHERE key = ?');
/** About the size of a stored domain's document (2.8 KB). */
const storedDocument = JSON.stringify({ document: 'x'.repeat(2800) });
const commitRow = db.transaction((key: number) => writeRow.run(key, storedDocument));
/** Rows are reused in a ring, so that the table stays the size of a small store. */
const rowCount = 1024;

const signingKeys = new SigningKeyCache();
let counter = 0;

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    counter++;
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const facts = {
      method: req.method ?? 'GET',
      rawPath: query === -1 ? url : url.slice(0, query),
      rawQuery: query === -1 ? '' : url.slice(query + 1),
      headers: req.headers,
      rawHeaders: req.rawHeaders,
      body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
      sourceIp: req.socket.remoteAddress ?? '',
    };
    try {
      const claim = parseSignatureClaim(facts, Date.now());
      if (claim.accessKeyId !== accessKeyId) throw new Error('unknown access key');
      verifySignature(claim, facts, secretAccessKey, signingKeys);
    } catch (error) {
      const body = JSON.stringify({ message: (error as Error).message });
      res.writeHead(403, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
        'x-amzn-RequestId': requestIdOf(counter),
      });
      res.end(body);
      return;
    }
    const key = counter % rowCount;
    if (facts.method === 'GET') readRow.get(key);
    else commitRow(key);
    answerEmpty(res, counter);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`floor http listening on http://127.0.0.1:${port}\n`);
});
process.on('SIGTERM', () =>
  server.close(() => {
    db.close();
    process.exit(0);
  }),
);
