import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { db } from "../db";
import { resolveRequestUser } from "./request-user";
import type { CurrentUser } from "./sessions";

/** The user making the current request (page, server action or route handler), resolved once per request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => resolveRequestUser(db, await headers()));
