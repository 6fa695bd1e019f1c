"use client";

import { useEffect, useEffectEvent } from "react";

/**
 * Listens to every key pressed on the page (window keydown) while the component is mounted. The
 * handler always sees the component's latest state and props, and the listener is added once.
 */
export function useWindowKeydown(handler: (e: KeyboardEvent) => void): void {
  const onKeyDown = useEffectEvent(handler);
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKeyDown(e);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);
}
