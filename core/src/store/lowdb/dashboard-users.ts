/** Dashboard users: one global collection (`db/dashboard-users/`), indexed by id and lowercased email. */
import { join } from 'node:path';
import type { DashboardUser, DashboardUserRepo } from '../dashboard-types.js';
import { Chunked } from './chunked.js';
import type { Mutex } from './mutex.js';
import { copy, duplicate, notFound } from './shared.js';

const emailKey = (email: string) => email.trim().toLowerCase();

export async function dashboardUserRepo(dbDir: string, mutex: Mutex): Promise<DashboardUserRepo> {
  const records = await Chunked.load<DashboardUser>(join(dbDir, 'dashboard-users'));
  const byId = new Map<string, number>();
  const byEmail = new Map<string, number>();
  for (const [pos, user] of records.from()) {
    byId.set(user.id, pos);
    byEmail.set(emailKey(user.email), pos);
  }
  const takenEmail = () => duplicate('una cuenta con ese correo', 'An account with that email');

  return {
    create(given) {
      return mutex.run(async () => {
        const user = { ...copy(given), email: emailKey(given.email) };
        if (byId.has(user.id)) throw duplicate(`un usuario con id ${user.id}`, `A user with id ${user.id}`);
        if (byEmail.has(user.email)) throw takenEmail();
        const pos = await records.append(user);
        byId.set(user.id, pos);
        byEmail.set(user.email, pos);
        return copy(user);
      });
    },

    async get(id) {
      const pos = byId.get(id);
      const user = pos === undefined ? undefined : records.at(pos);
      return user ? copy(user) : null;
    },

    async findByEmail(email) {
      const pos = byEmail.get(emailKey(email));
      const user = pos === undefined ? undefined : records.at(pos);
      return user ? copy(user) : null;
    },

    async listByMerchant(merchantId) {
      return [...records.from()].filter(([, user]) => user.merchantId === merchantId).map(([, u]) => copy(u));
    },

    update(given) {
      return mutex.run(async () => {
        const pos = byId.get(given.id);
        const before = pos === undefined ? undefined : records.at(pos);
        if (pos === undefined || !before) throw notFound('el usuario', 'user', given.id);
        const user = { ...copy(given), email: emailKey(given.email), createdAt: before.createdAt };
        const owner = byEmail.get(user.email);
        if (owner !== undefined && owner !== pos) throw takenEmail();
        await records.replace(pos, user);
        byEmail.delete(emailKey(before.email));
        byEmail.set(user.email, pos);
        return copy(user);
      });
    },
  };
}
