/** A secret as the page may show it: masked, or the revealed value after the audited reveal. */
export function SecretValue({ masked, revealed }: { masked: string | null; revealed?: string | null }) {
  if (revealed) return <code className="value-code secret-revealed">{revealed}</code>;
  if (!masked) return <span className="muted">Not set</span>;
  return (
    <code className="value-code" aria-label={`Hidden, ends in ${masked.replace(/^\*+/, '')}`}>
      {masked}
    </code>
  );
}
