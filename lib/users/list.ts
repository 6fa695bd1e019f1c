/** The admin console's user list: search, filters, and what each row shows. */
import type { Db, Prisma } from "../db";
import { AppError } from "../errors";
import type { Role } from "../generated/prisma/enums";

export interface UserQuery {
  /** Substring of the e-mail or the name, case-insensitive. */
  q?: string;
  role?: Role;
  status?: "active" | "disabled";
  page?: number;
  pageSize?: number;
}

/**
 * What the list and the detail page both show of an account. The password
 * hash is read only to tell whether there is one (hasPassword); it never
 * leaves this module.
 */
const USER_ROW_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabledAt: true,
  lastSignInAt: true,
  createdAt: true,
  passwordHash: true,
} as const satisfies Prisma.UserSelect;

export async function listUsers(db: Db, query: UserQuery = {}) {
  const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 200);
  const page = Math.max(query.page ?? 1, 1);
  const q = query.q?.trim();
  const where: Prisma.UserWhereInput = {
    ...(q
      ? { OR: [{ email: { contains: q, mode: "insensitive" } }, { name: { contains: q, mode: "insensitive" } }] }
      : {}),
    ...(query.role ? { role: query.role } : {}),
    ...(query.status === "active"
      ? { disabledAt: null }
      : query.status === "disabled"
        ? { disabledAt: { not: null } }
        : {}),
  };
  const [total, users] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ disabledAt: { sort: "asc", nulls: "first" } }, { email: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { ...USER_ROW_SELECT, _count: { select: { identities: true } } },
    }),
  ]);
  return {
    total,
    page,
    pageSize,
    users: users.map(({ passwordHash, _count, ...u }) => ({
      ...u,
      hasPassword: passwordHash !== null,
      sso: _count.identities > 0,
    })),
  };
}

export async function getUserDetail(db: Db, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: {
      ...USER_ROW_SELECT,
      mustSetPassword: true,
      identities: { select: { issuer: true, createdAt: true } },
      passwordTokens: {
        where: { usedAt: null, expiresAt: { gt: new Date() } },
        select: { purpose: true, expiresAt: true },
        orderBy: { createdAt: "desc" },
        take: 1,
      },
      _count: {
        select: {
          sessions: { where: { revokedAt: null, expiresAt: { gt: new Date() } } },
          apiTokens: { where: { revokedAt: null } },
        },
      },
    },
  });
  if (!user) return null;
  const { passwordHash, passwordTokens, _count, ...rest } = user;
  return {
    ...rest,
    hasPassword: passwordHash !== null,
    pendingLink: passwordTokens[0] ?? null,
    activeSessions: _count.sessions,
    activeTokens: _count.apiTokens,
  };
}

/** The account with this e-mail (any case), for tools that name people by e-mail. */
export async function userByEmail(db: Db, email: string) {
  const normalized = email.trim().toLowerCase();
  const user = await db.user.findUnique({
    where: { email: normalized },
    select: { id: true, email: true, name: true, role: true, disabledAt: true },
  });
  if (!user) throw new AppError("NOT_FOUND", `There is no account for ${normalized}.`, 404);
  return user;
}
