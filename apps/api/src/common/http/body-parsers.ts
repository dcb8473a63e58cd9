import { BadRequestException, HttpException, PayloadTooLargeException } from '@nestjs/common';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';

export type RawBodyRequest = Request & { rawBody?: Buffer };

interface BodyParserError {
  status?: number;
  type?: string;
  limit?: number;
  message: string;
}

/** Turns body-parser failures into HTTP errors with messages a client can act on. */
export function toHttpError(error: BodyParserError): HttpException {
  if (error.type === 'entity.too.large') {
    return new PayloadTooLargeException(`Request body is larger than the ${error.limit} byte limit`);
  }
  if (error.type === 'entity.parse.failed') return new BadRequestException('Request body is not valid JSON');
  if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
    return new HttpException(error.message, 415);
  }
  return new HttpException(error.message, error.status && error.status < 500 ? error.status : 400);
}

function guarded(parser: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) =>
    parser(req, res, (error?: unknown) => (error ? next(toHttpError(error as BodyParserError)) : next()));
}

/** JSON and form bodies up to `limit` bytes; the raw bytes are kept for signature checks. */
export function bodyParsers(limit: number): RequestHandler[] {
  const keepRaw = (req: RawBodyRequest, _res: unknown, buf: Buffer) => {
    req.rawBody = buf;
  };
  return [
    guarded(express.json({ limit, verify: keepRaw })),
    guarded(express.urlencoded({ extended: false, limit })),
  ];
}

/** Meta's largest webhook payload. */
export const WEBHOOK_BODY_LIMIT = 3 * 1024 * 1024;

/**
 * The webhook routes get their body as the exact bytes Meta signed (any content type, up to
 * 3 MB): the signature is checked over them before anything parses JSON. Mounted before the JSON
 * parser, which then leaves the request alone.
 */
export function webhookBodyParser(onTooLarge: () => void): RequestHandler {
  const parser = express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT });
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST') return next();
    parser(req, res, (error?: unknown) => {
      if (!error) return next();
      const parsed = error as BodyParserError;
      if (parsed.type === 'entity.too.large') onTooLarge();
      next(toHttpError(parsed));
    });
  };
}
