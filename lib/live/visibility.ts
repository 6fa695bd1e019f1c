/**
 * Which changes a reader of a story may receive. Every stream filters every
 * event through its EventFilter before sending it, replayed or live, so the
 * feed shows exactly what the pages and the API show:
 *
 * - a span only to those who see its annotation layer on its article
 *   (lib/authz/layers.ts: an independent annotator sees only their own layer,
 *   everyone else the shared one) — the layers per article are looked up
 *   once and kept for LAYER_CACHE_MS, so a new assignment reaches an open
 *   stream within that time;
 * - and whatever RULES below add.
 *
 * Reading the story at all (permission story.read) is checked when the
 * stream opens.
 */
import type { Db } from "../db";
import { inLayers, visibleLayers, type LayerView } from "../authz/layers";
import type { StoryEvent } from "./events";

export interface EventReader {
  id: string;
  role: string;
}

export type EventRule = (reader: EventReader, event: StoryEvent) => boolean;

/** Further rules every event must pass (a restricted article, a private note…). */
const RULES: readonly EventRule[] = [];

const LAYER_CACHE_MS = 10_000;

export class EventFilter {
  private readonly layers = new Map<string, { view: Promise<LayerView>; until: number }>();

  constructor(
    private readonly db: Db,
    private readonly reader: EventReader,
  ) {}

  /** The events the reader may receive, in order. */
  async filter(events: readonly StoryEvent[]): Promise<StoryEvent[]> {
    const out: StoryEvent[] = [];
    for (const e of events) if (await this.mayReceive(e)) out.push(e);
    return out;
  }

  private async mayReceive(event: StoryEvent): Promise<boolean> {
    const articleId = event.span?.articleId ?? event.articleId;
    if (event.spanLayer && articleId) {
      const view = await this.layersOf(articleId);
      if (!inLayers(view.read, event.spanLayer.layer, event.spanLayer.ownerId)) return false;
    }
    return RULES.every((rule) => rule(this.reader, event));
  }

  private layersOf(articleId: string): Promise<LayerView> {
    const now = Date.now();
    const cached = this.layers.get(articleId);
    if (cached && cached.until > now) return cached.view;
    const view = visibleLayers(this.db, { id: this.reader.id }, articleId);
    this.layers.set(articleId, { view, until: now + LAYER_CACHE_MS });
    view.catch(() => this.layers.delete(articleId));
    return view;
  }
}
