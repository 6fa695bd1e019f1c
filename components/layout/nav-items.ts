import type { Permission } from "@/lib/authz/policy";

/** Main navigation. Each entry shows only to roles holding its permission. */
export const NAV_ITEMS: { href: string; label: string; permission: Permission }[] = [
  { href: "/", label: "Stories", permission: "story.read" },
  { href: "/my-work", label: "My work", permission: "annotation.write" },
  { href: "/entities", label: "Entities", permission: "story.read" },
  { href: "/claims", label: "Claims", permission: "story.read" },
  { href: "/import", label: "Import", permission: "article.import" },
  { href: "/export", label: "Export", permission: "export.run" },
  { href: "/datasets", label: "Datasets", permission: "export.run" },
  { href: "/admin/users", label: "Users", permission: "user.manage" },
  { href: "/admin/audit", label: "Audit log", permission: "audit.read" },
  { href: "/admin/labels", label: "Labels", permission: "taxonomy.manage" },
  { href: "/admin/verdicts", label: "Verdicts", permission: "taxonomy.manage" },
];
