import { useState } from 'react';
import { formatWhatsAppText } from '../../../lib/whatsapp-text';

export interface WhatsAppPreviewProps {
  businessName: string;
  welcomeMessage: string;
  logoUrl: string;
  nameQuestion: string;
  /** Whether the logo address passed the form's check (an invalid one is not loaded). */
  logoValid: boolean;
}

/**
 * The first exchange as a new contact sees it in WhatsApp: they say hello, the bot answers with the
 * welcome message, the logo as an image message, and asks for their name.
 */
export function WhatsAppPreview({
  businessName,
  welcomeMessage,
  logoUrl,
  nameQuestion,
  logoValid,
}: WhatsAppPreviewProps) {
  const time = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const welcome = welcomeMessage.trim();
  const logo = logoValid ? logoUrl.trim() : '';
  return (
    <figure className="wa-phone" aria-label="Preview of the first WhatsApp exchange">
      <div className="wa-header">
        <span className="wa-avatar" aria-hidden="true">
          {businessName.trim().charAt(0).toUpperCase() || '?'}
        </span>
        <span className="wa-title">
          <strong>{businessName}</strong>
          <span>Business account</span>
        </span>
      </div>
      <ol className="wa-chat">
        <li className="wa-bubble wa-out" data-testid="wa-customer">
          Hi
          <span className="wa-meta">
            {time}{' '}
            <span className="wa-ticks" aria-label="Read">
              ✓✓
            </span>
          </span>
        </li>
        {welcome ? (
          <li className="wa-bubble wa-in" data-testid="wa-welcome">
            <span className="wa-text">{formatWhatsAppText(welcome)}</span>
            <span className="wa-meta">{time}</span>
          </li>
        ) : (
          <li className="wa-system">No welcome message set</li>
        )}
        {logo && <LogoBubble key={logo} url={logo} time={time} />}
        <li className="wa-bubble wa-in" data-testid="wa-name-question">
          <span className="wa-text">{formatWhatsAppText(nameQuestion)}</span>
          <span className="wa-meta">{time}</span>
        </li>
      </ol>
      <figcaption className="visually-hidden">
        The customer writes first; the bot answers with the welcome message, the logo and a question.
      </figcaption>
    </figure>
  );
}

function LogoBubble({ url, time }: { url: string; time: string }) {
  const [failed, setFailed] = useState(false);
  return (
    <li className="wa-bubble wa-in wa-image" data-testid="wa-logo">
      {url.startsWith('http://') ? (
        <span className="wa-image-failed">This preview shows only images with an https address.</span>
      ) : failed ? (
        <span className="wa-image-failed" role="status">
          The image could not be loaded from this address, so WhatsApp would not be able to send it either.
        </span>
      ) : (
        <img src={url} alt="Your logo as the bot sends it" onError={() => setFailed(true)} />
      )}
      <span className="wa-meta">{time}</span>
    </li>
  );
}
