import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  ONBOARDING_STEPS,
  PublicRoutes,
  type OnboardConfig,
  type OnboardingStep,
  type OnboardingStepName,
  type PreflightItem,
  type WhatsAppOnboardResponse,
} from '@parley/shared-types';
import { createHash, randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ActorContext } from '../../common/auth/actor';
import { SecretBox } from '../../common/crypto/secret-box';
import { conflict, DomainError } from '../../common/http/domain-error';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { CredentialHealthService } from '../credential-health/credential-health.service';
import { WhatsAppConfigService } from '../tenant-config/whatsapp-config.service';
import { WhatsAppOnboardDto } from './dto/whatsapp-onboard.dto';
import { GraphCallError } from '../whatsapp';
import { MetaApp, MetaBusinessApi, tokenProblem } from './meta-business.api';
import { preflight } from './onboard-preflight';
import { AttemptRow, OnboardingRepository } from './onboarding.repository';

/** A step that failed, with the HTTP status the caller gets. */
class StepFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A running attempt that has not moved for this long counts as abandoned (the process died). */
const STALE_RUNNING_MS = 2 * 60_000;

interface RunState {
  attempt: AttemptRow;
  token: string | null;
}

/**
 * WhatsApp Embedded Signup, server side: the six steps of PROTOCOLS.md 5.3 in order, each
 * recorded in `onboarding_steps`. Nothing is stored in the tenant's configuration until the last
 * step; a failed attempt keeps its business token (encrypted) so that sending the same request
 * again resumes at the failed step instead of needing a new 30-second code.
 */
