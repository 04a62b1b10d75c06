// Typed errors: anything a user can cause is a CollabscopeError, printed as one line without a stack.

export type ErrorCode =
  | 'E_FILE_NOT_FOUND'
  | 'E_BAD_JSON'
  | 'E_UNKNOWN_FORMAT'
  | 'E_BAD_RECORD'
  | 'E_BAD_ARGUMENT'
  | 'E_NO_PAPERS'
  | 'E_NOT_FOUND'
  | 'E_NETWORK'
  | 'E_HTTP'
  | 'E_KB';

export class CollabscopeError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'CollabscopeError';
    this.code = code;
  }
}

export function isCollabscopeError(error: unknown): error is CollabscopeError {
  return error instanceof CollabscopeError;
}
