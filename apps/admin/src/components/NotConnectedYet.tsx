import type { ReactNode } from 'react';

/**
 * Where data will come from a part of Parley that is not connected yet: says so plainly instead
 * of showing made-up figures.
 */
export function NotConnectedYet({ what, children }: { what: string; children?: ReactNode }) {
  return (
    <div className="not-connected" role="note">
      <strong>Available once {what} is connected</strong>
      {children && <p>{children}</p>}
    </div>
  );
}