@Injectable()
export class OnboardingService {
  private readonly logger = new Logger('Onboarding');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly box: SecretBox,
    private readonly meta: MetaBusinessApi,
    private readonly attempts: OnboardingRepository,
    private readonly configs: WhatsAppConfigService,
    private readonly health: CredentialHealthService,
  ) {}

  async onboardConfig(tenantId: string): Promise<OnboardConfig> {
    const preflight = this.preflight();
    const rows = await this.dataSource.query<
      { phone_number_id: string; display_phone_number: string | null; verified_name: string | null }[]
    >(
      `SELECT c.phone_number_id, c.display_phone_number,
              (SELECT a.verified_name FROM onboarding_attempts a
                WHERE a.tenant_id = c.tenant_id AND a.phone_number_id = c.phone_number_id AND a.status = 'completed'
                ORDER BY a.created_at DESC LIMIT 1) AS verified_name
       FROM tenant_configs c WHERE c.tenant_id = $1`,
      [tenantId],
    );
    const publicUrl = this.config.core.publicUrl?.replace(/\/+$/, '') ?? '';
    return {
      app_id: this.config.meta.appId ?? null,
      config_id: this.config.meta.configId ?? null,
      graph_api_version: this.config.graph.version,
      sdk_url: this.config.meta.sdkUrl,
      webhook_url: `${publicUrl}${PublicRoutes.whatsappWebhook}`,
      preflight,
      ready: preflight.every((item) => item.ok),
      connected: rows[0]
        ? {
            phone_number_id: rows[0].phone_number_id,
            display_phone_number: rows[0].display_phone_number,
            verified_name: rows[0].verified_name,
          }
        : null,
    };
  }

  async latestSteps(tenantId: string): Promise<OnboardingStep[]> {
    const attempt = await this.attempts.latest(tenantId);
    return attempt ? this.attempts.steps(attempt.id) : [];
  }

  async onboard(
    actor: ActorContext,
    tenantId: string,
    dto: WhatsAppOnboardDto,
  ): Promise<WhatsAppOnboardResponse> {
    const app = this.platformApp();
    // Before anything reaches Meta: a number another tenant owns must stay exactly as it is.
    if (await this.configs.numberOwnedByOther(dto.phone_number_id, tenantId)) {
      throw conflict(`phone_number_id ${dto.phone_number_id} is already connected to another tenant`);
    }
    const { state, from } = await this.begin(tenantId, dto);
    const start = ONBOARDING_STEPS.indexOf(from);
    for (const step of ONBOARDING_STEPS.slice(start)) {
      await this.attempts.stepStarted(state.attempt.id, step);
      try {
        const outcome = await this.runStep(step, state, app, dto, actor);
        if (step !== 'store') await this.attempts.stepFinished(state.attempt.id, step, outcome);
      } catch (error) {
        throw await this.fail(state.attempt, step, error);
      }
    }
    const done = (await this.attempts.latest(tenantId))!;
    await this.markHealthy(tenantId, done.token_expires_at);
    return {
      status: 'completed',
      phone_number_id: done.phone_number_id,
      waba_id: done.waba_id,
      display_phone_number: done.display_phone_number,
      verified_name: done.verified_name,
      quality_rating: done.quality_rating,
      steps: await this.attempts.steps(done.id),
    };
  }

  /** Resume the tenant's failed attempt for the same signup, or start a new one. */
  private async begin(
    tenantId: string,
    dto: WhatsAppOnboardDto,
  ): Promise<{ state: RunState; from: OnboardingStepName }> {
    const codeSha256 = createHash('sha256').update(dto.code).digest('hex');
    const latest = await this.attempts.latest(tenantId);
    if (
      latest?.status === 'running' &&
      Date.now() - new Date(latest.updated_at).getTime() < STALE_RUNNING_MS
    ) {
      throw conflict('An onboarding of this tenant is already running; wait for it to finish');
    }
    const sameSignup =
      latest?.status === 'failed' &&
      latest.code_sha256 === codeSha256 &&
      latest.waba_id === dto.waba_id &&
      latest.phone_number_id === dto.phone_number_id &&
      latest.access_token_enc !== null;
    if (sameSignup) {
      const failed = (await this.attempts.steps(latest.id)).find((s) => s.status === 'failed');
      // The token from step 1 still stands: carry on where it broke (the code itself is spent).
      if (
        failed &&
        failed.step !== 'exchange_code' &&
        (await this.attempts.reopen(tenantId, latest.id, failed.step))
      ) {
        return {
          state: { attempt: latest, token: this.box.open(latest.access_token_enc!) },
          from: failed.step,
        };
      }
    }
    const attempt = await this.attempts.create(tenantId, {
      wabaId: dto.waba_id,
      phoneNumberId: dto.phone_number_id,
      businessId: dto.business_id ?? null,
      codeSha256,
    });
    return { state: { attempt, token: null }, from: 'exchange_code' };
  }

  private async runStep(
    step: OnboardingStepName,
    state: RunState,
    app: MetaApp,
    dto: WhatsAppOnboardDto,
    actor: ActorContext,
  ): Promise<'succeeded' | 'skipped'> {
    const { attempt } = state;
    switch (step) {
      case 'exchange_code': {
        state.token = await this.meta.exchangeCode(app, dto.code, dto.redirect_uri);
        await this.attempts.update(attempt.id, { access_token_enc: this.box.seal(state.token) });
        return 'succeeded';
      }
      case 'debug_token': {
        const info = await this.meta.debugToken(app, this.token(state));
        const problem = tokenProblem(info, app.id, attempt.waba_id);
        if (problem) throw new StepFailure(400, `${problem}; run Embedded Signup again and grant it`);
        attempt.token_expires_at = info.expiresAt;
        await this.attempts.update(attempt.id, { token_expires_at: info.expiresAt });
        return 'succeeded';
      }
      case 'subscribe_app':
        await this.meta.subscribeApp(attempt.waba_id, this.token(state));
        return 'succeeded';
      case 'register_number': {
        if (await this.meta.isRegistered(attempt.phone_number_id, this.token(state))) return 'skipped';
        const sealed =
          attempt.pin_enc ??
          (await this.attempts.lastPinFor(attempt.tenant_id, attempt.phone_number_id)) ??
          this.box.seal(String(randomInt(0, 1_000_000)).padStart(6, '0'));
        if (sealed !== attempt.pin_enc) {
          attempt.pin_enc = sealed;
          await this.attempts.update(attempt.id, { pin_enc: sealed });
        }
        await this.meta.register(attempt.phone_number_id, this.token(state), this.box.open(sealed));
        return 'succeeded';
      }
      case 'number_details': {
        const details = await this.meta.numberDetails(attempt.phone_number_id, this.token(state));
        Object.assign(attempt, {
          display_phone_number: details.displayPhoneNumber,
          verified_name: details.verifiedName,
          quality_rating: details.qualityRating,
        });
        await this.attempts.update(attempt.id, {
          display_phone_number: details.displayPhoneNumber,
          verified_name: details.verifiedName,
          quality_rating: details.qualityRating,
        });
        return 'succeeded';
      }
      case 'store':
        await this.configs.saveOnboarded(
          actor,
          attempt.tenant_id,
          {
            wabaId: attempt.waba_id,
            phoneNumberId: attempt.phone_number_id,
            businessId: attempt.business_id,
            accessToken: this.token(state),
            tokenExpiresAt: attempt.token_expires_at ? new Date(attempt.token_expires_at) : null,
            displayPhoneNumber: attempt.display_phone_number,
          },
          async (tx) => {
            await this.attempts.stepFinished(attempt.id, 'store', 'succeeded', null, tx.manager);
            // The config holds the token now; the attempt keeps only the PIN.
            await this.attempts.update(
              attempt.id,
              { status: 'completed', access_token_enc: null },
              tx.manager,
            );
          },
        );
        return 'succeeded';
    }
  }

  private token(state: RunState): string {
    if (!state.token) throw new StepFailure(500, 'no business token in this attempt');
    return state.token;
  }

  /** Records the failure and builds the error the caller gets (OnboardingFailure). */
  private async fail(attempt: AttemptRow, step: OnboardingStepName, error: unknown): Promise<DomainError> {
    let status: number;
    let reason: string;
    if (error instanceof GraphCallError) {
      status = error.unavailable ? 502 : 400;
      reason = `Meta answered: ${error.message}`;
    } else if (error instanceof StepFailure) {
      status = error.status;
      reason = error.message;
    } else if (error instanceof DomainError) {
      status = error.status;
      reason = error.message;
    } else {
      this.logger.error({ err: error, tenantId: attempt.tenant_id, step }, 'onboarding step crashed');
      status = 500;
      reason = 'an internal error; see the server log';
    }
    await this.attempts.stepFinished(attempt.id, step, 'failed', reason);
    await this.attempts.update(attempt.id, { status: 'failed' });
    return new DomainError(status, `Onboarding failed at step ${step}: ${reason}`, {
      failed_step: step,
      steps: await this.attempts.steps(attempt.id),
    });
  }

  private async markHealthy(tenantId: string, expiresAt: Date | null): Promise<void> {
    const expiry = expiresAt ? new Date(expiresAt) : null;
    const soon = Date.now() + this.config.credentials.expiringWithinDays * 86_400_000;
    try {
      await this.health.record(tenantId, 'whatsapp', {
        status: expiry && expiry.getTime() < soon ? 'expiring' : 'ok',
        expiresAt: expiry,
      });
      await this.health.record(tenantId, 'waba_subscription', { status: 'ok' });
    } catch (error) {
      // The connection is stored; the next check records its health.
      this.logger.warn({ err: error, tenantId }, 'could not record credential health after onboarding');
    }
  }

  private platformApp(): MetaApp {
    const { appId, appSecret } = this.config.meta;
    if (!appId || !appSecret) {
      throw new DomainError(
        503,
        'Embedded Signup is not set up on this server: FB_APP_ID and FB_APP_SECRET must be set',
      );
    }
    return { id: appId, secret: appSecret };
  }

  private preflight(): PreflightItem[] {
    const { meta, core, whatsapp } = this.config;
    return preflight({
      appId: meta.appId,
      appSecret: meta.appSecret,
      configId: meta.configId,
      publicUrl: core.publicUrl,
      verifyToken: whatsapp.verifyToken,
    });
  }
}
