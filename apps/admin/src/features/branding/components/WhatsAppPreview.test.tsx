import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WhatsAppPreview, type WhatsAppPreviewProps } from './WhatsAppPreview';

const props: WhatsAppPreviewProps = {
  businessName: 'Acme Dental',
  welcomeMessage: '*Welcome* to Acme!\nWe answer in minutes.',
  logoUrl: 'https://cdn.example.com/acme.png',
  logoValid: true,
  nameQuestion: 'May I have your full name?',
};

const bubbles = () =>
  Array.from(document.querySelectorAll('.wa-chat > li')).map((li) => li.getAttribute('data-testid'));

describe('WhatsAppPreview', () => {
  it('shows the first exchange in order: hello, welcome, logo, name question', () => {
    render(<WhatsAppPreview {...props} />);
    expect(bubbles()).toEqual(['wa-customer', 'wa-welcome', 'wa-logo', 'wa-name-question']);
    expect(screen.getByText('Acme Dental')).toBeTruthy();
    expect(screen.getByRole<HTMLImageElement>('img').src).toBe('https://cdn.example.com/acme.png');
  });

  it('renders WhatsApp formatting and keeps line breaks', () => {
    render(<WhatsAppPreview {...props} />);
    const welcome = screen.getByTestId('wa-welcome');
    expect(welcome.querySelector('strong')?.textContent).toBe('Welcome');
    expect(welcome.querySelector('.wa-text')?.textContent).toBe('Welcome to Acme!\nWe answer in minutes.');
  });

  it('says when there is no welcome message, and sends no image without a valid logo address', () => {
    render(<WhatsAppPreview {...props} welcomeMessage="   " logoValid={false} />);
    expect(bubbles()).toEqual(['wa-customer', null, 'wa-name-question']);
    expect(screen.getByText('No welcome message set')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('warns when the logo cannot be loaded, and explains http addresses', () => {
    const { rerender } = render(<WhatsAppPreview {...props} />);
    fireEvent.error(screen.getByRole('img'));
    expect(screen.getByRole('status').textContent).toContain('could not be loaded');

    rerender(<WhatsAppPreview {...props} logoUrl="http://cdn.example.com/acme.png" />);
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText('This preview shows only images with an https address.')).toBeTruthy();
  });
});
