import { ERROR_CODES, type ErrorCode, type ValidationIssue } from '@medido/contracts';

/**
 * An error a client caused or should know about, carrying a stable code from the registry in
 * @medido/contracts. The HTTP status comes from the registry, never from the throw site.
 */
export class MedidoError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly issues: ValidationIssue[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    code: ErrorCode,
    detail?: string,
    options: { issues?: ValidationIssue[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(detail ?? ERROR_CODES[code].title, { cause: options.cause });
    this.name = 'MedidoError';
    this.code = code;
    this.detail = detail;
    this.issues = options.issues;
    this.headers = options.headers;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export function isMedidoError(error: unknown): error is MedidoError {
  return error instanceof MedidoError;
}
