import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/lib/db";
import { readJson } from "@/lib/http/input";
import { route } from "@/lib/http/route";
import { newUserSchema, roleSchema } from "@/lib/users/input";
import { listUsers } from "@/lib/users/list";
import { createUser } from "@/lib/users/manage";

export const dynamic = "force-dynamic";

const listQuery = z.object({
  q: z.string().max(200).optional(),
  role: roleSchema.optional(),
  status: z.enum(["active", "disabled"]).optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
});

/** Lists accounts, for provisioning scripts (`?q=&role=&status=&page=&pageSize=`). */
export const GET = route({ permission: "user.manage" }, async (req) => {
  const query = listQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  const result = await listUsers(db, query);
  return NextResponse.json(result);
});

/**
 * Creates an account: `{"email", "name", "role"}` → 201 with a one-time
 * set-password link to hand to the person (it is not stored).
 */
export const POST = route({ permission: "user.manage" }, async (req, { user }) => {
  const input = newUserSchema.parse(await readJson(req));
  const created = await createUser(db, user!, input);
  return NextResponse.json(created, { status: 201 });
});
