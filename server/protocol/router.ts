import type { OperationSpec } from './operation-spec';
import { MethodNotAllowedException, UnknownOperationException } from './protocol-errors';
import { SerializationException } from './protocol-errors';

type Segment = { literal: string } | { label: string };

interface CompiledRoute {
  spec: OperationSpec;
  segments: Segment[];
}

export interface RouteMatch {
  spec: OperationSpec;
  /** Label values, percent-decoded, keyed by the label name of the URI template. */
  labels: Record<string, string>;
}

/**
 * One router for every operation, compiled once from the generated route table: the path is split into
 * segments and compared segment by segment, so a label may hold dots (`7.10`, `m5.large.elasticsearch`).
 */
export class Router {
  private readonly routes: CompiledRoute[];

  constructor(specs: readonly OperationSpec[]) {
    this.routes = specs.map((spec) => ({
      spec,
      segments: splitPath(spec.uri).map((part) => {
        const label = /^\{(.+)\}$/.exec(part);
        return label ? { label: label[1]! } : { literal: part };
      }),
    }));
  }

  match(method: string, rawPath: string): RouteMatch {
    // ListTags is `/2015-01-01/tags/` for botocore and aws-sdk v2 and `/2015-01-01/tags` for JS v3:
    // a final slash is dropped, so both forms match (wire-format.md, section 1).
    const parts = splitPath(rawPath);
    const allowed: string[] = [];
    for (const route of this.routes) {
      const labels = matchSegments(route.segments, parts);
      if (!labels) continue;
      if (route.spec.method === method) return { spec: route.spec, labels };
      allowed.push(route.spec.method);
    }
    if (allowed.length > 0) throw new MethodNotAllowedException(method, rawPath, allowed);
    throw new UnknownOperationException(method, rawPath);
  }
}

/**
 * The path's segments, without the slashes that start it and one that ends it. An empty segment inside the path
 * stays: it is an empty label (`/2015-01-01/es/domain//config` names the domain ''), which the model's checks
 * then refuse, rather than a path one segment shorter that names another operation. A final empty segment is
 * read as none: ListTags is `/2015-01-01/tags/` for botocore and aws-sdk v2 (so `DELETE /2015-01-01/es/domain/`
 * is the create's path, with the wrong method).
 */
function splitPath(path: string): string[] {
  const parts = path.split('/');
  while (parts.length > 0 && parts[0] === '') parts.shift();
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const labels: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const part = parts[i]!;
    if ('literal' in segment) {
      if (segment.literal !== part) return undefined;
    } else {
      labels[segment.label] = decodeLabel(part);
    }
  }
  return labels;
}

function decodeLabel(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new SerializationException(`The path segment '${part}' is not valid percent-encoding`);
  }
}
