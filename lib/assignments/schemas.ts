/** Request bodies of the assignment API. */
import { z } from "zod";

export const assignBody = z.object({
  languages: z.array(z.string().min(1).max(35)).max(50).optional(),
  userIds: z.array(z.uuid()).min(1).max(50),
  mode: z.enum(["COLLABORATIVE", "INDEPENDENT"]),
  dueAt: z.iso.date().nullable().optional(),
});

export const assignmentPatch = z.union([
  z.object({ status: z.enum(["DONE", "IN_PROGRESS"]) }).strict(),
  z.object({ userId: z.uuid() }).strict(),
]);
