"use client";

import { useEffect, useEffectEvent } from "react";

/**
 * Listens to every key pressed on the page (window keydown) while the component is mounted. The
 * handler always sees the component's latest state and props, and the listener is added once.
 * With `capture`, it hears a key before any handler of the key's target does.
 */
export function useWindowKeydown(handler: (e: KeyboardEvent) => void, { capture = false } = {}): void {
  const onKeyDown = useEffectEvent(handler);
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKeyDown(e);
    window.addEventListener("keydown", listener, capture);
    return () => window.removeEventListener("keydown", listener, capture);
  }, [capture]);
}
