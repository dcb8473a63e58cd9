/**
 * An error a service raises on purpose, carrying the HTTP status it deserves, so services
 * stay free of Nest's HTTP exceptions and still answer with a precise 4xx.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Extra fields for the error body (e.g. which onboarding step failed); never secrets. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string): DomainError => new DomainError(404, `${what} not found`);
export const conflict = (message: string): DomainError => new DomainError(409, message);
export const badRequest = (message: string): DomainError => new DomainError(400, message);
export const forbidden = (message: string): DomainError => new DomainError(403, message);
