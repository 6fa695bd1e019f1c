"use client";
import { useEffect, useRef, useState } from "react";
import { errorMessage } from "@/components/export/ui";

type Status = "QUEUED" | "RUNNING" | "DONE" | "FAILED";

export interface PollOptions<J> {
  intervalMs: number;
  /** Shown while the server cannot be reached (polling goes on). */
  unreachable: string;
  /** Whether polling goes on after an error answer with this status; by default it stops. */
  keepPollingAfter?: (status: number) => boolean;
  /** Once, when the job is DONE or FAILED; `sawRunning`: this page saw it unfinished first. */
  onFinished?: (job: J, seen: { sawRunning: boolean }) => void;
}

/**
 * A background job followed by polling `url` (GET /api/exports/ID,
 * /api/imports/ID: `{ job }`) until it is DONE or FAILED: the job as last
 * read, and what went wrong reading it. Polling starts again when `url`
 * changes; the options are read as they are at each poll.
 */
export function usePolledJob<J extends { status: Status }>(
  url: string,
  options: PollOptions<J>,
): { job: J | null; problem: string | null } {
  const [job, setJob] = useState<J | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let sawRunning = false;
    const poll = async () => {
      try {
        const res = await fetch(url, { cache: "no-store" });
        if (stopped) return;
        if (!res.ok) {
          setProblem(await errorMessage(res));
          if (!latest.current.keepPollingAfter?.(res.status)) return;
        } else {
          const { job: next } = (await res.json()) as { job: J };
          if (stopped) return;
          setProblem(null);
          setJob(next);
          if (next.status === "DONE" || next.status === "FAILED") {
            latest.current.onFinished?.(next, { sawRunning });
            return;
          }
          sawRunning = true;
        }
      } catch {
        if (stopped) return;
        setProblem(latest.current.unreachable);
      }
      timer = setTimeout(poll, latest.current.intervalMs);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [url]);

  return { job, problem };
}
