import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { lastDays, PRESETS, presetOf, rangeError, type DateRange } from '../lib/date-range';

/** Presets (7 days … 1 year) and a custom from/to, in UTC days. */
export function DateRangeControl({
  value,
  onChange,
}: {
  value: DateRange;
  onChange: (range: DateRange) => void;
}) {
  const [custom, setCustom] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const [last, setLast] = useState(value);
  if (last.from !== value.from || last.to !== value.to) {
    setLast(value);
    setCustom(value);
  }
  const active = presetOf(value);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const problem = rangeError(custom);
    setError(problem);
    if (!problem) onChange(custom);
  };
  return (
    <div className="date-range">
      <div className="segmented" role="group" aria-label="Date range">
        {PRESETS.map((p) => (
          <button
            key={p.days}
            type="button"
            className="segment"
            aria-pressed={active === p.days}
            onClick={() => onChange(lastDays(p.days))}
          >
            {p.label}
          </button>
        ))}
      </div>
      <form className="date-range-custom" onSubmit={apply} noValidate>
        <label>
          <span>From</span>
          <input
            type="date"
            value={custom.from}
            onChange={(e) => setCustom({ ...custom, from: e.target.value })}
          />
        </label>
        <label>
          <span>To</span>
          <input
            type="date"
            value={custom.to}
            onChange={(e) => setCustom({ ...custom, to: e.target.value })}
          />
        </label>
        <Button type="submit" size="sm" variant="secondary">
          Apply
        </Button>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </div>
  );
}
