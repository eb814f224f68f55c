import type { ServerResponse } from 'node:http';
import type { ServiceError } from './service-error';

/** Success: 200, application/json, the output members at the top level, `{}` for empty outputs. */
export function sendJson(res: ServerResponse, requestId: string, output: unknown): void {
  const body = JSON.stringify(output);
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': requestId,
  });
  res.end(body);
}

/**
 * Success of an operation the model gives no output (AddTags, RemoveTags, DeleteElasticsearchServiceRole): 200 and
 * no body, as AWS's AddTags example answers (`Content-Length: 0`). botocore and the JS SDK read it as no members.
 */
export function sendEmpty(res: ServerResponse, requestId: string): void {
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Content-Length': 0,
    'x-amzn-RequestId': requestId,
  });
  res.end();
}

/**
 * Every error is written here, the same way: the modelled status, `x-amzn-ErrorType` (JS v3 and botocore
 * read the code from it), `x-amzn-RequestId`, and a JSON body `{"message": ...}`, also on 5xx so that
 * botocore does not take it for a generic HTML error page.
 */
export function sendError(res: ServerResponse, requestId: string, error: ServiceError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.end(writeErrorHead(res, requestId, error));
}

/**
 * Writes the whole error answer but leaves the response open: its length is declared, so the client has all of it,
 * while the server decides when the exchange ends (refused-body.ts). `res.end()` finishes it.
 */
export function writeErrorLeavingOpen(res: ServerResponse, requestId: string, error: ServiceError): void {
  res.write(writeErrorHead(res, requestId, error));
}

/** Writes an error's status and headers; answers its body. */
function writeErrorHead(res: ServerResponse, requestId: string, error: ServiceError): string {
  const body = JSON.stringify({ message: error.message });
  res.writeHead(error.status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': requestId,
    'x-amzn-ErrorType': error.code,
  });
  return body;
}
