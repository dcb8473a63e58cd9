import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { paths } from '../../../app/paths';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Field } from '../../../components/Field';
import { ErrorState } from '../../../components/States';
import { useResetPlayground, useSendPlaygroundMessage } from '../api/playground';
import { PlaygroundChat, type ChatEntry } from '../components/PlaygroundChat';
import {
  defaultSender,
  senderDigits,
  validateSender,
  type SenderErrors,
  type SenderValues,
} from '../lib/playground-form';
import { PageHeader } from '../../../components/PageHeader';

export function PlaygroundPage() {
  const send = useSendPlaygroundMessage();
  const reset = useResetPlayground();
  const [sender, setSender] = useState<SenderValues>(defaultSender);
  const [errors, setErrors] = useState<SenderErrors>({});
  const [entries, setEntries] = useState<ChatEntry[]>([]);
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const nextId = useRef(1);

  const setField = (key: keyof SenderValues, value: string) => {
    setSender((s) => ({ ...s, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const onSend = (text: string) => {
    const found = validateSender(sender);
    setErrors(found);
    if (Object.keys(found).length) return;
    const id = nextId.current++;
    setEntries((list) => [...list, { id, from: 'user', text, at: new Date() }]);
    send.mutate(
      { from: senderDigits(sender.phone), text, profile_name: sender.name.trim() || undefined },
      {
        onSuccess: (response) => {
          setConversationId(response.conversation_id);
          setEntries((list) => [
            ...list,
            ...response.replies.map((reply) => ({
              id: nextId.current++,
              from: 'bot' as const,
              reply,
              at: new Date(),
            })),
          ]);
        },
        onError: (error) =>
          setEntries((list) => list.map((e) => (e.id === id ? { ...e, failed: error.message } : e))),
      },
    );
  };

  const onReset = () =>
    reset.mutate(senderDigits(sender.phone), {
      onSuccess: () => {
        send.reset();
        setEntries([]);
        setConversationId(null);
        setConfirmReset(false);
      },
    });

  const locked = entries.length > 0;
  return (
    <>
      <PageHeader
        title="Playground"
        description="Talk to your bot as a WhatsApp customer would. Nothing is sent to WhatsApp; leads it captures are real."
      />
      <div className="playground-layout">
        <Card title="Pretend to be">
          <Field
            label="Phone number"
            value={sender.phone}
            onChange={(e) => setField('phone', e.target.value)}
            error={errors.phone}
            inputMode="tel"
            autoComplete="off"
            disabled={locked}
            hint={
              locked
                ? 'Start over to change the number.'
                : 'With country code; each number is its own customer.'
            }
          />
          <Field
            label="WhatsApp profile name"
            value={sender.name}
            onChange={(e) => setField('name', e.target.value)}
            error={errors.name}
            autoComplete="off"
            disabled={locked}
          />
          <div className="form-actions">
            {conversationId && (
              <Link className="link-button" to={paths.conversation(conversationId)}>
                See it in Conversations
              </Link>
            )}
            <Button variant="secondary" onClick={() => setConfirmReset(true)} disabled={send.isPending}>
              Start over
            </Button>
          </div>
        </Card>
        <div className="playground-chat-column">
          <PlaygroundChat title="Your bot" entries={entries} sending={send.isPending} onSend={onSend} />
          {send.isError && entries.length === 0 && <ErrorState error={send.error} />}
        </div>
      </div>
      <ConfirmDialog
        open={confirmReset}
        title="Start over with this number?"
        confirmLabel="Start over"
        busy={reset.isPending}
        error={reset.error?.message}
        onCancel={() => {
          setConfirmReset(false);
          reset.reset();
        }}
        onConfirm={onReset}
      >
        The bot forgets its conversation with {sender.phone}, so it greets the number as new. Leads already
        captured stay in Leads.
      </ConfirmDialog>
    </>
  );
}
