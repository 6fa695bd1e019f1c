"use server";

import { z } from "zod";
import { db } from "@/lib/db";
import { action } from "@/lib/http/action";
import { mergeEntities, renameEntity } from "@/lib/annotation/entity-changes";
import { entityUpdateInput } from "@/lib/annotation/schemas";

const entityName = entityUpdateInput.shape.name.unwrap();

/** A new canonical name for an entity (the old one stays as an alias). */
export const renameEntityAction = action(
  { permission: "annotation.write" },
  z.object({ id: z.uuid("Unknown entity."), name: entityName }),
  async (input, { user }) => {
    const entity = await renameEntity(db, { id: user.id, email: user.email }, input);
    return { name: entity.name };
  },
);

/** Merges `absorbId` into `keepId`: its spans, claims and aliases move, and it is deleted. */
export const mergeEntityAction = action(
  { permission: "annotation.write" },
  z.object({ keepId: z.uuid("Unknown entity."), absorbId: z.uuid("Unknown entity.") }),
  async (input, { user }) => {
    const { entity, spans, claims } = await mergeEntities(db, { id: user.id, email: user.email }, input);
    return { name: entity.name, spans, claims };
  },
);
