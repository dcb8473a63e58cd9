import { Fragment, type ReactNode } from 'react';

/**
 * WhatsApp's message formatting, rendered the way the app shows it: *bold*, _italic_,
 * ~strikethrough~, ```monospace``` and `inline code`. A marker counts only at a word's edge
 * (so snake_case_names and 2*3*4 stay as typed), and the text inside may not start or end with a
 * space. Line breaks are kept by the caller's `white-space: pre-wrap`.
 */
export function formatWhatsAppText(text: string): ReactNode[] {
  return parse(text, 0);
}

const STYLES = {
  '*': (children: ReactNode) => <strong>{children}</strong>,
  _: (children: ReactNode) => <em>{children}</em>,
  '~': (children: ReactNode) => <s>{children}</s>,
} as const;

type Marker = keyof typeof STYLES;

const isEdge = (ch: string | undefined) => ch === undefined || /[\s.,!?;:()[\]{}"'«»¿¡-]/.test(ch);

function parse(text: string, depth: number): ReactNode[] {
  const out: ReactNode[] = [];
  let plain = '';
  let i = 0;
  const flush = () => {
    if (plain) out.push(plain);
    plain = '';
  };
  while (i < text.length) {
    const found = depth < 4 ? spanAt(text, i) : null;
    if (!found) {
      plain += text[i];
      i += 1;
      continue;
    }
    flush();
    const key = `${depth}-${i}`;
    if (found.kind === 'mono')
      out.push(
        <code key={key} className="wa-mono">
          {found.inner}
        </code>,
      );
    else if (found.kind === 'code')
      out.push(
        <code key={key} className="wa-code">
          {found.inner}
        </code>,
      );
    else out.push(<Fragment key={key}>{STYLES[found.kind](parse(found.inner, depth + 1))}</Fragment>);
    i = found.end;
  }
  flush();
  return out;
}

interface Span {
  kind: Marker | 'mono' | 'code';
  inner: string;
  end: number;
}

function spanAt(text: string, start: number): Span | null {
  if (!isEdge(text[start - 1])) return null;
  if (text.startsWith('```', start)) {
    const close = text.indexOf('```', start + 3);
    return close > start + 3 ? { kind: 'mono', inner: text.slice(start + 3, close), end: close + 3 } : null;
  }
  const marker = text[start];
  if (marker === '`') {
    const close = text.indexOf('`', start + 1);
    if (close <= start + 1 || text.slice(start + 1, close).includes('\n')) return null;
    return { kind: 'code', inner: text.slice(start + 1, close), end: close + 1 };
  }
  if (!(marker in STYLES)) return null;
  if (/\s/.test(text[start + 1] ?? ' ')) return null;
  for (let close = text.indexOf(marker, start + 2); close !== -1; close = text.indexOf(marker, close + 1)) {
    const inner = text.slice(start + 1, close);
    if (inner.includes('\n')) return null;
    if (!/\s/.test(text[close - 1]) && isEdge(text[close + 1])) {
      return { kind: marker as Marker, inner, end: close + 1 };
    }
  }
  return null;
}
