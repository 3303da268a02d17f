/** Locals every dashboard page gets: the nav section, the title and the formatters of its language. */
import type { Context } from 'koa';
import type { Lang } from '../web/i18n.js';
import { formatters } from './format.js';

export function pageLocals(ctx: Context, section: string, title: string): Record<string, unknown> {
  return { section, title, fmt: formatters((ctx.state.lang as Lang | undefined) ?? 'es') };
}
