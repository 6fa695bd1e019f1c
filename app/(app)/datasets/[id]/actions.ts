"use server";

import { z } from "zod";
import { db } from "@/lib/db";
import { retireSnapshot } from "@/lib/export";
import { action } from "@/lib/http/action";

/** Retires a dataset snapshot: no longer listed, kept on disk and downloadable by its link, audited. */
export const retireSnapshotAction = action(
  { permission: "snapshot.retire" },
  z.object({ id: z.uuid("Unknown dataset snapshot.") }),
  async ({ id }, { user }) => {
    const snapshot = await retireSnapshot(db, { id }, { id: user.id, email: user.email });
    return { retiredAt: snapshot.retiredAt!.toISOString() };
  },
);
