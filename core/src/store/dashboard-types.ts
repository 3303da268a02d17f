/**
 * Storage port for the merchant dashboard (issue #5): its users, their sessions and the failed-login
 * counters behind the lockout. Same rules as types.ts: copies in and out, ISO UTC strings, `null` for
 * "not found", StoreError codes for broken invariants. Passwords and session tokens reach the store
 * only hashed (scrypt for passwords, sha256 for the 256-bit session tokens).
 */
import type { Iso } from './types.js';

export interface DashboardUser {
  id: string;
  /** Absent between sign-up and the CSD upload of onboarding, which creates the merchant. */
  merchantId?: string;
  /** Lowercased and trimmed; unique across the store. */
  email: string;
  /** `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>` (core/src/automation/password.ts). */
  passwordHash: string;
  lastLoginAt?: Iso;
  createdAt: Iso;
  updatedAt: Iso;
}

export interface DashboardUserRepo {
  /** Throws STORE_DUPLICATE when the id or the (lowercased) email exists. */
  create(user: DashboardUser): Promise<DashboardUser>;
  get(id: string): Promise<DashboardUser | null>;
  /** Case-insensitive. */
  findByEmail(email: string): Promise<DashboardUser | null>;
  /** The merchant's users, oldest first. */
  listByMerchant(merchantId: string): Promise<DashboardUser[]>;
  /** Replaces the record (id and createdAt kept); STORE_NOT_FOUND for an unknown id, STORE_DUPLICATE for a taken email. */
  update(user: DashboardUser): Promise<DashboardUser>;
}

export interface DashboardSession {
  /** sha256 hex of the session token; the token itself lives only in the browser's cookie. */
  id: string;
  userId: string;
  createdAt: Iso;
  /** Absolute end; a session is never valid at or after it. */
  expiresAt: Iso;
}

export interface DashboardSessionRepo {
  /** Throws STORE_DUPLICATE for an existing id. */
  create(session: DashboardSession): Promise<DashboardSession>;
  /** The session, or null when unknown or expired at `now`. */
  get(id: string, now: Iso): Promise<DashboardSession | null>;
  delete(id: string): Promise<void>;
  /** Ends every session of a user (password change). */
  deleteByUser(userId: string): Promise<void>;
  /** Forgets sessions expired at `now`; returns how many. */
  deleteExpired(now: Iso): Promise<number>;
}

export interface LoginThrottleRepo {
  /** Counts one failed attempt under `key` ("email:<address>", "ip:<address>") at `at`. */
  recordFailure(key: string, at: Iso): Promise<void>;
  /** Failed attempts under `key` at or after `since`, oldest first. */
  failuresSince(key: string, since: Iso): Promise<Iso[]>;
  /** Forgets the failures of `key` (a successful login) and every failure older than `before` (all keys). */
  clear(key: string, before: Iso): Promise<void>;
}
