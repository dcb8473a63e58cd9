import { CRM_KINDS, type CrmKind } from '@parley/shared-types';
import { CRM_LABELS } from '../lib/crm-form';

const DESCRIPTIONS: Record<CrmKind, string> = {
  local: 'Parley keeps the leads. Nothing to connect.',
  zoho: 'Leads go to Zoho CRM; known ones are greeted by name.',
  hubspot: 'Leads become contacts; known ones are greeted by name.',
};

/** Which CRM the bot writes leads to, as a group of radio cards. */
export function CrmChoice({ value, onChange }: { value: CrmKind; onChange: (crm: CrmKind) => void }) {
  return (
    <fieldset className="choice-cards">
      <legend>Where leads go</legend>
      {(['local', ...CRM_KINDS.filter((k) => k !== 'local')] as CrmKind[]).map((kind) => (
        <label key={kind} className={`choice-card ${value === kind ? 'choice-card-selected' : ''}`}>
          <input
            type="radio"
            name="crm"
            value={kind}
            checked={value === kind}
            onChange={() => onChange(kind)}
          />
          <span>
            <strong>{CRM_LABELS[kind]}</strong>
            <span className="choice-card-text">{DESCRIPTIONS[kind]}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
