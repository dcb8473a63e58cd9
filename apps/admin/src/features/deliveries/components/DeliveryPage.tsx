import type { ReactNode } from 'react';
import { PageHeader } from '../../../components/PageHeader';
import type { DeliveryKind } from '../lib/kinds';
import { DeliveryDialog, type DeliveryFact, type DeliveryText } from './DeliveryDialog';
import { DeliveryList, type Column } from './DeliveryList';

/**
 * A platform page of stored deliveries (unrouted webhooks, dead letters): the paged list, and a
 * row's dialog with its facts, masked payload, replay and discard. Pages only say what differs.
 */
export function DeliveryPage<T extends { id: string; payload?: unknown }>({
  kind,
  title,
  description,
  noun,
  columns,
  empty,
  dialogTitle,
  text,
  facts,
}: {
  kind: DeliveryKind;
  title: string;
  description: ReactNode;
  /** Plural, for the list: "unrouted webhooks". */
  noun: string;
  columns: Column<T>[];
  empty: { title: string; body: string };
  dialogTitle: (item: T | null) => string;
  text: DeliveryText;
  facts: (item: T) => DeliveryFact[];
}) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <DeliveryList<T>
        kind={kind}
        noun={noun}
        columns={columns}
        empty={empty}
        inspect={(item, close) => (
          <DeliveryDialog<T>
            kind={kind}
            id={item?.id ?? null}
            title={dialogTitle(item)}
            text={text}
            facts={facts}
            onClose={close}
          />
        )}
      />
    </>
  );
}
