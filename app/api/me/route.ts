import { NextResponse } from "next/server";
import { permissionsOf } from "@/lib/authz/policy";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Who the caller is: lets a script check its API token (and the role it acts with). */
export const GET = route("signed-in", async (_req, { user }) => {
  const me = user!;
  return NextResponse.json({
    id: me.id,
    email: me.email,
    name: me.name,
    role: me.role,
    via: me.via,
    permissions: permissionsOf(me.role),
  });
});
