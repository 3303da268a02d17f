/**
 * Dashboard sessions and failed-login counters: small, short-lived state, each kept in one durable file
 * (`db/dashboard-sessions.json`, `db/login-failures.json`) that sheds expired entries on every write, so
 * its size follows the number of people logged in, not the history.
 */
import { join } from 'node:path';
import { Low } from 'lowdb';
import type { DashboardSession, DashboardSessionRepo, LoginThrottleRepo } from '../dashboard-types.js';
import { DurableJsonFile } from './json-file.js';
import type { Mutex } from './mutex.js';
import { copy, duplicate } from './shared.js';

async function load<T>(path: string, empty: T): Promise<Low<T>> {
  const file = new Low<T>(new DurableJsonFile(path), empty);
  await file.read();
  return file;
}

async function save<T>(file: Low<T>, next: T): Promise<void> {
  await file.adapter.write(next);
  file.data = next;
}

export async function dashboardSessionRepo(dbDir: string, mutex: Mutex): Promise<DashboardSessionRepo> {
  const file = await load<Record<string, DashboardSession>>(join(dbDir, 'dashboard-sessions.json'), {});
  const keep = (all: Record<string, DashboardSession>, drop: (s: DashboardSession) => boolean) =>
    Object.fromEntries(Object.entries(all).filter(([, session]) => !drop(session)));

  return {
    create(given) {
      return mutex.run(async () => {
        if (file.data[given.id]) throw duplicate('una sesión con ese id', 'A session with that id');
        const live = keep(file.data, (session) => session.expiresAt <= given.createdAt);
        await save(file, { ...live, [given.id]: copy(given) });
        return copy(given);
      });
    },

    async get(id, now) {
      const session = Object.hasOwn(file.data, id) ? file.data[id] : undefined;
      return session && session.expiresAt > now ? copy(session) : null;
    },

    delete(id) {
      return mutex.run(async () => {
        if (Object.hasOwn(file.data, id))
          await save(
            file,
            keep(file.data, (session) => session.id === id),
          );
      });
    },

    deleteByUser(userId) {
      return mutex.run(async () => {
        const next = keep(file.data, (session) => session.userId === userId);
        if (Object.keys(next).length !== Object.keys(file.data).length) await save(file, next);
      });
    },

    deleteExpired(now) {
      return mutex.run(async () => {
        const next = keep(file.data, (session) => session.expiresAt <= now);
        const removed = Object.keys(file.data).length - Object.keys(next).length;
        if (removed > 0) await save(file, next);
        return removed;
      });
    },
  };
}

export async function loginThrottleRepo(dbDir: string, mutex: Mutex): Promise<LoginThrottleRepo> {
  const file = await load<Record<string, string[]>>(join(dbDir, 'login-failures.json'), {});

  return {
    recordFailure(key, at) {
      return mutex.run(async () => {
        const list = [...(file.data[key] ?? []), at].sort();
        await save(file, { ...file.data, [key]: list });
      });
    },

    async failuresSince(key, since) {
      const list = Object.hasOwn(file.data, key) ? (file.data[key] ?? []) : [];
      return list.filter((at) => at >= since);
    },

    clear(key, before) {
      return mutex.run(async () => {
        const next: Record<string, string[]> = {};
        for (const [other, list] of Object.entries(file.data)) {
          const kept = other === key ? [] : list.filter((at) => at >= before);
          if (kept.length > 0) next[other] = kept;
        }
        await save(file, next);
      });
    },
  };
}
