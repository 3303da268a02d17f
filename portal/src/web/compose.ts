/** Runs middleware in order as one (koa-compose semantics, for the few places we group them). */
import type { Context, Next } from 'koa';

type Middleware = (ctx: Context, next: Next) => Promise<void> | void;

export function composeMiddleware(stack: Middleware[]) {
  return (ctx: Context, next: Next): Promise<void> => {
    const run = async (i: number): Promise<void> => {
      if (i === stack.length) return next();
      await stack[i]!(ctx, () => run(i + 1));
    };
    return run(0);
  };
}
