import type { BotReply } from '@parley/shared-types';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { formatWhatsAppText } from '../../../lib/whatsapp-text';
import { messageProblem, TEXT_MAX } from '../lib/playground-form';

export type ChatEntry =
  | { id: number; from: 'user'; text: string; at: Date; failed?: string }
  | { id: number; from: 'bot'; reply: BotReply; at: Date };

/** The simulated user's WhatsApp screen: what they wrote on the right, the bot's replies on the left. */
export function PlaygroundChat({
  title,
  entries,
  sending,
  onSend,
}: {
  title: string;
  entries: ChatEntry[];
  sending: boolean;
  onSend: (text: string) => void;
}) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const end = useRef<HTMLLIElement>(null);

  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [entries.length, sending]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = messageProblem(text);
    setProblem(found);
    if (found || sending) return;
    onSend(text.trim());
    setText('');
  };

  return (
    <div className="wa-phone playground-phone">
      <div className="wa-header">
        <span className="wa-avatar" aria-hidden="true">
          {title.charAt(0).toUpperCase() || '?'}
        </span>
        <span className="wa-title">
          <strong>{title}</strong>
          <span>{sending ? 'typing…' : 'Business account'}</span>
        </span>
      </div>
      <ol className="wa-chat playground-chat" aria-live="polite" aria-label="Chat with the bot">
        {entries.length === 0 && <li className="wa-system">Say hello to start, as a customer would.</li>}
        {entries.map((entry) =>
          entry.from === 'user' ? (
            <li key={entry.id} className="wa-bubble wa-out" data-testid="playground-user">
              <span className="wa-text">{entry.text}</span>
              <span className="wa-meta">
                {time(entry.at)}{' '}
                {entry.failed ? (
                  <span className="wa-ticks wa-ticks-failed" role="img" aria-label="Not delivered">
                    !
                  </span>
                ) : (
                  <span className="wa-ticks wa-ticks-read" role="img" aria-label="Read">
                    ✓✓
                  </span>
                )}
              </span>
              {entry.failed && <span className="wa-failure">{entry.failed}</span>}
            </li>
          ) : (
            <ReplyBubble
              key={entry.id}
              reply={entry.reply}
              at={entry.at}
              onButton={onSend}
              disabled={sending}
            />
          ),
        )}
        {sending && (
          <li className="wa-system" role="status">
            The bot is typing…
          </li>
        )}
        <li ref={end} aria-hidden="true" className="playground-end" />
      </ol>
      <form className="playground-compose" onSubmit={submit} noValidate aria-label="Send a message">
        <label className="visually-hidden" htmlFor="playground-text">
          Message
        </label>
        <input
          id="playground-text"
          value={text}
          maxLength={TEXT_MAX}
          onChange={(e) => {
            setText(e.target.value);
            setProblem(null);
          }}
          placeholder="Type a message"
          autoComplete="off"
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'playground-problem' : undefined}
        />
        <Button type="submit" loading={sending}>
          Send
        </Button>
      </form>
      {problem && (
        <p className="field-error playground-problem" id="playground-problem">
          {problem}
        </p>
      )}
    </div>
  );
}

function ReplyBubble({
  reply,
  at,
  onButton,
  disabled,
}: {
  reply: BotReply;
  at: Date;
  onButton: (text: string) => void;
  disabled: boolean;
}) {
  const meta = <span className="wa-meta">{time(at)}</span>;
  switch (reply.type) {
    case 'text':
      return (
        <li className="wa-bubble wa-in" data-testid="playground-bot">
          <span className="wa-text">{formatWhatsAppText(reply.text)}</span>
          {meta}
        </li>
      );
    case 'image':
      return (
        <li className="wa-bubble wa-in wa-image" data-testid="playground-bot">
          <ReplyImage link={reply.link} caption={reply.caption} />
          {reply.caption && <span className="wa-text">{formatWhatsAppText(reply.caption)}</span>}
          {meta}
        </li>
      );
    case 'interactive':
      return (
        <li className="wa-bubble wa-in" data-testid="playground-bot">
          <span className="wa-text">{formatWhatsAppText(reply.text)}</span>
          {meta}
          <span className="wa-buttons">
            {reply.buttons.map((title) => (
              <button
                key={title}
                type="button"
                className="wa-button"
                disabled={disabled}
                onClick={() => onButton(title)}
              >
                {title}
              </button>
            ))}
          </span>
        </li>
      );
    case 'template':
      return (
        <li className="wa-bubble wa-in" data-testid="playground-bot">
          <span className="wa-text">
            <em>
              Template “{reply.name}” ({reply.language})
            </em>
          </span>
          {meta}
        </li>
      );
  }
}

function ReplyImage({ link, caption }: { link: string; caption: string | null }) {
  const [failed, setFailed] = useState(false);
  if (failed)
    return (
      <span className="wa-image-failed" role="status">
        The image at {link} could not be loaded, so WhatsApp could not show it either.
      </span>
    );
  return <img src={link} alt={caption ?? 'Image from the bot'} onError={() => setFailed(true)} />;
}

const time = (at: Date) => at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
