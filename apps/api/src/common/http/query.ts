import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page } from '@parley/shared-types';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `?page=&page_size=` with sane bounds, for every list endpoint. */
export class PageQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number' })
  @Min(1)
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page_size must be a whole number' })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  page_size?: number;
}

export function pageWindow(query: PageQueryDto): { page: number; pageSize: number; offset: number } {
  const page = query.page ?? 1;
  const pageSize = query.page_size ?? DEFAULT_PAGE_SIZE;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

export function toPage<T>(items: T[], total: number, query: PageQueryDto): Page<T> {
  const { page, pageSize } = pageWindow(query);
  return { items, total, page, page_size: pageSize };
}

/** Query strings carry "true"/"false"; anything else stays as is and fails @IsBoolean. */
export const BooleanQuery = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));
