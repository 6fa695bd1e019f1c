/**
 * Serves the peer's page for the reader benchmark on a free local port: the
 * text as paragraphs (the text between them kept as text nodes, so offsets
 * into the page's text are offsets into the article) and the spans as JSON,
 * with `@recogito/text-annotator` bundled once by esbuild from
 * node_modules (nothing is fetched).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { build } from "esbuild";

export interface PeerSpanInput {
  start: number;
  end: number;
  text: string;
  kind: string;
  label?: string;
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The page: a scrolling pane like the reader's, paragraphs as <p>, spans as JSON. */
export function peerHtml(text: string, spans: readonly PeerSpanInput[]): string {
  const body = text
    .split(/(\n+)/)
    .map((part, k) => (k % 2 ? part : part ? `<p>${escape(part)}</p>` : ""))
    .join("");
  const json = JSON.stringify(
    spans.map((s, k) => ({ id: `s${k}`, start: s.start, end: s.end, quote: s.text, label: s.label ?? s.kind })),
  ).replace(/</g, "\\u003c");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>peer</title>
<link rel="stylesheet" href="/peer.css">
<style>body{margin:0;font:17px/1.6 sans-serif}main{max-width:1400px;margin:0 auto;padding:16px}
#pane{height:calc(100vh - 14rem);overflow-y:auto;padding:12px 16px;border:1px solid #ddd}
#content p{margin:0 0 1rem;white-space:pre-wrap}</style></head>
<body><main><div id="pane" tabindex="0"><div id="content">${body}</div></div></main>
<script id="spans" type="application/json">${json}</script>
<script src="/peer.js"></script></body></html>`;
}

export async function startPeerServer(
  pages: Record<string, string>,
): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const bundle = await build({
    entryPoints: [path.join(import.meta.dirname, "text-annotator-page.ts")],
    bundle: true,
    minify: true,
    format: "iife",
    target: "chrome120",
    write: false,
    outdir: "peer",
    logLevel: "warning",
  });
  const files = new Map<string, { type: string; body: string | Uint8Array }>();
  for (const out of bundle.outputFiles) {
    const type = out.path.endsWith(".css") ? "text/css" : "text/javascript";
    files.set(`/peer${path.extname(out.path)}`, { type, body: out.contents });
  }
  for (const [name, html] of Object.entries(pages)) files.set(`/${name}`, { type: "text/html", body: html });
  const server = createServer((req, res) => {
    const file = files.get((req.url ?? "/").split("?")[0]!);
    if (req.url === "/favicon.ico") return void res.writeHead(204).end();
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": `${file.type}; charset=utf-8`, "cache-control": "no-store" }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
