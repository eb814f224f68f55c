import type { RequestListener } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Evaluate } from '../iam/authorizer';
import { IamAuthorizer } from '../iam/authorizer';
import { DecisionLog } from '../iam/decision-log';
import type * as EvaluatorModule from '../iam/evaluator/index';
import type * as ManagedPoliciesModule from '../iam/managed-policies';
import type * as PolicyValidationModule from '../iam/policy-validation';
import type { PrincipalDirectory } from '../iam/principals';
import { defaultDirectory, loadSeedFile } from '../iam/principals';
import type * as LocalRoutesModule from '../local-routes';
import type { LocalRoutesDependencies } from '../local-routes';
import type { Clock } from '../runtime';
import { SigV4Authenticator } from './sigv4-authenticator';
import type { Authenticator, Authorizer } from './types';
import type * as UncheckedModule from './unchecked';

export interface Security {
  authenticator: Authenticator;
  authorizer: Authorizer;
  localRoutes: RequestListener;
  decisions: DecisionLog;
  directory: PrincipalDirectory;
}

/**
 * The authenticator, authorizer and `/_local/` routes of an IAM mode (IAM_MODE, IAM_SEED). Throws
 * SeedError, naming the place in the file, when the seed file cannot be used.
 */
export function createSecurity(
  config: Config,
  clock: Clock,
  logger: Logger,
  state: Pick<LocalRoutesDependencies, 'resourceTags' | 'restoreServiceLinkedRole'>,
): Security {
  const directory = config.iamSeed
    ? loadSeed(config.iamSeed, clock.now())
    : defaultDirectory(config.accountId);
  const decisions = new DecisionLog(logger);
  const routes = deferredLocalRoutes(() => ({
    mode: config.iamMode,
    authenticator: new SigV4Authenticator(directory, clock, undefined),
    directory,
    evaluate,
    decisions,
    clock,
    defaultRegion: config.defaultRegion,
    trustProxy: config.trustProxy,
    resourceTags: state.resourceTags,
    restoreServiceLinkedRole: state.restoreServiceLinkedRole,
    defaultAccount: config.accountId,
    logger,
    statePath: config.statePath,
  }));
  if (config.iamMode === 'off') {
    // Required here, not at start: only IAM_MODE=off uses them.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deferred load needs require
    const { allowEverything, UncheckedAuthenticator } = require('./unchecked') as typeof UncheckedModule;
    return {
      authenticator: new UncheckedAuthenticator(config.accountId, config.defaultRegion),
      authorizer: allowEverything,
      localRoutes: routes,
      decisions,
      directory,
    };
  }
  return {
    authenticator: new SigV4Authenticator(directory, clock),
    authorizer: new IamAuthorizer(config.iamMode, directory, evaluate, decisions),
    localRoutes: routes,
    decisions,
    directory,
  };
}

/*
 * Loaded when first needed, not at start: the policy evaluator with its condition operators (17 modules,
 * ~5 ms of a ~140 ms cold start) decides nothing for the root of an account, the default caller; the
 * policy checker and the AWS managed policies serve only a seed file.
 */
let evaluator: typeof EvaluatorModule | undefined;

const evaluate: Evaluate = (request) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on the first policy decision
  evaluator ??= require('../iam/evaluator/index') as typeof EvaluatorModule;
  return evaluator.evaluate(request);
};

/**
 * The `/_local/` routes, created on the first request to one of them: a client of the API seldom calls
 * them, and requiring server/local-routes at start took ~0.4 ms of the cold start.
 */
function deferredLocalRoutes(dependencies: () => LocalRoutesDependencies): RequestListener {
  let routes: RequestListener | undefined;
  return (req, res) => {
    if (!routes) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deferred load needs require
      const { localRoutes } = require('../local-routes') as typeof LocalRoutesModule;
      routes = localRoutes(dependencies());
    }
    routes(req, res);
  };
}

function loadSeed(path: string, loadedAt: number): PrincipalDirectory {
  /* eslint-disable @typescript-eslint/no-require-imports -- only a start with a seed file needs them */
  const { awsManagedPolicy } = require('../iam/managed-policies') as typeof ManagedPoliciesModule;
  const { validatePolicyDocument } = require('../iam/policy-validation') as typeof PolicyValidationModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return loadSeedFile(
    path,
    { awsManagedPolicy, validatePolicyDocument: (doc) => validatePolicyDocument(doc) },
    loadedAt,
  );
}
