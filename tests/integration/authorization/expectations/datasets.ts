import { admins, editors, signedIn, type AreaExpectations } from "../expect";

/**
 * The story list and datasets (issues 4 and 6): every signed-in role reads
 * stories, runs exports and downloads dataset snapshots; only editors and
 * admins freeze a snapshot.
 */
export const expectations: AreaExpectations = {
  routes: {
    "GET /api/stories": { outcomes: signedIn(), search: "?q=varnhamn&language=sv" },
    "POST /api/export": { outcomes: signedIn() },
    "POST /api/export/preview": { outcomes: signedIn(), body: { filter: { languages: ["not a tag!"] } } },
    "GET /api/exports": { outcomes: signedIn() },
    "POST /api/exports": { outcomes: signedIn() },
    "GET /api/exports/[id]": { outcomes: signedIn() },
    "GET /api/exports/[id]/file": { outcomes: signedIn() },
    "GET /api/datasets": { outcomes: signedIn() },
    "POST /api/datasets": { outcomes: editors() },
    "GET /api/datasets/[id]": { outcomes: signedIn() },
    "GET /api/datasets/[id]/file": { outcomes: signedIn() },
    "GET /api/datasets/[id]/verification": { outcomes: signedIn() },
    // The agreement report frozen with a snapshot: for those who read the live one.
    "GET /api/datasets/[id]/agreement": { outcomes: editors() },
  },
  actions: {
    "(app)/datasets/[id]/actions.ts#retireSnapshotAction": { outcomes: admins() },
  },
};
