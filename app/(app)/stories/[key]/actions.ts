"use server";

import { z } from "zod";
import { db } from "@/lib/db";
import { action } from "@/lib/http/action";
import { saveAlignmentCorrection } from "@/lib/alignment/store";
import { renameStory, storyTitle } from "@/lib/stories/rename";

const pair = z.tuple([z.int().min(0).nullable(), z.int().min(0).nullable()]);

/** An editor's correction of the paragraph alignment of two versions (the whole alignment as left). */
export const saveAlignmentAction = action(
  { permission: "alignment.edit" },
  z.object({ articleAId: z.uuid(), articleBId: z.uuid(), pairs: z.array(pair).max(100_000) }),
  async (input, { user }) => {
    const result = await saveAlignmentCorrection(db, { ...input, actor: { id: user.id } });
    return {
      beads: result.beads.map(({ a, b, source }) => ({ a, b, source })),
      corrected: result.correction !== null,
    };
  },
);

/** A new title for a story; its key (links, exports, imports) stays. */
export const renameStoryAction = action(
  { permission: "article.revise" },
  z.object({ id: z.uuid("Unknown story."), name: storyTitle }),
  async ({ id, name }, { user }) => {
    const story = await renameStory(db, { id: user.id, email: user.email }, { storyId: id, title: name });
    return { title: story.title };
  },
);
