import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatWhatsAppText } from './whatsapp-text';

const html = (text: string) =>
  render(<p>{formatWhatsAppText(text)}</p>).container.firstElementChild!.innerHTML;

describe('formatWhatsAppText', () => {
  it('renders bold, italic, strikethrough, monospace and inline code', () => {
    expect(html('*Welcome* to _Acme_, ~closed~ open!')).toBe(
      '<strong>Welcome</strong> to <em>Acme</em>, <s>closed</s> open!',
    );
    expect(html('Type ```/help``` or `/reset`')).toBe(
      'Type <code class="wa-mono">/help</code> or <code class="wa-code">/reset</code>',
    );
  });

  it('nests styles and leaves markers inside words or with spaces as typed', () => {
    expect(html('*very _warm_ welcome*')).toBe('<strong>very <em>warm</em> welcome</strong>');
    expect(html('snake_case_name and 2*3*4')).toBe('snake_case_name and 2*3*4');
    expect(html('* not bold *')).toBe('* not bold *');
    expect(html('*unclosed')).toBe('*unclosed');
  });

  it('does not carry a style across lines', () => {
    expect(html('*first\nsecond*')).toBe('*first\nsecond*');
  });
});
