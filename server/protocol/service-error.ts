/**
 * Every error the emulator answers with. The model's errors are generated subclasses
 * (schemas/errors.generated.ts); the protocol-level errors that AWS's front end answers before
 * an operation is reached (signature, routing, body) are declared in protocol-errors.ts.
 */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}
