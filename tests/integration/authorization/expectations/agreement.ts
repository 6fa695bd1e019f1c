import { editors, signedIn, type AreaExpectations } from "../expect";

/**
 * Independent annotation and agreement: assignments (made by editors and
 * admins, read by everyone signed in; an annotator marks their own done).
 */
export const expectations: AreaExpectations = {
  routes: {
    "GET /api/stories/[id]/assignments": { outcomes: signedIn() },
    "POST /api/stories/[id]/assignments": { outcomes: editors() },
    "GET /api/assignments": { outcomes: editors() },
    "PATCH /api/assignments/[id]": { outcomes: editors() },
    // Shows every independent annotator's figures: for those who manage assignments.
    "POST /api/stories/[id]/curation": { outcomes: editors() },
    "GET /api/agreement": { outcomes: editors(), search: "?story=no-such-story" },
  },
  actions: {},
};
