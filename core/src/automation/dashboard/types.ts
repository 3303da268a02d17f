/** The facade's merchant-dashboard use cases (contracts.md, H4); `Autofactura` extends this. */
import type { DashboardUser } from '../../store/dashboard-types.js';
import type { ApiKeyRecord, Merchant } from '../../store/types.js';
import type { CreatedMerchant, CreateMerchantInput } from '../types.js';
import type { DashboardIdentity, LoginResult } from './auth.js';
import type { LogoInput } from './logo.js';
import type { MerchantPatch } from './merchant-patch.js';
import type { PacCredentials } from './pac-choice.js';

export type { DashboardIdentity, LoginResult, LogoInput, MerchantPatch, PacCredentials };

export interface DashboardUseCases {
  /** Sign-up (no merchant yet) or a login for an existing merchant; scrypt-hashed password. */
  createDashboardUser(input: {
    email: string;
    password: string;
    merchantId?: string;
  }): Promise<DashboardUser>;
  /** Checks the password with lockout (5 per account / 20 per IP in 15 min) and opens a session. */
  login(input: { email: string; password: string; ip: string }): Promise<LoginResult>;
  dashboardSession(token: string): Promise<DashboardIdentity | null>;
  logout(token: string): Promise<void>;
  /** Onboarding: the signed-up user's CSD creates their merchant. */
  onboardMerchant(userId: string, input: CreateMerchantInput): Promise<CreatedMerchant>;
  updateMerchant(merchantId: string, patch: MerchantPatch): Promise<Merchant>;
  replaceCsd(
    merchantId: string,
    input: { certificate: Buffer; privateKey: Buffer; password: string },
  ): Promise<Merchant>;
  /** PNG or JPEG up to LOGO_MAX_BYTES, checked by its bytes (not its name); null removes it. */
  setMerchantLogo(merchantId: string, logo: LogoInput | null): Promise<Merchant>;
  merchantLogo(merchantId: string): Promise<{ data: Buffer; contentType: string } | null>;
  createApiKey(
    merchantId: string,
    mode: 'test' | 'live',
  ): Promise<{ key: string; record: ApiKeyRecord; merchant: Merchant }>;
  revokeApiKey(merchantId: string, keyId: string): Promise<Merchant>;
  setMerchantSecret(merchantId: string, name: string, value: string | null): Promise<Merchant>;
  /** The self-invoice link of an open receipt (to copy and send again), or null. */
  receiptLink(merchantId: string, receiptId: string): Promise<string | null>;
  /** Who stamps: the server's sandbox, or Finkok/SW with the merchant's own (encrypted) credentials. */
  setMerchantPac(
    merchantId: string,
    choice: 'sandbox' | 'finkok' | 'sw',
    credentials?: PacCredentials,
  ): Promise<Merchant>;
}
