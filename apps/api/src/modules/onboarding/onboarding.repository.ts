import { Injectable } from '@nestjs/common';
import { ONBOARDING_STEPS, type OnboardingStep, type OnboardingStepName } from '@parley/shared-types';
import { DataSource, EntityManager } from 'typeorm';

export interface AttemptRow {
  id: string;
  tenant_id: string;
  waba_id: string;
  phone_number_id: string;
  business_id: string | null;
  code_sha256: string;
  status: 'running' | 'failed' | 'completed';
  access_token_enc: string | null;
  token_expires_at: Date | null;
  pin_enc: string | null;
  display_phone_number: string | null;
  verified_name: string | null;
  quality_rating: string | null;
  updated_at: Date;
}

interface StepRow {
  step: OnboardingStepName;
  status: OnboardingStep['status'];
  error: string | null;
  finished_at: Date | null;
}

type AttemptPatch = Partial<
  Pick<
    AttemptRow,
    | 'status'
    | 'access_token_enc'
    | 'token_expires_at'
    | 'pin_enc'
    | 'display_phone_number'
    | 'verified_name'
    | 'quality_rating'
  >
>;

/** Onboarding attempts and their steps. Every query is scoped by tenant. */
@Injectable()
export class OnboardingRepository {
  constructor(private readonly dataSource: DataSource) {}

  async latest(tenantId: string): Promise<AttemptRow | null> {
    const rows = await this.dataSource.query<AttemptRow[]>(
      `SELECT * FROM onboarding_attempts WHERE tenant_id = $1 ORDER BY created_at DESC, id LIMIT 1`,
      [tenantId],
    );
    return rows[0] ?? null;
  }

  /** A new attempt with all six steps pending. */
  async create(
    tenantId: string,
    input: { wabaId: string; phoneNumberId: string; businessId: string | null; codeSha256: string },
  ): Promise<AttemptRow> {
    return this.dataSource.transaction(async (m) => {
      // Only the latest attempt can be resumed: earlier ones need their business token no more.
      await m.query(
        `UPDATE onboarding_attempts SET access_token_enc = NULL, updated_at = now()
         WHERE tenant_id = $1 AND access_token_enc IS NOT NULL`,
        [tenantId],
      );
      const [attempt] = await m.query<AttemptRow[]>(
        `INSERT INTO onboarding_attempts (tenant_id, waba_id, phone_number_id, business_id, code_sha256)
         VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [tenantId, input.wabaId, input.phoneNumberId, input.businessId, input.codeSha256],
      );
      await m.query(
        `INSERT INTO onboarding_steps (attempt_id, tenant_id, position, step)
         SELECT $1, $2, s.position, s.step FROM unnest($3::text[]) WITH ORDINALITY AS s(step, position)`,
        [attempt.id, tenantId, [...ONBOARDING_STEPS]],
      );
      return attempt;
    });
  }

  /**
   * Claims a failed attempt for a retry: `running` again, its failed step and those after it
   * back to pending. False when someone else got there first.
   */
  async reopen(tenantId: string, attemptId: string, fromStep: OnboardingStepName): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      // TypeORM answers an UPDATE ... RETURNING with [rows, affected count].
      const [claimed] = await m.query<[unknown[], number]>(
        `UPDATE onboarding_attempts SET status = 'running', updated_at = now()
         WHERE id = $1 AND tenant_id = $2 AND status = 'failed' RETURNING id`,
        [attemptId, tenantId],
      );
      if (claimed.length === 0) return false;
      await m.query(
        `UPDATE onboarding_steps SET status = 'pending', error = NULL, started_at = NULL, finished_at = NULL
         WHERE attempt_id = $1 AND position >= $2`,
        [attemptId, ONBOARDING_STEPS.indexOf(fromStep) + 1],
      );
      return true;
    });
  }

  async update(attemptId: string, patch: AttemptPatch, manager?: EntityManager): Promise<void> {
    const entries = Object.entries(patch);
    if (entries.length === 0) return;
    const sets = entries.map(([key], i) => `${key} = $${i + 2}`).join(', ');
    await (manager ?? this.dataSource.manager).query(
      `UPDATE onboarding_attempts SET ${sets}, updated_at = now() WHERE id = $1`,
      [attemptId, ...entries.map(([, value]) => value)],
    );
  }

  async stepStarted(attemptId: string, step: OnboardingStepName): Promise<void> {
    await this.dataSource.query(
      `UPDATE onboarding_steps SET status = 'running', error = NULL, started_at = now(), finished_at = NULL
       WHERE attempt_id = $1 AND step = $2`,
      [attemptId, step],
    );
  }

  async stepFinished(
    attemptId: string,
    step: OnboardingStepName,
    status: 'succeeded' | 'failed' | 'skipped',
    error: string | null = null,
    manager?: EntityManager,
  ): Promise<void> {
    await (manager ?? this.dataSource.manager).query(
      `UPDATE onboarding_steps SET status = $3, error = $4, finished_at = now(),
              started_at = coalesce(started_at, now())
       WHERE attempt_id = $1 AND step = $2`,
      [attemptId, step, status, error],
    );
  }

  async steps(attemptId: string): Promise<OnboardingStep[]> {
    const rows = await this.dataSource.query<StepRow[]>(
      `SELECT step, status, error, finished_at FROM onboarding_steps WHERE attempt_id = $1 ORDER BY position`,
      [attemptId],
    );
    return rows.map((row) => ({
      step: row.step,
      status: row.status,
      error: row.error,
      finished_at: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    }));
  }

  /** The PIN of this tenant's last completed onboarding of the number, to register again with the same. */
  async lastPinFor(tenantId: string, phoneNumberId: string): Promise<string | null> {
    const rows = await this.dataSource.query<{ pin_enc: string }[]>(
      `SELECT pin_enc FROM onboarding_attempts
       WHERE tenant_id = $1 AND phone_number_id = $2 AND pin_enc IS NOT NULL
       ORDER BY (status = 'completed') DESC, created_at DESC LIMIT 1`,
      [tenantId, phoneNumberId],
    );
    return rows[0]?.pin_enc ?? null;
  }
}
