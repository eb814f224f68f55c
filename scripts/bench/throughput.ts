import autocannon from 'autocannon';
import type { SignedRequest } from './signing';

export interface ThroughputRun {
  requestsPerSecond: number;
  /** Requests answered in the run. */
  requests: number;
  non2xx: number;
  errors: number;
}

/** autocannon with `connections` keep-alive connections replaying one (signed) request for `seconds`. */
export async function measureThroughput(
  endpoint: string,
  request: SignedRequest,
  connections: number,
  seconds: number,
): Promise<ThroughputRun> {
  const result = await autocannon({
    url: endpoint,
    connections,
    duration: seconds,
    requests: [{ method: request.method as 'GET', path: request.path, headers: request.headers }],
  });
  return {
    requestsPerSecond: result.requests.total / (result.duration || seconds),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
