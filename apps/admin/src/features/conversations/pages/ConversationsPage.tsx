import { DEFAULT_PAGE_SIZE } from '@parley/shared-types';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { paths } from '../../../app/paths';
import { Card } from '../../../components/Card';
import { PageHeader } from '../../../components/PageHeader';
import { Pagination } from '../../../components/Pagination';
import { EmptyState, QueryView } from '../../../components/States';
import { useDebouncedValue } from '../../../hooks/useDebouncedValue';
import { useConversations } from '../api/conversations';
import { ConversationList } from '../components/ConversationList';
import { MessageThread } from '../components/MessageThread';

export function ConversationsPage() {
  const { id } = useParams<{ id: string }>();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const debounced = useDebouncedValue(search.trim(), 300);
  const conversations = useConversations({
    page,
    page_size: DEFAULT_PAGE_SIZE,
    search: debounced || undefined,
  });
  const selected = conversations.data?.items.find((c) => c.id === id);

  return (
    <>
      <PageHeader
        title="Conversations"
        description="Who talked to the bot, and every message with its delivery."
      />
      <div className={`conversations-layout ${id ? 'conversations-open' : ''}`}>
        <Card className="conversations-list-card">
          <label className="field">
            <span className="visually-hidden">Search conversations</span>
            <input
              type="search"
              placeholder="Search name or number"
              value={search}
              onChange={(e) => {
                setSearch(e.target.value);
                setPage(1);
              }}
            />
          </label>
          <QueryView query={conversations} loadingLabel="Loading conversations…">
            {(found) =>
              found.items.length === 0 ? (
                <EmptyState title={debounced ? 'No conversation matches' : 'No conversations yet'}>
                  {debounced
                    ? 'Try another name or number.'
                    : 'When someone writes to your WhatsApp number, or you chat in the playground, it shows here.'}
                </EmptyState>
              ) : (
                <>
                  <ConversationList conversations={found.items} />
                  {found.total > found.page_size && (
                    <Pagination
                      page={found.page}
                      pageSize={found.page_size}
                      total={found.total}
                      onPage={setPage}
                      noun="conversations"
                    />
                  )}
                </>
              )
            }
          </QueryView>
        </Card>
        <Card className="conversations-thread-card">
          {id ? (
            <>
              <Link to={paths.conversations} className="link-button thread-back">
                ← All conversations
              </Link>
              <MessageThread key={id} conversationId={id} summary={selected} />
            </>
          ) : (
            <EmptyState title="Choose a conversation">Its messages and their delivery show here.</EmptyState>
          )}
        </Card>
      </div>
    </>
  );
}
