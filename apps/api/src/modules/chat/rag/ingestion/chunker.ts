import { Document } from '@langchain/core/documents';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';

export interface PageChunk {
  url: string;
  title: string | null;
  text: string;
}

/** Around a paragraph or two: small enough to be precise, large enough to carry context. */
const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 1000, chunkOverlap: 150 });

/** Splits a page into overlapping chunks; each keeps the page's URL and title for citations. */
export async function chunkPage(page: {
  url: string;
  title: string | null;
  text: string;
}): Promise<PageChunk[]> {
  if (!page.text.trim()) return [];
  const documents = await splitter.splitDocuments([
    new Document({ pageContent: page.text, metadata: { url: page.url, title: page.title } }),
  ]);
  return documents
    .map((doc) => doc.pageContent.trim())
    .filter((text) => text.length > 0)
    .map((text) => ({ url: page.url, title: page.title, text }));
}
