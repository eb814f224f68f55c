/**
 * Tag rules shared by AddTags and CreateElasticsearchDomain's TagList, and the parsing of domain ARNs.
 *
 * The model already enforces what it declares (Key and Value required, key 1-128 characters, value 0-256)
 * before a handler runs; these are the rules AWS applies beyond the model. The characters of keys and values are
 * not limited: the ES model declares no pattern and the OpenSearch API's Tag shape `.*` (AWS's general tagging
 * guidance names the characters "generally allowed" across services, not a rule of this one).
 */
import { LimitExceededException, ValidationException } from '../schemas/errors.generated';
import { tagLimits } from './catalogue';

export interface Tag {
  Key: string;
  Value: string;
}

/**
 * Throws AWS's error for the first tag that breaks a rule:
 * - a key starting with `aws:` in any case (reserved for AWS): ValidationException;
 * - the same key twice in one request: ValidationException;
 * - more than 50 distinct keys once merged with `existingKeys` (a key already present is overwritten, it does
 *   not count twice; AWS's tagging page: a domain has between 0 and 50 tags): LimitExceededException.
 */
export function validateTagList(tags: readonly Tag[], existingKeys: Iterable<string> = []): void {
  const { maxPerResource, reservedPrefix } = tagLimits();
  const seen = new Set<string>();
  for (const tag of tags) {
    if (tag.Key.toLowerCase().startsWith(reservedPrefix)) {
      throw new ValidationException(
        `Invalid tag key: ${tag.Key}. Tag keys starting with '${reservedPrefix}' are reserved for AWS use.`,
      );
    }
    if (seen.has(tag.Key)) {
      throw new ValidationException(`Duplicate tag key: ${tag.Key}. Each tag key can appear only once.`);
    }
    seen.add(tag.Key);
  }
  const merged = new Set([...existingKeys, ...seen]);
  if (merged.size > maxPerResource) {
    throw new LimitExceededException(
      `Tag limit exceeded: a domain can have at most ${maxPerResource} tags, and this request would give it ${merged.size}.`,
    );
  }
}

export interface DomainArnParts {
  partition: string;
  region: string;
  account: string;
  domainName: string;
}

/**
 * The model's DomainArn pattern (`arn:aws[a-z\-]*:[a-z]+:[a-z0-9\-]+:[0-9]+:domain\/[a-z0-9\-]+`) made strict:
 * service `es`, a 12-digit account and a domain name as the model allows it (3-28 characters).
 */
const domainArnPattern = /^arn:(aws[a-z-]*):es:([a-z0-9-]+):([0-9]{12}):domain\/([a-z][a-z0-9-]{2,27})$/;

/** Splits a domain ARN, or answers undefined when the string is not one. */
export function parseDomainArn(arn: string): DomainArnParts | undefined {
  const match = domainArnPattern.exec(arn);
  if (!match) return undefined;
  const [, partition, region, account, domainName] = match;
  if (!partition || !region || !account || !domainName) return undefined;
  return { partition, region, account, domainName };
}
