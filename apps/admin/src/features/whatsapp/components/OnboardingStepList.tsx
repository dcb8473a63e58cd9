import type { OnboardingStep } from '@parley/shared-types';
import { Spinner } from '../../../components/Spinner';
import { STEP_LABELS } from '../lib/onboarding-steps';

const MARKS: Record<OnboardingStep['status'], string> = {
  pending: '○',
  running: '',
  succeeded: '✓',
  failed: '✕',
  skipped: '–',
};
const WORDS: Record<OnboardingStep['status'], string> = {
  pending: 'waiting',
  running: 'in progress',
  succeeded: 'done',
  failed: 'failed',
  skipped: 'not needed',
};

/** The server's onboarding steps, each with its state; read out politely as they change. */
export function OnboardingStepList({ steps }: { steps: OnboardingStep[] }) {
  return (
    <ol className="onboard-steps" aria-live="polite" aria-label="Connection steps">
      {steps.map((s) => (
        <li key={s.step} className={`onboard-step onboard-step-${s.status}`}>
          <span className="onboard-mark" aria-hidden="true">
            {s.status === 'running' ? <Spinner size={14} /> : MARKS[s.status]}
          </span>
          <span>
            {STEP_LABELS[s.step]} <span className="visually-hidden">: {WORDS[s.status]}</span>
            {s.status === 'skipped' && <span className="muted"> (not needed)</span>}
            {s.error && <span className="onboard-step-error">{s.error}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}
