/** Dashboard users, sessions and failed-login counters (migration 004_dashboard.sql). */
import type {
  DashboardSession,
  DashboardSessionRepo,
  DashboardUser,
  DashboardUserRepo,
  LoginThrottleRepo,
} from '../dashboard-types.js';
import type { Db } from './db.js';
import { duplicate, isUniqueViolation, notFound } from './pg-errors.js';
import { json } from './sql.js';

function userDuplicate(user: DashboardUser, cause: unknown) {
  const constraint = (cause as { constraint?: string }).constraint ?? '';
  return constraint.includes('email')
    ? duplicate('una cuenta con ese correo', 'An account with that email', cause)
    : duplicate(`un usuario con id ${user.id}`, `A user with id ${user.id}`, cause);
}

const normalized = (user: DashboardUser): DashboardUser => ({
  ...user,
  email: user.email.trim().toLowerCase(),
});

export function dashboardUserRepo(db: Db): DashboardUserRepo {
  const users = db.t('dashboard_users');
  return {
    async create(given) {
      const user = normalized(given);
      try {
        const [row] = await db.query<{ data: DashboardUser }>(
          `INSERT INTO ${users} (id, email_lower, merchant_id, data) VALUES ($1, $2, $3, $4::jsonb) RETURNING data`,
          [user.id, user.email, user.merchantId ?? null, json(user)],
        );
        return row!.data;
      } catch (error) {
        if (isUniqueViolation(error)) throw userDuplicate(user, error);
        throw error;
      }
    },

    async get(id) {
      const [row] = await db.query<{ data: DashboardUser }>(`SELECT data FROM ${users} WHERE id = $1`, [id]);
      return row?.data ?? null;
    },

    async findByEmail(email) {
      const [row] = await db.query<{ data: DashboardUser }>(
        `SELECT data FROM ${users} WHERE email_lower = $1`,
        [email.trim().toLowerCase()],
      );
      return row?.data ?? null;
    },

    async listByMerchant(merchantId) {
      const rows = await db.query<{ data: DashboardUser }>(
        `SELECT data FROM ${users} WHERE merchant_id = $1 ORDER BY pos`,
        [merchantId],
      );
      return rows.map((row) => row.data);
    },

    async update(given) {
      const user = normalized(given);
      try {
        const [row] = await db.query<{ data: DashboardUser }>(
          `UPDATE ${users} SET email_lower = $2, merchant_id = $3,
             data = $4::jsonb || jsonb_build_object('id', id, 'createdAt', data->'createdAt')
           WHERE id = $1 RETURNING data`,
          [user.id, user.email, user.merchantId ?? null, json(user)],
        );
        if (!row) throw notFound('el usuario', 'user', user.id);
        return row.data;
      } catch (error) {
        if (isUniqueViolation(error)) throw userDuplicate(user, error);
        throw error;
      }
    },
  };
}

export function dashboardSessionRepo(db: Db): DashboardSessionRepo {
  const sessions = db.t('dashboard_sessions');
  return {
    async create(session) {
      try {
        await db.query(
          `INSERT INTO ${sessions} (id, user_id, expires_at, data) VALUES ($1, $2, $3, $4::jsonb)`,
          [session.id, session.userId, session.expiresAt, json(session)],
        );
        return { ...session };
      } catch (error) {
        if (isUniqueViolation(error))
          throw duplicate('una sesión con ese id', 'A session with that id', error);
        throw error;
      }
    },

    async get(id, now) {
      const [row] = await db.query<{ data: DashboardSession }>(
        `SELECT data FROM ${sessions} WHERE id = $1 AND expires_at > $2`,
        [id, now],
      );
      return row?.data ?? null;
    },

    async delete(id) {
      await db.query(`DELETE FROM ${sessions} WHERE id = $1`, [id]);
    },

    async deleteByUser(userId) {
      await db.query(`DELETE FROM ${sessions} WHERE user_id = $1`, [userId]);
    },

    async deleteExpired(now) {
      const rows = await db.query(`DELETE FROM ${sessions} WHERE expires_at <= $1 RETURNING id`, [now]);
      return rows.length;
    },
  };
}

export function loginThrottleRepo(db: Db): LoginThrottleRepo {
  const failures = db.t('login_failures');
  return {
    async recordFailure(key, at) {
      await db.query(`INSERT INTO ${failures} (key, at) VALUES ($1, $2)`, [key, at]);
    },

    async failuresSince(key, since) {
      const rows = await db.query<{ at: string }>(
        `SELECT at FROM ${failures} WHERE key = $1 AND at >= $2 ORDER BY at, id`,
        [key, since],
      );
      return rows.map((row) => row.at);
    },

    async clear(key, before) {
      await db.query(`DELETE FROM ${failures} WHERE key = $1 OR at < $2`, [key, before]);
    },
  };
}
