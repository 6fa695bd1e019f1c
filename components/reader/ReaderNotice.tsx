"use client";

import { useCallback, useEffect, useState } from "react";

/** How long a notice stays on screen. Screen readers get it at once through the live region. */
const SHOWN_MS = 6000;

export interface Notice {
  text: string;
  /** Changes with every notice, so the same text said twice shows twice. */
  id: number;
}

/** The reader's last notice and a function to say a new one (null clears it). */
export function useNotice(): [Notice | null, (text: string | null) => void] {
  const [notice, setNotice] = useState<Notice | null>(null);
  const say = useCallback(
    (text: string | null) => setNotice((n) => (text === null ? null : { text, id: (n?.id ?? 0) + 1 })),
    [],
  );
  return [notice, say];
}

/**
 * What the reader just did ("Tagged …", "Undone: …", "Nothing to redo."),
 * shown for a few seconds at the bottom of the screen and read out politely.
 */
export function ReaderNotice({ notice }: { notice: Notice | null }) {
  const [hidden, setHidden] = useState<number | null>(null);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setHidden(notice.id), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  const visible = notice !== null && hidden !== notice.id;
  return (
    <p
      role="status"
      aria-live="polite"
      data-testid="reader-notice"
      className={
        visible
          ? "pointer-events-none fixed inset-x-0 bottom-4 z-40 mx-auto w-fit max-w-[min(36rem,calc(100vw-2rem))] rounded-md bg-stone-900 px-3 py-2 text-sm text-white shadow-lg"
          : "sr-only"
      }
    >
      {notice?.text}
    </p>
  );
}
