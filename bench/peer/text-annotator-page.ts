/**
 * The peer's page for the reader benchmark (bundled by bench/peer/server.ts):
 * `@recogito/text-annotator` over the page's text, given the spans embedded
 * in the page as JSON. Sets `data-ready` on <body> once setAnnotations has
 * returned; `window.peerAdd(start, end)` adds one annotation through the API.
 */
import { createTextAnnotator, type TextAnnotation } from "@recogito/text-annotator";
import "@recogito/text-annotator/text-annotator.css";

interface PeerSpan {
  id: string;
  start: number;
  end: number;
  quote: string;
  label: string;
}

declare global {
  interface Window {
    peerAdd: (start: number, end: number) => void;
  }
}

const COLORS: Record<string, `#${string}`> = { claim: "#7c3aed", ORG: "#2563eb", GPE: "#16a34a", NEW: "#dc2626" };

function annotation(span: PeerSpan): TextAnnotation {
  return {
    id: span.id,
    bodies: [{ id: `${span.id}-b`, annotation: span.id, purpose: "tagging", value: span.label }],
    target: { annotation: span.id, selector: [{ quote: span.quote, start: span.start, end: span.end }] },
  } as unknown as TextAnnotation;
}

const content = document.getElementById("content")!;
const spans = JSON.parse(document.getElementById("spans")!.textContent!) as PeerSpan[];
const anno = createTextAnnotator(content, {
  style: (a) => {
    const label = (a.bodies[0]?.value as string | undefined) ?? "";
    const color = COLORS[label] ?? "#78716c";
    return { fill: color, fillOpacity: 0.18, underlineColor: color, underlineThickness: 2 };
  },
});
anno.setAnnotations(spans.map(annotation));
document.body.dataset.ready = "true";

let added = 0;
window.peerAdd = (start, end) => {
  const text = content.textContent ?? "";
  anno.addAnnotation(annotation({ id: `new-${added++}`, start, end, quote: text.slice(start, end), label: "NEW" }));
};
