/** A webhook's body as the exact bytes sent (signatures cover them), bounded at 1 MB. */
import type { Context } from 'koa';
import { apiError } from '../http-error.js';

export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

export async function rawBody(ctx: Context): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > MAX_WEBHOOK_BODY_BYTES) {
      throw apiError(
        413,
        'BODY_TOO_LARGE',
        'El cuerpo del evento excede 1 MB.',
        'The event body exceeds 1 MB.',
      );
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
