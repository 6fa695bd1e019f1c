import { editors, type AreaExpectations } from "../expect";

/**
 * Import (issue 4): the /import page's API and article revisions — editors
 * and admins (article.import, article.revise).
 */
export const expectations: AreaExpectations = {
  routes: {
    // The matrix posts {} as JSON: past authorization it is refused as invalid input (400).
    "POST /api/import": { outcomes: editors() },
    // The caller's import jobs; a random job id is a 404 past authorization.
    "GET /api/imports": { outcomes: editors() },
    "GET /api/imports/[id]": { outcomes: editors() },
    // A random article id: past authorization the body {} is invalid (400).
    "POST /api/articles/[id]/revisions": { outcomes: editors() },
  },
  actions: {
    "(app)/articles/[id]/revise/actions.ts#reviseArticleAction": { outcomes: editors() },
  },
};
