import { editors, type AreaExpectations } from "../expect";

/**
 * The side-by-side reader (issue 4): its page is read by every signed-in
 * role (requirePage story.read); correcting the paragraph alignment is an
 * editor's job (alignment.edit).
 */
export const expectations: AreaExpectations = {
  routes: {},
  actions: {
    "(app)/stories/[key]/actions.ts#saveAlignmentAction": { outcomes: editors() },
    "(app)/stories/[key]/actions.ts#renameStoryAction": { outcomes: editors() },
  },
};
