import { Button } from './Button';

export const PAGE_SIZES = [25, 50, 100] as const;

export interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  onPageSize?: (pageSize: number) => void;
  /** What is being counted, plural: "tenants", "events". */
  noun?: string;
  busy?: boolean;
}

/** "1–25 of 10,000 tenants", page size, and first/previous/next/last. */
export function Pagination({
  page,
  pageSize,
  total,
  onPage,
  onPageSize,
  noun = 'items',
  busy,
}: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const n = new Intl.NumberFormat();
  return (
    <nav className="pagination" aria-label="Pages">
      <span className="pagination-summary" aria-live="polite">
        {n.format(first)}–{n.format(last)} of {n.format(total)} {noun}
      </span>
      {onPageSize && (
        <label className="pagination-size">
          <span>Per page</span>
          <select value={pageSize} onChange={(e) => onPageSize(Number(e.target.value))}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="pagination-buttons">
        <Button
          size="sm"
          variant="secondary"
          onClick={() => onPage(1)}
          disabled={page <= 1 || busy}
          aria-label="First page"
        >
          «
        </Button>
        <Button size="sm" variant="secondary" onClick={() => onPage(page - 1)} disabled={page <= 1 || busy}>
          Previous
        </Button>
        <span className="pagination-page">
          Page {n.format(page)} of {n.format(pages)}
        </span>
        <Button
          size="sm"
          variant="secondary"
          onClick={() => onPage(page + 1)}
          disabled={page >= pages || busy}
        >
          Next
        </Button>
        <Button
          size="sm"
          variant="secondary"
          onClick={() => onPage(pages)}
          disabled={page >= pages || busy}
          aria-label="Last page"
        >
          »
        </Button>
      </div>
    </nav>
  );
}
