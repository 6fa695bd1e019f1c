import { z } from "zod";

export const ROLES = ["ADMIN", "EDITOR", "VIEWER"] as const;

export const roleSchema = z.enum(ROLES, { error: "Choose a role: ADMIN, EDITOR or VIEWER." });

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(320, "That e-mail address is too long.")
  .pipe(z.email({ error: "Enter a valid e-mail address." }));

export const newUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, "Enter the person's name.").max(200, "That name is too long."),
  role: roleSchema,
});

export type NewUser = z.infer<typeof newUserSchema>;
