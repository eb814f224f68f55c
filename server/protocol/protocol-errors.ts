import { ServiceError } from './service-error';

/**
 * Errors AWS's front end answers before an operation runs. They are not in the es model, so the
 * SDKs surface them by code (JS v3: an ElasticsearchServiceServiceException whose name is the code).
 */
export class MissingAuthenticationTokenException extends ServiceError {
  constructor(message = 'Missing Authentication Token') {
    super('MissingAuthenticationTokenException', 403, message);
  }
}

export class IncompleteSignatureException extends ServiceError {
  constructor(message: string) {
    super('IncompleteSignatureException', 400, message);
  }
}

export class UnrecognizedClientException extends ServiceError {
  constructor(message = 'The security token included in the request is invalid.') {
    super('UnrecognizedClientException', 403, message);
  }
}

export class InvalidSignatureException extends ServiceError {
  constructor(message: string, status = 403) {
    super('InvalidSignatureException', status, message);
  }
}

export class ExpiredTokenException extends ServiceError {
  constructor(message = 'The security token included in the request is expired') {
    super('ExpiredTokenException', 403, message);
  }
}

/** A path that no operation of the 2015-01-01 API has. */
export class UnknownOperationException extends ServiceError {
  constructor(method: string, path: string) {
    super('UnknownOperationException', 404, `No operation of the 2015-01-01 API matches ${method} ${path}`);
  }
}

/** A path that an operation has, with a method it does not take. */
export class MethodNotAllowedException extends ServiceError {
  constructor(method: string, path: string, allowed: string[]) {
    super(
      'MethodNotAllowedException',
      405,
      `${method} is not allowed on ${path}; this path takes ${allowed.join(', ')}`,
    );
  }
}

/** A body that is not a JSON object. */
export class SerializationException extends ServiceError {
  constructor(message: string) {
    super('SerializationException', 400, message);
  }
}

export class RequestEntityTooLargeException extends ServiceError {
  constructor(limit: number) {
    super('RequestEntityTooLargeException', 413, `Request body is larger than the limit of ${limit} bytes`);
  }
}
