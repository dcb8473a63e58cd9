/** A reply as a WhatsApp user would see it. */
export type BotReply =
  | { type: 'text'; text: string }
  | { type: 'image'; link: string; caption: string | null }
  | { type: 'interactive'; text: string; buttons: string[] }
  | { type: 'template'; name: string; language: string };

export interface PlaygroundMessageRequest {
  /** The simulated user's phone number (digits, with country code, e.g. "919876543210"). */
  from: string;
  text: string;
  /** Display name, as WhatsApp's contact profile would carry it. */
  profile_name?: string;
}

export interface PlaygroundMessageResponse {
  conversation_id: string;
  /** The inbound message's simulated wamid. */
  wamid: string;
  replies: BotReply[];
}
