import http from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | Buffer;
}

/**
 * A CreateElasticsearchDomain the bench seed's user may make: 7.10, a 10 GiB EBS volume, tagged team=bench
 * (its policies allow creating `bench-*` domains with that tag only).
 */
export function benchDomainCreate(domainName: string): { method: string; path: string; body: string } {
  return {
    method: 'POST',
    path: '/2015-01-01/es/domain',
    body: JSON.stringify({
      DomainName: domainName,
      ElasticsearchVersion: '7.10',
      EBSOptions: { EBSEnabled: true, VolumeSize: 10 },
      TagList: [{ Key: 'team', Value: 'bench' }],
    }),
  };
}

/**
 * Signs one request as the JS v3 SDK would (service `es`). A signature stays valid for five minutes,
 * so a load generator may replay it for a whole run.
 */
export async function signRequest(
  endpoint: string,
  credentials: Credentials,
  region: string,
  request: { method: string; path: string; query?: Record<string, string>; body?: string },
): Promise<SignedRequest> {
  const url = new URL(endpoint);
  const body = request.body ?? '';
  const headers: Record<string, string> = { host: url.host };
  if (body.length > 0) headers['content-type'] = 'application/json';
  const signer = new SignatureV4({ credentials, region, service: 'es', sha256: Sha256 });
  const signed = await signer.sign({
    method: request.method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: request.path,
    query: request.query ?? {},
    headers,
    body,
  });
  const query = new URLSearchParams(request.query ?? {}).toString();
  return {
    method: request.method,
    path: query ? `${request.path}?${query}` : request.path,
    headers: signed.headers as Record<string, string>,
    body,
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Sends a (signed) request over the given agent and reads the whole answer. */
export function send(endpoint: string, request: SignedRequest, agent?: http.Agent): Promise<RawResponse> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: Number(url.port),
        method: request.method,
        path: request.path,
        headers: request.headers,
        agent: agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`no answer to ${request.method} ${request.path}`)));
    req.on('error', reject);
    req.end(request.body);
  });
}
