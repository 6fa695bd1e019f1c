/**
 * Who may do what. The one table every page, server action and route handler
 * is checked against (through the guards in lib/http/: route, action,
 * requirePage). Roles: ADMIN (everything), EDITOR (import, annotate, review,
 * export), VIEWER (read and export).
 */
import type { Role } from "../generated/prisma/enums";

const ALL: readonly Role[] = ["ADMIN", "EDITOR", "VIEWER"];
const EDITORS: readonly Role[] = ["ADMIN", "EDITOR"];
const ADMINS: readonly Role[] = ["ADMIN"];

export const PERMISSIONS = {
  /** Read stories, articles, spans, entities, claims. */
  "story.read": ALL,
  /** Import articles (UI, API, CLI over HTTP) and create stories. */
  "article.import": EDITORS,
  /** Change an article's text (a new revision) or its metadata. */
  "article.revise": EDITORS,
  /** Correct the paragraph alignment between two versions. */
  "alignment.edit": EDITORS,
  /** Create, relabel, link, delete spans; create and edit entities and claims. */
  "annotation.write": EDITORS,
  /** Approve or reject spans and suggestions. */
  "annotation.review": EDITORS,
  /** Assign and reassign language versions to annotators; read every annotator's layer (agreement, curation). */
  "assignment.manage": EDITORS,
  /** Run exports and download datasets. */
  "export.run": ALL,
  /** Freeze an export as a named dataset snapshot. */
  "snapshot.create": EDITORS,
  /** Retire a dataset snapshot (kept, no longer listed). */
  "snapshot.retire": ADMINS,
  /** Manage the label taxonomy and the verdict scale. */
  "taxonomy.manage": ADMINS,
  /** Create users, change roles, disable, reset passwords. */
  "user.manage": ADMINS,
  /** Browse the audit log. */
  "audit.read": ADMINS,
  /** Scrape /api/metrics from anywhere (from the server itself needs no account). */
  "metrics.read": ADMINS,
  /** Own account: password, sessions, personal access tokens. */
  "account.self": ALL,
  /** Change one's own password: the only thing a user may do while a temporary password must still be replaced. */
  "account.password": ALL,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export interface Principal {
  role: Role;
}

export function can(principal: Principal | null | undefined, permission: Permission): boolean {
  return !!principal && (PERMISSIONS[permission] as readonly Role[]).includes(principal.role);
}

/** The permissions a role holds, e.g. to decide which controls the UI shows. */
export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => (PERMISSIONS[p] as readonly Role[]).includes(role));
}
