import { Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { BotReply, BotTextKey, LeadState } from '@parley/shared-types';
import { AppConfig } from '../../../config/config';
import { APP_CONFIG } from '../../../config/config.module';
import { joinName, LeadsService, parseEmail, parseName } from '../../crm';
import type {
  ConversationEngine,
  EngineResult,
  EngineTurn,
  LlmUsage,
} from '../../messaging/conversation-engine.port';
import { Metrics } from '../../metrics/metrics.service';
import { ConfigLoader } from '../../tenant-config/config-loader.service';
import type { LoadedTenant } from '../../tenant-config/tenant-config-view';
import { LlmProviders } from '../llm/llm-provider.factory';
import { LlmUnavailableError, type LlmProviderName } from '../llm/llm.port';
import { describeError } from '../llm/vendor-call';
import {
  KNOWLEDGE_RETRIEVER,
  type KnowledgeRetriever,
  type RetrievedChunk,
} from '../rag/knowledge-retriever.port';
import { botText, type BotTextVars } from './bot-texts';
import { type Command, extractUrl, parseCommand } from './commands';
import { type EngineState, readState, writeState } from './engine-state';
import { buildLlmRequest, isQuestion, withSources } from './prompt';

const RETRIEVAL_LIMIT = 4;

/** One message being handled: the tenant, and the conversation as it becomes. */
interface Work {
  turn: EngineTurn;
  tenant: LoadedTenant;
  replies: BotReply[];
  state: EngineState;
  leadState: LeadState;
  leadName: string | null;
  llmProvider: LlmProviderName | null;
  ragUrl: string | null;
  historyReset: boolean;
  llm?: LlmUsage;
}

/**
 * The conversation engine: welcome and logo on a contact's first message, lead recognition
 * (CRM lookup by phone) or capture (name, then email), commands, and LLM answers with the
 * retrieved context and its sources. Everything it remembers is in the returned conversation
 * state; its only side effect, lead capture, is idempotent per tenant and phone. Vendor
 * failures become an apology and `llm.error`, never an exception.
 */
@Injectable()
export class ConversationEngineService implements ConversationEngine, OnApplicationBootstrap {
  private readonly logger = new Logger('ConversationEngine');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly configLoader: ConfigLoader,
    private readonly leads: LeadsService,
    private readonly providers: LlmProviders,
    private readonly metrics: Metrics,
    // Provided by chat/rag; without it, answers go without context and /enable_rag fails politely.
    @Optional() @Inject(KNOWLEDGE_RETRIEVER) private retriever: KnowledgeRetriever | null = null,
    // Explicit token: a `ModuleRef | null` parameter type is emitted as `Object`, which Nest
    // cannot resolve, so without it the engine never found the RAG store in the application.
    @Optional() @Inject(ModuleRef) private readonly moduleRef: ModuleRef | null = null,
  ) {}

  /** The RAG store may live in a module this one does not import: look it up app-wide once. */
  onApplicationBootstrap(): void {
    if (this.retriever || !this.moduleRef) return;
    try {
      this.retriever = this.moduleRef.get<KnowledgeRetriever>(KNOWLEDGE_RETRIEVER, { strict: false });
    } catch {
      this.logger.warn('No knowledge retriever: answers go without retrieved context');
    }
  }

  async handle(turn: EngineTurn): Promise<EngineResult> {
    const tenant = await this.configLoader.forTenant(turn.tenantId);
    if (!tenant) throw new Error(`Tenant "${turn.tenantId}" does not exist`);
    const work: Work = {
      turn,
      tenant,
      replies: [],
      state: readState(turn.conversation.state),
      leadState: turn.conversation.leadState,
      leadName: turn.conversation.leadName,
      llmProvider: turn.conversation.llmProvider,
      ragUrl: turn.conversation.ragUrl,
      historyReset: false,
    };
    await this.run(work);
    return {
      replies: work.replies,
      conversation: {
        state: writeState(work.state),
        leadState: work.leadState,
        leadName: work.leadName,
        llmProvider: work.llmProvider,
        ragUrl: work.ragUrl,
      },
      ...(work.historyReset ? { historyReset: true } : {}),
      ...(work.llm ? { llm: work.llm } : {}),
    };
  }

  private async run(work: Work): Promise<void> {
    const text = work.turn.message.text?.trim() || null;
    const command = parseCommand(text);
    if (work.turn.conversation.firstContact) this.welcome(work);
    const recognised =
      work.turn.conversation.firstContact || work.leadState === 'unknown' ? await this.recognise(work) : null;
    // A capture that starts now asks its first question after whatever answers this message.
    const askNameAfter = recognised === 'capturing';

    if (command) {
      await this.runCommand(work, command);
      // The capture resumes: its pending question comes again after the command's answer.
      if (work.state.capture === 'name') this.say(work, 'ask_name');
      if (work.state.capture === 'email' && work.state.pendingName)
        this.say(work, 'ask_email', { name: work.state.pendingName.firstName });
      return;
    }
    if (!text) {
      // A reaction is not a message to answer.
      if (work.turn.message.type === 'reaction') return;
      if (askNameAfter) this.say(work, 'ask_name');
      else if (!recognised) this.say(work, 'unsupported_message');
      return;
    }
    if (work.state.awaitingRagUrl) {
      work.state.awaitingRagUrl = undefined;
      const url = extractUrl(text);
      if (url) return this.enableRag(work, url);
    }
    if (recognised) {
      if (isQuestion(text)) await this.answer(work, text);
      if (askNameAfter) this.say(work, 'ask_name');
      return;
    }
    if (work.state.capture) return this.captureStep(work, text);
    await this.answer(work, text);
  }

  private welcome(work: Work): void {
    const { welcomeMessage, logoUrl } = work.tenant.profile;
    if (welcomeMessage?.trim()) work.replies.push({ type: 'text', text: welcomeMessage.trim() });
    if (logoUrl) work.replies.push({ type: 'image', link: logoUrl, caption: null });
  }

  /** Looks the contact up in the tenant's CRM: greets a known lead, or starts the capture. */
  private async recognise(work: Work): Promise<'known' | 'capturing'> {
    const phone = work.turn.conversation.contact.phone;
    let found = null;
    if (phone) {
      try {
        found = await this.leads.findLeadByPhone(work.turn.tenantId, phone);
      } catch (error) {
        this.logger.warn(
          { tenantId: work.turn.tenantId, err: describeError(error) },
          'Lead lookup failed; capturing the contact as new',
        );
      }
    }
    if (found) {
      work.leadState = 'known';
      const first = found.firstName?.trim() || null;
      const last = found.lastName?.trim() || null;
      work.leadName = first ? joinName(first, last) : last;
      work.state.capture = undefined;
      // A CRM record may lack a first name; the greeting then uses what there is.
      this.say(work, 'greet_known', { name: first ?? last ?? '' });
      return 'known';
    }
    work.leadState = 'capturing';
    work.state.capture = 'name';
    work.state.pendingName = undefined;
    return 'capturing';
  }

  private async captureStep(work: Work, text: string): Promise<void> {
    if (work.state.capture === 'name') {
      if (isQuestion(text)) {
        await this.answer(work, text);
        return this.say(work, 'ask_name');
      }
      const name = parseName(text);
      if (!name.ok) return this.say(work, 'ask_name');
      work.state.pendingName = {
        firstName: name.firstName,
        lastName: name.lastName,
        fullName: name.fullName,
      };
      work.state.capture = 'email';
      return this.say(work, 'ask_email', { name: name.firstName });
    }
    const name = work.state.pendingName;
    if (!name) {
      work.state.capture = 'name';
      return this.say(work, 'ask_name');
    }
    if (isQuestion(text) && !text.includes('@')) {
      await this.answer(work, text);
      return this.say(work, 'ask_email', { name: name.firstName });
    }
    const email = parseEmail(text);
    if (email.ok) return this.finishCapture(work, name, email.email);
    if (email.reason === 'skipped') {
      if (work.tenant.profile.leadCapture.allowSkipEmail) return this.finishCapture(work, name, null);
      return this.say(work, 'ask_email', { name: name.firstName });
    }
    if (email.reason === 'empty') return this.say(work, 'ask_email', { name: name.firstName });
    this.say(work, 'invalid_email');
  }

  /** Stores the lead (idempotent per phone, so a retried job changes nothing) and thanks. */
  private async finishCapture(
    work: Work,
    name: NonNullable<EngineState['pendingName']>,
    email: string | null,
  ): Promise<void> {
    const phone = work.turn.conversation.contact.phone;
    if (phone) {
      try {
        await this.leads.captureLead(work.turn.tenantId, {
          phone,
          firstName: name.firstName,
          lastName: name.lastName,
          email,
        });
      } catch (error) {
        // A 4xx is input the lead list refuses (an unreadable number): the chat goes on.
        const status = (error as { status?: number; getStatus?: () => number }).status;
        if (typeof status !== 'number' || status >= 500) throw error;
        this.logger.warn({ tenantId: work.turn.tenantId, err: describeError(error) }, 'Lead not stored');
      }
    } else {
      // Business-scoped contacts have no phone to key a lead on; their email stays with the conversation.
      work.state.capturedEmail = email;
    }
    work.leadState = 'captured';
    work.leadName = name.fullName;
    work.state.capture = undefined;
    work.state.pendingName = undefined;
    this.say(work, 'lead_thanks', { name: name.firstName });
  }

  private async runCommand(work: Work, command: Command): Promise<void> {
    work.state.awaitingRagUrl = undefined;
    switch (command.name) {
      case 'reset':
        work.state = {};
        work.ragUrl = null;
        work.historyReset = true;
        // The lead stays what it is; a capture in progress starts over on the next message.
        if (work.leadState === 'capturing') work.leadState = 'unknown';
        return this.say(work, 'reset_done');
      case 'set_llm': {
        const allowed = this.providers.switchable(work.tenant);
        const wanted = command.arg?.split(/\s+/)[0]?.toLowerCase();
        const match = allowed.find((name) => name === wanted);
        if (!match) return this.say(work, 'llm_not_allowed', { providers: allowed.join(', ') });
        work.llmProvider = match;
        return this.say(work, 'llm_switched', { providers: match });
      }
      case 'enable_rag': {
        const url = extractUrl(command.arg);
        if (!url) {
          work.state.awaitingRagUrl = true;
          return this.say(work, 'rag_ask_url');
        }
        return this.enableRag(work, url);
      }
      case 'disable_rag':
        work.ragUrl = null;
        return this.say(work, 'rag_disabled');
      default:
        return this.say(work, 'help', {
          providers: this.providers.switchable(work.tenant).join(', '),
        });
    }
  }

  private async enableRag(work: Work, url: string): Promise<void> {
    if (!this.retriever) return this.say(work, 'rag_failed', { url });
    try {
      await this.retriever.ensureConversationSource(work.turn.tenantId, url);
    } catch (error) {
      this.logger.warn({ tenantId: work.turn.tenantId, err: describeError(error) }, 'Page not usable');
      return this.say(work, 'rag_failed', { url });
    }
    work.ragUrl = url;
    this.say(work, 'rag_enabled', { url });
  }

  /** An LLM answer with the retrieved context; on a vendor failure, the apology and `llm.error`. */
  private async answer(work: Work, question: string): Promise<void> {
    const { tenant, turn } = work;
    const provider = this.providerFor(work);
    const model = this.providers.modelFor(tenant, provider);
    const context = await this.retrieve(work, question);
    const request = buildLlmRequest({
      tenantName: tenant.profile.name,
      systemPrompt: tenant.profile.llm.systemPrompt,
      leadName: work.leadName,
      question,
      history: turn.history,
      historyWindow: this.config.llm.historyWindow,
      context,
    });
    const started = performance.now();
    try {
      const answer = await this.providers.llmFor(tenant, provider).generate({ ...request, model });
      this.metrics.llmCalls.inc({ provider, result: 'ok' });
      this.metrics.llmDuration.observe({ provider }, answer.latencyMs / 1000);
      if (answer.promptTokens) this.metrics.llmTokens.inc({ provider, kind: 'prompt' }, answer.promptTokens);
      if (answer.completionTokens)
        this.metrics.llmTokens.inc({ provider, kind: 'completion' }, answer.completionTokens);
      work.replies.push({ type: 'text', text: withSources(answer.text, context) });
      work.llm = {
        provider,
        model: answer.model,
        latencyMs: answer.latencyMs,
        promptTokens: answer.promptTokens,
        completionTokens: answer.completionTokens,
        error: null,
      };
    } catch (error) {
      this.logger.warn(
        { tenantId: turn.tenantId, provider, err: describeError(error) },
        'LLM unavailable; apologising',
      );
      this.say(work, 'llm_unavailable');
      const latencyMs = Math.round(performance.now() - started);
      this.metrics.llmCalls.inc({ provider, result: llmResult(error) });
      this.metrics.llmDuration.observe({ provider }, latencyMs / 1000);
      work.llm = {
        provider,
        model,
        latencyMs,
        promptTokens: null,
        completionTokens: null,
        error: describeError(error),
      };
    }
  }

  /** The provider chosen with /set_llm while the tenant still allows it, else the tenant's default. */
  private providerFor(work: Work): LlmProviderName {
    const chosen = work.llmProvider;
    if (chosen && this.providers.switchable(work.tenant).includes(chosen)) return chosen;
    return work.tenant.profile.llm.provider;
  }

  private async retrieve(work: Work, question: string): Promise<RetrievedChunk[]> {
    if (!this.retriever) return [];
    try {
      return await this.retriever.retrieve({
        tenantId: work.turn.tenantId,
        question,
        conversationUrl: work.ragUrl,
        limit: RETRIEVAL_LIMIT,
      });
    } catch (error) {
      this.logger.warn({ tenantId: work.turn.tenantId, err: describeError(error) }, 'Retrieval failed');
      return [];
    }
  }

  private say(work: Work, key: BotTextKey, vars: BotTextVars = {}): void {
    work.replies.push({ type: 'text', text: botText(work.tenant.profile.botTexts, key, vars) });
  }
}

/** The `result` label of parley_llm_calls_total for a failed call. */
function llmResult(error: unknown): string {
  if (!(error instanceof LlmUnavailableError)) return 'error';
  if (error.status === 429) return 'rate_limited';
  if (error.status === 401 || error.status === 403) return 'auth_failed';
  if (error.status !== null && error.status >= 400 && error.status < 500) return 'rejected';
  if (error.status === null && /within \d+ ms/.test(error.message)) return 'timeout';
  return 'unavailable';
}
