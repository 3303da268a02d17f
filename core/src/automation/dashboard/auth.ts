/**
 * Dashboard accounts: sign-up, login with lockout, server-side sessions, logout.
 *
 * - Lockout: LOCKOUT.perAccount failures for one email, or LOCKOUT.perIp from one address, within
 *   LOCKOUT.windowMinutes refuse further attempts until the window moves on. Failures are counted for
 *   unknown emails too, so the lockout itself reveals nothing about which accounts exist.
 * - Sessions: a 256-bit random token in the cookie; the store keeps only its sha256, with an absolute
 *   expiry of SESSION_HOURS. Logout deletes the record, so the cookie is worthless afterwards.
 */
import { AutofacturaError, isAutofacturaError } from '../../errors.js';
import type { DashboardSession, DashboardUser } from '../../store/dashboard-types.js';
import type { Merchant } from '../../store/types.js';
import type { Context } from '../context.js';
import { newId } from '../ids.js';
import { randomToken, tokenHash } from '../tokens.js';
import { LOCKOUT, loginFailed, loginLocked, signupInvalid, signupRefused } from './auth-errors.js';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './password.js';

export const SESSION_HOURS = 12;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[A-Za-z]{2,}$/;
const MAX_PASSWORD = 256;

export interface DashboardIdentity {
  user: DashboardUser;
  /** null until onboarding created the merchant. */
  merchant: Merchant | null;
  session: DashboardSession;
}

export interface LoginResult {
  user: DashboardUser;
  /** The cookie value; shown to nobody else and stored only hashed. */
  token: string;
  expiresAt: string;
}

function checkCredentials(email: string, password: string): void {
  if (!EMAIL.test(email) || email.length > 254) throw signupInvalid('email');
  if (password.length < 10 || password.length > MAX_PASSWORD || password.toLowerCase() === email) {
    throw signupInvalid('password');
  }
}

export async function createDashboardUser(
  ctx: Context,
  input: { email: string; password: string; merchantId?: string },
): Promise<DashboardUser> {
  const email = String(input.email ?? '')
    .trim()
    .toLowerCase();
  const password = String(input.password ?? '');
  checkCredentials(email, password);
  const at = ctx.clock.now().toISOString();
  try {
    return await ctx.store.dashboardUsers.create({
      id: newId('usr'),
      email,
      passwordHash: await hashPassword(password),
      ...(input.merchantId ? { merchantId: input.merchantId } : {}),
      createdAt: at,
      updatedAt: at,
    });
  } catch (error) {
    if (isAutofacturaError(error) && error.code === 'STORE_DUPLICATE') throw signupRefused();
    throw error;
  }
}

export async function login(
  ctx: Context,
  input: { email: string; password: string; ip: string },
): Promise<LoginResult> {
  const email = String(input.email ?? '')
    .trim()
    .toLowerCase();
  const password = String(input.password ?? '').slice(0, MAX_PASSWORD);
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - LOCKOUT.windowMinutes * 60_000).toISOString();
  const keys = { account: `email:${email}`, ip: `ip:${input.ip}` };
  const [accountFailures, ipFailures] = await Promise.all([
    ctx.store.loginThrottle.failuresSince(keys.account, since),
    ctx.store.loginThrottle.failuresSince(keys.ip, since),
  ]);
  const blocking =
    accountFailures.length >= LOCKOUT.perAccount
      ? accountFailures[accountFailures.length - LOCKOUT.perAccount]
      : ipFailures.length >= LOCKOUT.perIp
        ? ipFailures[ipFailures.length - LOCKOUT.perIp]
        : undefined;
  if (blocking) {
    const freeAt = Date.parse(blocking) + LOCKOUT.windowMinutes * 60_000;
    throw loginLocked(Math.max(1, Math.ceil((freeAt - now.getTime()) / 60_000)));
  }
  const user = await ctx.store.dashboardUsers.findByEmail(email);
  const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !matches) {
    const at = now.toISOString();
    await ctx.store.loginThrottle.recordFailure(keys.account, at);
    await ctx.store.loginThrottle.recordFailure(keys.ip, at);
    ctx.logger.warn('dashboard login failed', { ip: input.ip });
    throw loginFailed();
  }
  await ctx.store.loginThrottle.clear(keys.account, since);
  const at = now.toISOString();
  const updated = await ctx.store.dashboardUsers.update({
    ...user,
    ...(needsRehash(user.passwordHash) ? { passwordHash: await hashPassword(password) } : {}),
    lastLoginAt: at,
    updatedAt: at,
  });
  await ctx.store.dashboardSessions.deleteExpired(at);
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  await ctx.store.dashboardSessions.create({
    id: tokenHash(token),
    userId: user.id,
    createdAt: at,
    expiresAt,
  });
  return { user: updated, token, expiresAt };
}

/** The user (and merchant) behind a session cookie, or null when unknown, expired or logged out. */
export async function dashboardSession(ctx: Context, token: string): Promise<DashboardIdentity | null> {
  if (typeof token !== 'string' || token.length < 32 || token.length > 128) return null;
  const session = await ctx.store.dashboardSessions.get(tokenHash(token), ctx.clock.now().toISOString());
  if (!session) return null;
  const user = await ctx.store.dashboardUsers.get(session.userId);
  if (!user) return null;
  const merchant = user.merchantId ? await ctx.store.merchants.get(user.merchantId) : null;
  return { user, merchant, session };
}

export async function logout(ctx: Context, token: string): Promise<void> {
  if (typeof token === 'string' && token.length > 0)
    await ctx.store.dashboardSessions.delete(tokenHash(token));
}

/** Links a user who signed up to the merchant their onboarding just created. */
export async function linkDashboardUser(
  ctx: Context,
  userId: string,
  merchantId: string,
): Promise<DashboardUser> {
  const user = await ctx.store.dashboardUsers.get(userId);
  if (!user)
    throw new AutofacturaError({
      code: 'USER_NOT_FOUND',
      status: 404,
      message: 'No existe el usuario.',
      messageEn: 'No such user.',
    });
  if (user.merchantId && user.merchantId !== merchantId) {
    throw new AutofacturaError({
      code: 'USER_HAS_MERCHANT',
      status: 409,
      message: 'Esta cuenta ya pertenece a un comercio.',
      messageEn: 'This account already belongs to a merchant.',
    });
  }
  return ctx.store.dashboardUsers.update({ ...user, merchantId, updatedAt: ctx.clock.now().toISOString() });
}
