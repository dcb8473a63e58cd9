import { Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';

const POLL_MS = 50;

/**
 * The state of a process between SIGTERM and exit. Once `begin` is called, readiness answers
 * 503, responses ask clients to close their connections, and in-flight requests and running jobs
 * have until the deadline (SHUTDOWN_TIMEOUT) to finish.
 */
@Injectable()
export class ShutdownCoordinator {
  private deadline: number | null = null;
  private readonly inFlight = new Set<Response>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get draining(): boolean {
    return this.deadline !== null;
  }

  get requestsInFlight(): number {
    return this.inFlight.size;
  }

  /** Starts draining; the deadline is SHUTDOWN_TIMEOUT from now. Calling it again changes nothing. */
  begin(): void {
    if (this.deadline !== null) return;
    this.deadline = Date.now() + this.config.operations.shutdownTimeoutSeconds * 1000;
    for (const res of this.inFlight) askToClose(res);
  }

  /** Milliseconds left to drain; the whole SHUTDOWN_TIMEOUT when no shutdown has begun. */
  remainingMs(): number {
    if (this.deadline === null) return this.config.operations.shutdownTimeoutSeconds * 1000;
    return Math.max(0, this.deadline - Date.now());
  }

  /** Express middleware: counts the requests in flight; while draining, asks clients not to reuse the connection. */
  readonly trackRequests = (_req: Request, res: Response, next: NextFunction): void => {
    this.inFlight.add(res);
    if (this.draining) askToClose(res);
    res.once('close', () => this.inFlight.delete(res));
    next();
  };

  /** Resolves true once no request is in flight, or false when the deadline passes first. */
  waitForRequests(): Promise<boolean> {
    return this.waitUntil(() => this.inFlight.size === 0);
  }

  /** Polls `done` until it holds (true) or the drain deadline passes (false). */
  async waitUntil(done: () => boolean): Promise<boolean> {
    const deadline = Date.now() + this.remainingMs();
    while (!done()) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return true;
  }
}

function askToClose(res: Response): void {
  if (!res.headersSent) res.setHeader('Connection', 'close');
}
