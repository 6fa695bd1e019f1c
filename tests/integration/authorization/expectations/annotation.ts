import { admins, editors, signedIn, type AreaExpectations } from "../expect";

/**
 * Annotation (issue 5): spans, entities, claims, the story sidebar and
 * suggestions (read by every signed-in role, written by editors and admins),
 * and the taxonomy administration (admins only).
 */
export const expectations: AreaExpectations = {
  routes: {
    "GET /api/articles/[id]/spans": { outcomes: signedIn() },
    "POST /api/articles/[id]/spans/mutations": { outcomes: editors() },
    // A long article's spans past the first screens, which the reader fetches.
    "GET /api/articles/[id]/spans/later": { outcomes: signedIn(), search: "?from=0&revision=1" },
    "GET /api/spans/[id]/history": { outcomes: signedIn() },
    "GET /api/entities": { outcomes: signedIn(), search: "?q=kiel" },
    "POST /api/entities": { outcomes: editors() },
    "GET /api/entities/[id]": { outcomes: signedIn() },
    "PATCH /api/entities/[id]": { outcomes: editors() },
    "GET /api/claims": { outcomes: signedIn() },
    "POST /api/claims": { outcomes: editors() },
    "GET /api/claims/[id]": { outcomes: signedIn() },
    "PATCH /api/claims/[id]": { outcomes: editors() },
    "GET /api/stories/[id]/annotations": { outcomes: signedIn() },
    // The story's live changes (Server-Sent Events), for anyone who may read the story.
    "GET /api/stories/[id]/events": { outcomes: signedIn() },
    // Presence heartbeats: anyone reading the story is shown to the others.
    "POST /api/stories/[id]/presence": { outcomes: signedIn(), body: { tabId: "tab-authorization" } },
    "GET /api/stories/[id]/suggestions": { outcomes: signedIn() },
    // Rejecting a suggestion is a review decision (annotation.review).
    "POST /api/stories/[id]/suggestions/rejections": { outcomes: editors() },
    "DELETE /api/stories/[id]/suggestions/rejections": { outcomes: editors() },
    "GET /api/taxonomy": { outcomes: signedIn() },
  },
  actions: {
    "(app)/entities/[id]/actions.ts#renameEntityAction": { outcomes: editors() },
    "(app)/entities/[id]/actions.ts#mergeEntityAction": { outcomes: editors() },
    "(app)/admin/labels/actions.ts#createLabelAction": { outcomes: admins() },
    "(app)/admin/labels/actions.ts#updateLabelAction": { outcomes: admins() },
    "(app)/admin/labels/actions.ts#moveLabelAction": { outcomes: admins() },
    "(app)/admin/labels/actions.ts#archiveLabelAction": { outcomes: admins() },
    "(app)/admin/labels/actions.ts#restoreLabelAction": { outcomes: admins() },
    "(app)/admin/labels/actions.ts#deleteLabelAction": { outcomes: admins() },
    "(app)/admin/verdicts/actions.ts#createVerdictAction": { outcomes: admins() },
    "(app)/admin/verdicts/actions.ts#updateVerdictAction": { outcomes: admins() },
    "(app)/admin/verdicts/actions.ts#moveVerdictAction": { outcomes: admins() },
    "(app)/admin/verdicts/actions.ts#archiveVerdictAction": { outcomes: admins() },
    "(app)/admin/verdicts/actions.ts#restoreVerdictAction": { outcomes: admins() },
    "(app)/admin/verdicts/actions.ts#deleteVerdictAction": { outcomes: admins() },
  },
};
