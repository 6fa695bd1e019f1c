"use client";
/**
 * PresenceChips — the other editors who have the story open, one coloured
 * chip each, on a pane's header: filled for those reading this pane's
 * version, outlined (with their language) for those in another one.
 */
import type { PresencePerson } from "@/lib/live-client/connection";

const COLORS = ["#db2777", "#7c3aed", "#0891b2", "#65a30d", "#ea580c", "#4f46e5", "#0d9488", "#b45309"];

/** A stable colour per user. */
export function presenceColor(userId: string): string {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
  return COLORS[h % COLORS.length]!;
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? parts.at(-1)![0] : "")).toUpperCase();
}

export function PresenceChips({ people, articleId }: { people: readonly PresencePerson[]; articleId: string }) {
  // One chip per person, even with several tabs open: the one in this pane wins.
  const byUser = new Map<string, PresencePerson>();
  for (const p of people) {
    const seen = byUser.get(p.userId);
    if (!seen || (p.articleId === articleId && seen.articleId !== articleId)) byUser.set(p.userId, p);
  }
  if (!byUser.size) return null;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Also reading this story" data-testid="presence">
      {[...byUser.values()].map((p) => {
        const here = p.articleId === articleId;
        const color = presenceColor(p.userId);
        const where = here ? "in this version" : p.language ? `in the ${p.language} version` : "in this story";
        return (
          <li
            key={p.userId}
            data-testid="presence-chip"
            data-user={p.userId}
            data-here={here}
            title={`${p.name}, ${where}`}
            aria-label={`${p.name}, ${where}`}
            className="inline-flex items-center gap-1 rounded-full border px-1.5 py-0.5 text-[0.7rem] leading-none font-medium"
            style={
              here ? { backgroundColor: color, borderColor: color, color: "white" } : { borderColor: color, color }
            }
          >
            {initials(p.name)}
            {here || !p.language ? null : <span className="font-mono opacity-80">{p.language}</span>}
          </li>
        );
      })}
    </ul>
  );
}
