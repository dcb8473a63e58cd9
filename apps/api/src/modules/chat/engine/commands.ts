/** The chat commands, as WhatsApp users type them: any case, with or without an argument. */
export type CommandName = 'reset' | 'set_llm' | 'enable_rag' | 'disable_rag' | 'help' | 'unknown';

export interface Command {
  name: CommandName;
  /** What followed the command word, trimmed; null when nothing did. */
  arg: string | null;
}

const NAMES: Record<string, CommandName> = {
  reset: 'reset',
  set_llm: 'set_llm',
  setllm: 'set_llm',
  enable_rag: 'enable_rag',
  enablerag: 'enable_rag',
  disable_rag: 'disable_rag',
  disablerag: 'disable_rag',
  help: 'help',
  start: 'help',
};

/** A command when the text starts with "/" and a word ("/RESET", "/set_llm Ollama", "/enable-rag url"). */
export function parseCommand(text: string | null): Command | null {
  const match = /^\s*\/([\p{L}\p{N}_-]+)[\s:=]*([\s\S]*)$/u.exec(text ?? '');
  if (!match) return null;
  const word = match[1].toLowerCase().replace(/-/g, '_');
  const arg = match[2]
    .trim()
    .replace(/^[<"'`]+|[>"'`.!]+$/g, '')
    .trim();
  return { name: NAMES[word] ?? 'unknown', arg: arg || null };
}

/** The http(s) URL in a message ("https://x.com/a", "x.com/a" as https), or null. */
export function extractUrl(text: string | null): string | null {
  if (!text) return null;
  const explicit = /https?:\/\/[^\s<>"']+/i.exec(text)?.[0];
  const candidate =
    explicit ??
    (/^(?:www\.)?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+(?::\d+)?(?:\/\S*)?$/u.test(text.trim())
      ? `https://${text.trim()}`
      : null);
  if (!candidate) return null;
  try {
    const url = new URL(candidate.replace(/[.,;!?)]+$/, ''));
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}
