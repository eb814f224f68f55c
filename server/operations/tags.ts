import { ValidationException } from '../../schemas/errors.generated';
import type { ServiceError } from '../protocol/service-error';
import { parseDomainArn, validateTagList } from '../tagging';
import { domainNotFound } from './common';
import type { AnyOperationHandler, OperationContext } from './types';
import { partitionOf } from '../partitions';
import { defineOperation, domainArn, presentName } from './types';

/**
 * Resolves the ARN of a tag operation to a domain of the caller's account in the request's region, and
 * returns the ARN the tags are stored under.
 *
 * A domain is addressed by account and region: an ARN naming another region or account names a resource this
 * request cannot see, so it is answered as a domain that does not exist (with `notFound`: ListTags models
 * ResourceNotFoundException; AddTags and RemoveTags do not, and their model documents ValidationException as
 * the error for a resource that does not exist).
 */
function resolveDomainArn(
  context: OperationContext,
  arn: string,
  notFound: (domainName: string) => ServiceError,
): string {
  const parts = parseDomainArn(arn);
  if (!parts) {
    throw new ValidationException(
      `Invalid ARN: ${arn}. Specify the ARN of a domain, in the form arn:${partitionOf(context.scope.region)}:es:<region>:<account>:domain/<domain-name>.`,
    );
  }
  const ownArn = domainArn(context.scope, parts.domainName);
  if (arn !== ownArn || !context.store.domains.exists(context.scope, parts.domainName)) {
    throw notFound(parts.domainName);
  }
  return ownArn;
}

const domainNotFoundAsValidation = (domainName: string): ServiceError =>
  new ValidationException(domainNotFound(domainName).message);

export const tagsOperations: AnyOperationHandler[] = [
  defineOperation({
    operation: 'AddTags',
    resource: (input) => presentName(input.ARN),
    requestTags: (input) => input.TagList,
    handle(input, context) {
      const arn = resolveDomainArn(context, input.ARN, domainNotFoundAsValidation);
      validateTagList(
        input.TagList,
        context.store.tags.list(arn).map((tag) => tag.Key),
      );
      // A key already present gets the new value (AWS's tagging page: adding an existing key overwrites it).
      context.store.tags.put(arn, input.TagList);
      return {};
    },
  }),
  defineOperation({
    operation: 'ListTags',
    resource: (input) => presentName(input.ARN),
    handle(input, context) {
      const arn = resolveDomainArn(context, input.ARN, domainNotFound);
      // Sorted by key: a recorded AWS answer listed tags added as [service, instances] as instances, service.
      const tagList = [...context.store.tags.list(arn)].sort((a, b) =>
        a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0,
      );
      return { TagList: tagList };
    },
  }),
  defineOperation({
    operation: 'RemoveTags',
    resource: (input) => presentName(input.ARN),
    tagKeys: (input) => input.TagKeys,
    handle(input, context) {
      const arn = resolveDomainArn(context, input.ARN, domainNotFoundAsValidation);
      // Keys the domain does not have are ignored: removing an absent tag leaves the domain as asked (our choice;
      // AWS documents no error for it).
      context.store.tags.remove(arn, input.TagKeys);
      return {};
    },
  }),
];
