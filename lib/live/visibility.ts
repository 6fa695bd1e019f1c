/**
 * Which changes a reader of a story may receive. Every stream filters every
 * event through its EventFilter before sending it, replayed or live, so the
 * feed shows exactly what the pages and the API show:
 *
 * - a span only to those who see its annotation layer on its article
 *   (lib/authz/layers.ts: an independent annotator sees only their own layer,
 *   everyone else the shared one);
 * - and whatever RULES below add.
 *
 * The layer rights are the process's, not the stream's: one LayerRights per
 * hub knows each article's independent annotators (one query for all
 * streams, instead of one per stream and article), and forgets an article
 * as soon as its assignments change (NOTIFY on ASSIGNMENT_CHANNEL, from a
 * trigger), or after LAYER_CACHE_MS at the latest.
 *
 * Reading the story at all (permission story.read) is checked when the
 * stream opens.
 */
import type { Db } from "../db";
import { independentAnnotators, inLayers, layerView } from "../authz/layers";
import type { StoryEvent } from "./events";

/** Announces an article whose assignments changed (payload: the article id). */
export const ASSIGNMENT_CHANNEL = "parallax_assignments";

export interface EventReader {
  id: string;
  role: string;
}

export type EventRule = (reader: EventReader, event: StoryEvent) => boolean;

/** Further rules every event must pass (a restricted article, a private note…). */
const RULES: readonly EventRule[] = [];

/** A safety net only: a change of assignments drops an article's rights at once. */
const LAYER_CACHE_MS = 10_000;

type Independent = ReadonlyMap<string, ReadonlySet<string>>;
const NONE: Independent = new Map();

/** Each article's independent annotators, shared by every stream of the process. */
export class LayerRights {
  private readonly entries = new Map<string, { users: Promise<ReadonlySet<string>>; until: number }>();

  constructor(
    private readonly db: Db,
    private readonly ttlMs = LAYER_CACHE_MS,
  ) {}

  /** The independent annotators of these articles; one query for those not known (or too old). */
  async of(articleIds: Iterable<string>): Promise<Independent> {
    const ids = [...new Set(articleIds)];
    const now = Date.now();
    const missing = ids.filter((id) => !((this.entries.get(id)?.until ?? 0) > now));
    if (missing.length) {
      const query = independentAnnotators(this.db, missing);
      for (const id of missing) {
        const entry = { users: query.then((m) => m.get(id) ?? new Set<string>()), until: now + this.ttlMs };
        this.entries.set(id, entry);
        entry.users.catch(() => {
          if (this.entries.get(id) === entry) this.entries.delete(id);
        });
      }
    }
    const sets = await Promise.all(ids.map((id) => this.entries.get(id)!.users));
    return new Map(ids.map((id, i) => [id, sets[i]!]));
  }

  /** The article's assignments changed: read them again when next needed. */
  forget(articleId: string): void {
    this.entries.delete(articleId);
  }

  /** Notifications may have been missed (the LISTEN connection dropped): forget everything. */
  forgetAll(): void {
    this.entries.clear();
  }
}

const articleOf = (e: StoryEvent) => e.span?.articleId ?? e.articleId;

export class EventFilter {
  constructor(
    private readonly rights: LayerRights,
    private readonly reader: EventReader,
  ) {}

  /** The events the reader may receive, in order. */
  async filter(events: readonly StoryEvent[]): Promise<StoryEvent[]> {
    const articles = new Set<string>();
    for (const e of events) {
      const articleId = articleOf(e);
      if (e.spanLayer && articleId) articles.add(articleId);
    }
    const independent = articles.size ? await this.rights.of(articles) : NONE;
    return events.filter((e) => this.mayReceive(e, independent));
  }

  private mayReceive(event: StoryEvent, independent: Independent): boolean {
    const articleId = articleOf(event);
    if (event.spanLayer && articleId) {
      const assignment = independent.get(articleId)?.has(this.reader.id) ? { mode: "INDEPENDENT" as const } : null;
      const view = layerView({ id: this.reader.id }, assignment);
      if (!inLayers(view.read, event.spanLayer.layer, event.spanLayer.ownerId)) return false;
    }
    return RULES.every((rule) => rule(this.reader, event));
  }
}
