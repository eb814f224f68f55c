import type express from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { defaultDirectory } from '../iam/principals';
import type { Clock } from '../runtime';
import { SigV4Authenticator } from './sigv4-authenticator';
import type { Authenticator, Authorizer } from './types';
import { allowEverything, UncheckedAuthenticator } from './unchecked';

export interface Security {
  authenticator: Authenticator;
  authorizer: Authorizer;
  localRoutes?: express.Router;
}

/** The authenticator, authorizer and `/_local/` routes of an IAM mode (IAM_MODE, IAM_SEED). */
export function createSecurity(config: Config, clock: Clock, logger: Logger): Security {
  void logger;
  if (config.iamMode === 'off') {
    return {
      authenticator: new UncheckedAuthenticator(config.accountId, config.defaultRegion),
      authorizer: allowEverything,
    };
  }
  const directory = defaultDirectory(config.accountId);
  return { authenticator: new SigV4Authenticator(directory, clock), authorizer: allowEverything };
}
