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
  /**
   * The routes by their number of segments: a path is compared only with the routes of its length (a handful of the
   * 51), the order of the generated table kept within each.
   */
  private readonly routesByLength = new Map<number, CompiledRoute[]>();

  constructor(specs: readonly OperationSpec[]) {
    for (const spec of specs) {
      const segments: Segment[] = splitPath(spec.uri).map((part) => {
        const label = /^\{(.+)\}$/.exec(part);
        return label ? { label: label[1]! } : { literal: part };
      });
      const sameLength = this.routesByLength.get(segments.length);
      if (sameLength) sameLength.push({ spec, segments });
      else this.routesByLength.set(segments.length, [{ spec, segments }]);
    }
  }

  match(method: string, rawPath: string): RouteMatch {
    // ListTags is `/2015-01-01/tags/` for botocore and aws-sdk v2 and `/2015-01-01/tags` for JS v3:
    // a final slash is dropped, so both forms match (wire-format.md, section 1).
    const parts = splitPath(rawPath);
    const allowed: string[] = [];
    for (const route of this.routesByLength.get(parts.length) ?? []) {
      if (!literalsMatch(route.segments, parts)) continue;
      if (route.spec.method === method) return { spec: route.spec, labels: labelsOf(route.segments, parts) };
      allowed.push(route.spec.method);
    }
    // No operation of this method has the path without its final slash: the slash may end an empty label, which
    // the JS v3 SDK sends for a member given as '' (DescribeElasticsearchDomain of DomainName '' is
    // `GET /2015-01-01/es/domain/`). Routed so, the model's checks refuse the empty member with a
    // ValidationException the SDK maps, rather than a wrong method or an unknown operation it cannot.
    if (rawPath.endsWith('/') && parts.length > 0) {
      const withEmptyLabel = [...parts, ''];
      for (const route of this.routesByLength.get(withEmptyLabel.length) ?? []) {
        if (route.spec.method !== method || !('label' in route.segments[parts.length]!)) continue;
        if (!literalsMatch(route.segments, withEmptyLabel)) continue;
        return { spec: route.spec, labels: labelsOf(route.segments, withEmptyLabel) };
      }
    }
    if (allowed.length > 0) throw new MethodNotAllowedException(method, rawPath, allowed);
    throw new UnknownOperationException(method, rawPath);
  }
}

/**
 * The path's segments, without the slashes that start it and one that ends it. An empty segment inside the path
 * stays: it is an empty label (`/2015-01-01/es/domain//config` names the domain ''), which the model's checks
 * then refuse, rather than a path one segment shorter that names another operation. A final empty segment is
 * read as none: ListTags is `/2015-01-01/tags/` for botocore and aws-sdk v2. Only when no operation of the method
 * has that path is the final slash read as ending an empty label (Router.match).
 */
function splitPath(path: string): string[] {
  const parts = path.split('/');
  while (parts.length > 0 && parts[0] === '') parts.shift();
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Whether every literal segment of a route of the path's length is the path's (labels match anything). */
function literalsMatch(segments: readonly Segment[], parts: readonly string[]): boolean {
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if ('literal' in segment && segment.literal !== parts[i]) return false;
  }
  return true;
}

/** The label values of the route that matched, percent-decoded. */
function labelsOf(segments: readonly Segment[], parts: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if ('label' in segment) labels[segment.label] = decodeLabel(parts[i]!);
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
