import type { PreflightItem } from '@parley/shared-types';

const LABELS: Record<PreflightItem['key'], string> = {
  app_id: 'Meta app id',
  app_secret: 'Meta app secret',
  config_id: 'Embedded Signup configuration',
  public_url: 'Public https address of Parley',
  verify_token: 'Webhook verify token',
};

/** What the platform must have in place before Embedded Signup can work. */
export function PreflightList({ items }: { items: PreflightItem[] }) {
  return (
    <ul className="preflight" aria-label="Before you connect">
      {items.map((item) => (
        <li key={item.key} className={item.ok ? 'preflight-ok' : 'preflight-missing'}>
          <span className="preflight-mark" aria-hidden="true">
            {item.ok ? '✓' : '!'}
          </span>
          <span>
            <strong>{LABELS[item.key] ?? item.key}</strong>
            <span className="visually-hidden">{item.ok ? ': ready' : ': missing'}</span>
            {item.message && <span className="preflight-message">{item.message}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}
