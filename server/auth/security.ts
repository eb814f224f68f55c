import type { RequestListener } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { IamAuthorizer } from '../iam/authorizer';
import { DecisionLog } from '../iam/decision-log';
import { evaluate } from '../iam/evaluator/index';
import { awsManagedPolicy } from '../iam/managed-policies';
import { validatePolicyDocument } from '../iam/policy-validation';
import type { PrincipalDirectory } from '../iam/principals';
import { defaultDirectory, loadSeedFile } from '../iam/principals';
import { localRoutes } from '../local-routes';
import type { Clock } from '../runtime';
import { SigV4Authenticator } from './sigv4-authenticator';
import type { Authenticator, Authorizer } from './types';
import { allowEverything, UncheckedAuthenticator } from './unchecked';

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
export function createSecurity(config: Config, clock: Clock, logger: Logger): Security {
  const directory = config.iamSeed
    ? loadSeedFile(config.iamSeed, {
        awsManagedPolicy,
        validatePolicyDocument: (doc) => validatePolicyDocument(doc),
      })
    : defaultDirectory(config.accountId);
  const decisions = new DecisionLog(logger);
  const routes = localRoutes({
    mode: config.iamMode,
    authenticator: new SigV4Authenticator(directory, clock, undefined),
    directory,
    evaluate,
    decisions,
    clock,
  });
  if (config.iamMode === 'off') {
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
