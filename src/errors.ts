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
  | 'E_KB'
  | 'E_OUTPUT'
  | 'E_IO'
  | 'E_TOO_LARGE'
  | 'E_LLM';

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

/** "EACCES: permission denied" from a file-system error, without the path and call it repeats. */
export function fsErrorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string') {
    const reason = String(e.message ?? '').replace(/^[A-Z]+: /, '').split(',')[0].trim();
    return reason ? `${e.code}: ${reason}` : e.code;
  }
  return String((error as Error)?.message ?? error).split('\n')[0];
}

/** True for an error raised by a system call (it has an errno code such as ENOENT or EACCES). */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  const e = error as NodeJS.ErrnoException;
  return e instanceof Error && typeof e.code === 'string' && /^E[A-Z0-9]+$/.test(e.code) && typeof e.syscall === 'string';
}
