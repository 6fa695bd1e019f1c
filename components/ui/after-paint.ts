"use client";

import { useCallback, useRef } from "react";
import { flushSync } from "react-dom";
import { useWindowKeydown } from "./use-window-keydown";

/** A hidden tab paints no frames: work waiting for one runs after this long instead. */
const HIDDEN_TAB_MS = 500;

/**
 * Runs `fn` once the browser has painted the next frame: the frame an edit
 * must appear in is not made to wait for work it does not show (closing a
 * menu, a notice). A task queued from requestAnimationFrame runs after that
 * frame's rendering.
 */
export function afterNextPaint(fn: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    fn();
  };
  const fallback = setTimeout(run, HIDDEN_TAB_MS);
  requestAnimationFrame(() => setTimeout(run, 0));
}

/**
 * Returns `later(update)`: commits a state update once the next frame is painted, unless a key is
 * pressed first. Then the update is committed at once, before the key is handled, and the key goes
 * to whatever has focus after it: a key typed right after a label key reaches the pane that the
 * closing label menu hands focus back to, rather than the menu. Either way the update renders and
 * commits within one task (flushSync), so no key can land in the middle of it.
 */
export function useAfterPaintUpdate(): (update: () => void) => void {
  const queued = useRef<(() => void)[]>([]);
  useWindowKeydown(
    (e) => {
      if (!queued.current.length) return;
      const updates = queued.current.splice(0);
      flushSync(() => updates.forEach((u) => u()));
      const focused = document.activeElement ?? document.body;
      if (focused === e.target) return;
      // The key was aimed at what those updates removed or left: the page's handlers get a copy
      // at the new focus, and the browser's own action (Tab, typing) follows the focus as it is.
      e.stopImmediatePropagation();
      const copy = new KeyboardEvent(e.type, e);
      focused.dispatchEvent(copy);
      if (copy.defaultPrevented) e.preventDefault();
    },
    { capture: true },
  );
  return useCallback((update: () => void) => {
    queued.current.push(update);
    afterNextPaint(() => {
      const at = queued.current.indexOf(update);
      if (at < 0) return; // a key ran it already
      queued.current.splice(at, 1);
      flushSync(update);
    });
  }, []);
}
