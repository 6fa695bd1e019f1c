"use client";
/**
 * LiveStatus — whether other editors' changes arrive: "Live", "Reconnecting…"
 * or "Offline", shown next to the save status and read out politely.
 */
import type { LiveState } from "@/lib/live-client/connection";

const TEXT: Record<LiveState, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  offline: "Offline",
};

const DOT: Record<LiveState, string> = {
  connecting: "bg-stone-400",
  live: "bg-emerald-500",
  reconnecting: "bg-amber-500",
  offline: "bg-red-500",
};

export function LiveStatus({ state }: { state: LiveState }) {
  return (
    <p
      role="status"
      aria-live="polite"
      className="flex items-center gap-1.5 text-sm text-stone-600"
      data-testid="live-status"
      data-state={state}
      title={
        state === "live"
          ? "Other editors' changes appear as they are saved."
          : "Other editors' changes will appear once the connection is back."
      }
    >
      <span aria-hidden="true" className={`inline-block h-2 w-2 rounded-full ${DOT[state]}`} />
      {TEXT[state]}
    </p>
  );
}
