export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;
