import { Inject, Injectable, Logger } from '@nestjs/common';
import type { BotReply } from '@parley/shared-types';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { ConfigLoader } from '../tenant-config/config-loader.service';
import type { MessageSender, SendError, SendOutcome, SendRequest } from '../whatsapp/message-sender.port';

/**
 * A minimal real Graph client for the pipeline until the whatsapp module's sender is merged (it
 * replaces this file): one POST per message, errors mapped coarsely, no pacing.
 */
@Injectable()
export class GraphSenderPlaceholder implements MessageSender {
  private readonly logger = new Logger('GraphSender');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly loader: ConfigLoader,
  ) {}

  async send(request: SendRequest): Promise<SendOutcome> {
    const tenant = await this.loader.forTenant(request.tenantId);
    const token = tenant?.whatsapp.getAccessToken();
    if (!token)
      return { kind: 'auth', error: failure(null, 'No WhatsApp access token configured', null, null) };
    const to = request.to.waId ?? request.to.userId ?? '';
    const body = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to,
      ...graphMessage(request.message),
    };
    const { baseUrl, version } = this.config.graph;
    let response: Response;
    try {
      response = await fetch(`${baseUrl.replace(/\/$/, '')}/${version}/${request.phoneNumberId}/messages`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      return {
        kind: 'retry',
        retryAfterMs: 2000,
        error: failure(null, 'Graph API unreachable', String(error), null),
      };
    }
    const json = (await response.json().catch(() => null)) as GraphAnswer | null;
    const wamid = json?.messages?.[0]?.id;
    if (response.ok && wamid) return { kind: 'sent', wamid };
    return classify(response.status, json);
  }

  async markRead(tenantId: string, phoneNumberId: string, wamid: string, typing: boolean): Promise<void> {
    try {
      const token = (await this.loader.forTenant(tenantId))?.whatsapp.getAccessToken();
      if (!token) return;
      const { baseUrl, version } = this.config.graph;
      await fetch(`${baseUrl.replace(/\/$/, '')}/${version}/${phoneNumberId}/messages`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          messaging_product: 'whatsapp',
          status: 'read',
          message_id: wamid,
          ...(typing ? { typing_indicator: { type: 'text' } } : {}),
        }),
        signal: AbortSignal.timeout(5000),
      });
    } catch (error) {
      this.logger.debug({ err: error }, 'mark as read failed');
    }
  }
}

interface GraphAnswer {
  messages?: { id?: string }[];
  error?: { code?: number; message?: string; error_data?: { details?: string } };
}

function graphMessage(message: BotReply): Record<string, unknown> {
  switch (message.type) {
    case 'text':
      return { type: 'text', text: { body: message.text } };
    case 'image':
      return {
        type: 'image',
        image: { link: message.link, ...(message.caption ? { caption: message.caption } : {}) },
      };
    case 'interactive':
      return {
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: message.text },
          action: {
            buttons: message.buttons
              .slice(0, 3)
              .map((title, i) => ({ type: 'reply', reply: { id: `b${i}`, title } })),
          },
        },
      };
    case 'template':
      return { type: 'template', template: { name: message.name, language: { code: message.language } } };
  }
}

const THROTTLED = new Set([4, 80007, 130429, 131056, 131057, 131016]);

function classify(httpStatus: number, answer: GraphAnswer | null): SendOutcome {
  const code = typeof answer?.error?.code === 'number' ? answer.error.code : null;
  const error = failure(
    code ?? httpStatus,
    answer?.error?.message ?? `HTTP ${httpStatus}`,
    answer?.error?.error_data?.details ?? null,
    httpStatus,
  );
  if (code === 190 || code === 0) return { kind: 'auth', error };
  if (code === 131047) return { kind: 'window_closed', error };
  if ((code !== null && THROTTLED.has(code)) || httpStatus === 429 || httpStatus >= 500)
    return { kind: 'retry', retryAfterMs: 2000, error };
  return { kind: 'rejected', error };
}

function failure(
  code: number | null,
  title: string,
  detail: string | null,
  httpStatus: number | null,
): SendError {
  return { code, title, detail, httpStatus };
}
