/** The generated description of one model operation (schemas/operations.generated.ts). */
export interface RouteMember {
  /** The member name in the input shape (PascalCase). */
  member: string;
  /** The name on the wire: the URI label or the query-string key. */
  name: string;
  /** The model type of the member: string, integer, boolean... */
  type: string;
}

export interface OperationSpec {
  name: string;
  method: string;
  uri: string;
  inputShape: string | null;
  outputShape: string | null;
  labels: RouteMember[];
  query: RouteMember[];
  body: string[];
  errors: string[];
  iam: {
    action: string;
    accessLevel: string;
    /** True when the authorization data lists the domain resource type for this action. */
    targetsDomain: boolean;
    supportsResourceTag: boolean;
    supportsRequestTag: boolean;
    supportsTagKeys: boolean;
  };
  paginator: { inputToken: string; outputToken: string; limitKey: string | null; resultKey: string } | null;
}
