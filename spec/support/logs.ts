import { Writable } from 'node:stream';
import pino from 'pino';

/** A pino logger (at debug) whose lines the test reads, one JSON text each. */
export function capturingLogger(): { lines: string[]; logger: pino.Logger } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: pino({ level: 'debug' }, stream) };
}
