import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ErrorBody } from '@parley/shared-types';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './db-errors';
import { DomainError } from './domain-error';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** Every 4xx and 5xx leaves the API as `{statusCode, error, message}`; 5xx details stay in the log. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(
        { err: exception, request_id: req.id, method: req.method, path: req.path },
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    if (req.id) body.request_id = req.id;
    if (res.headersSent) return;
    if (exception instanceof HttpException) {
      const retryAfter = (exception.getResponse() as { retryAfterSeconds?: number }).retryAfterSeconds;
      if (retryAfter) res.setHeader('Retry-After', String(retryAfter));
    } else if (body.statusCode === 503) res.setHeader('Retry-After', '2');
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return {
        ...exception.extra,
        statusCode: exception.status,
        error: REASONS[exception.status] ?? 'Error',
        message: exception.message,
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      const details = Array.isArray(raw) ? raw.map(String) : undefined;
      const message = details ? details.join('; ') : typeof raw === 'string' ? raw : exception.message;
      return { statusCode, error: REASONS[statusCode] ?? 'Error', message, ...(details ? { details } : {}) };
    }
    if (exception instanceof QueryFailedError && (exception as { code?: string }).code === '23505') {
      return { statusCode: 409, error: REASONS[409], message: 'A record with these values already exists' };
    }
    if (isDatabaseUnavailable(exception)) {
      // A restart or failover: the client should retry, as it would for any 503.
      return { statusCode: 503, error: REASONS[503], message: 'The database is unavailable; retry shortly' };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: REASONS[500],
      message: 'Internal server error',
    };
  }
}
