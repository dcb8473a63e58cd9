import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { Field } from '../../../components/Field';
import { SelectField } from '../../../components/SelectField';
import { ACTION_FILTERS } from '../lib/audit-labels';
import { filterProblem, type AuditFilters } from '../lib/audit-params';

const EMPTY: AuditFilters = { action: '', actor: '', from: '', to: '' };

/** Action, person and date range; applied with the button (or Enter), cleared in one go. */
export function AuditFilterForm({
  initial,
  onApply,
}: {
  initial: AuditFilters;
  onApply: (filters: AuditFilters) => void;
}) {
  const [filters, setFilters] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (key: keyof AuditFilters, value: string) => setFilters((f) => ({ ...f, [key]: value }));
  const active = Object.values(initial).some(Boolean);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = filterProblem(filters);
    setProblem(found);
    if (!found) onApply(filters);
  };

  return (
    <form className="filter-bar" onSubmit={submit} noValidate aria-label="Filter the audit log">
      <SelectField
        label="Action"
        value={filters.action}
        onChange={(e) => set('action', e.target.value)}
        options={ACTION_FILTERS}
      />
      <Field
        label="Person"
        value={filters.actor}
        onChange={(e) => set('actor', e.target.value)}
        placeholder="Part of an email"
        autoComplete="off"
      />
      <Field
        label="From"
        type="date"
        value={filters.from}
        onChange={(e) => set('from', e.target.value)}
        error={problem}
      />
      <Field label="To" type="date" value={filters.to} onChange={(e) => set('to', e.target.value)} />
      <div className="filter-actions">
        <Button type="submit" variant="secondary">
          Apply
        </Button>
        {active && (
          <Button
            variant="ghost"
            onClick={() => {
              setFilters(EMPTY);
              setProblem(null);
              onApply(EMPTY);
            }}
          >
            Clear
          </Button>
        )}
      </div>
    </form>
  );
}
