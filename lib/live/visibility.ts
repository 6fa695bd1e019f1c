/**
 * Which changes a reader of a story may receive. Every stream filters every
 * event through `mayReceive` before sending it, replayed or live, so a rule
 * added here (a private annotation layer, a restricted article) holds for the
 * feed the same way it holds for the pages and the API.
 *
 * Today a reader of a story (permission story.read, checked when the stream
 * opens) sees everything in it.
 */
import type { StoryEvent } from "./events";

export interface EventReader {
  id: string;
  role: string;
}

export type EventRule = (reader: EventReader, event: StoryEvent) => boolean;

/**
 * Rules every event must pass. Add a rule here, next to the data it protects
 * being introduced, e.g. for private layers:
 * `(reader, e) => !e.span?.layerId || canSeeLayer(reader, e.span.layerId)`.
 */
const RULES: readonly EventRule[] = [];

export function mayReceive(reader: EventReader, event: StoryEvent): boolean {
  return RULES.every((rule) => rule(reader, event));
}
