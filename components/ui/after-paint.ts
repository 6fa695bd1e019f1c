/**
 * Runs `fn` once the browser has painted the next frame: the frame an edit
 * must appear in is not made to wait for work it does not show (closing a
 * menu, a notice). A task queued from requestAnimationFrame runs after that
 * frame's rendering.
 */
export function afterNextPaint(fn: () => void): void {
  requestAnimationFrame(() => setTimeout(fn, 0));
}
