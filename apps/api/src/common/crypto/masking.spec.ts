import { looksMasked, maskSecret } from './masking';

describe('maskSecret', () => {
  it('shows *** and the last four characters only', () => {
    expect(maskSecret('EAAGabcdefWXYZ')).toBe('***WXYZ');
    expect(maskSecret('12345')).toBe('***2345');
  });

  it('never shows a secret of four characters or fewer', () => {
    expect(maskSecret('abcd')).toBe('***');
    expect(maskSecret('a')).toBe('***');
  });

  it('has nothing to mask for empty values', () => {
    expect(maskSecret('')).toBeNull();
    expect(maskSecret(null)).toBeNull();
    expect(maskSecret(undefined)).toBeNull();
  });

  it('recognises a masked value sent back by a client', () => {
    expect(looksMasked('***WXYZ')).toBe(true);
    expect(looksMasked('real-secret')).toBe(false);
  });
});
