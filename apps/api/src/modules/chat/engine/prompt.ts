import type { EngineHistoryEntry } from '../../messaging/conversation-engine.port';
import type { LlmChatMessage, LlmRequest } from '../llm/llm.port';
import type { RetrievedChunk } from '../rag/knowledge-retriever.port';

/** WhatsApp's text limit. */
export const WHATSAPP_TEXT_MAX = 4096;
const HISTORY_TEXT_MAX = 1000;
const CONTEXT_TEXT_MAX = 1500;

export interface PromptInput {
  tenantName: string;
  systemPrompt: string | null;
  leadName: string | null;
  question: string;
  history: EngineHistoryEntry[];
  historyWindow: number;
  context: RetrievedChunk[];
}

/**
 * The LLM request of one answer: the tenant's system prompt, the lead's name, the retrieved
 * passages under a `Context:` heading (each after a `Source [n]: title — url` line), then the
 * last `historyWindow` entries of the conversation and the question.
 */
export function buildLlmRequest(input: PromptInput): LlmRequest {
  const lines = [
    input.systemPrompt?.trim() ||
      `You are the WhatsApp assistant of ${input.tenantName}. Be friendly, brief and accurate.`,
    'Answer in the language of the user, as plain text fit for WhatsApp (no Markdown tables).',
  ];
  if (input.leadName) lines.push(`The user's name is ${input.leadName}.`);
  if (input.context.length) {
    lines.push(
      'Use the context below when it answers the question; if it does not, say you are not sure rather than guess.',
      'Context:',
    );
    input.context.forEach((chunk, i) => {
      lines.push(`Source [${i + 1}]: ${chunk.title ?? chunk.url} — ${chunk.url}`);
      lines.push(chunk.text.replace(/\s+/g, ' ').trim().slice(0, CONTEXT_TEXT_MAX), '');
    });
  }
  const window =
    input.historyWindow > 0 ? input.history.filter((e) => e.text?.trim()).slice(-input.historyWindow) : [];
  const history: LlmChatMessage[] = window.map((entry) => ({
    role: entry.direction === 'inbound' ? 'user' : 'assistant',
    text: entry.text.slice(0, HISTORY_TEXT_MAX),
  }));
  return {
    systemPrompt: lines.join('\n').trim(),
    messages: [...history, { role: 'user', text: input.question }],
  };
}

/** The answer with its sources (titles and URLs, each once) at the end, cut to WhatsApp's limit. */
export function withSources(answer: string, context: RetrievedChunk[]): string {
  const seen = new Set<string>();
  const sources: string[] = [];
  for (const chunk of context) {
    if (seen.has(chunk.url) || sources.length >= 3) continue;
    seen.add(chunk.url);
    sources.push(chunk.title ? `- ${chunk.title}: ${chunk.url}` : `- ${chunk.url}`);
  }
  const tail = sources.length ? `\n\nSources:\n${sources.join('\n')}` : '';
  const room = WHATSAPP_TEXT_MAX - tail.length;
  const body = answer.length > room ? `${answer.slice(0, room - 1)}…` : answer;
  return body + tail;
}

const WH_WORDS =
  /^(what|what's|whats|how|when|where|why|which|who|whom|whose|qué|que|cómo|como|cuándo|cuando|dónde|donde|cuánto|cuanto|quién|quien|o que|onde|quanto|quando|porque|pourquoi|quoi|combien|comment|où|wie|was|wann|wo|warum|kya|kaise|kab|kahan)\b/i;

/** Whether a message reads as a question (so a capture answer can be told from a question asked meanwhile). */
export function isQuestion(text: string): boolean {
  const trimmed = text.trim();
  if (/[?？]\s*$/.test(trimmed) || trimmed.startsWith('¿')) return true;
  return WH_WORDS.test(trimmed) && trimmed.split(/\s+/).length >= 3;
}
