/**
 * Renders one of our own Markdown documents (docs/*.md) as React elements —
 * headings, paragraphs, lists, tables, code — always as text, never as HTML.
 * Raw HTML in the Markdown is shown literally.
 */
import type { ReactNode } from "react";
import { marked, type Token, type Tokens } from "marked";

function inline(tokens: Token[] | undefined): ReactNode {
  return (tokens ?? []).map((t, i) => {
    switch (t.type) {
      case "strong":
        return <strong key={i}>{inline((t as Tokens.Strong).tokens)}</strong>;
      case "em":
        return <em key={i}>{inline((t as Tokens.Em).tokens)}</em>;
      case "codespan":
        return (
          <code key={i} className="rounded bg-stone-100 px-1 text-[0.9em]">
            {(t as Tokens.Codespan).text}
          </code>
        );
      case "link": {
        const link = t as Tokens.Link;
        const safe = /^(https?:|#|\/)/.test(link.href);
        return safe ? (
          <a key={i} href={link.href} className="underline">
            {inline(link.tokens)}
          </a>
        ) : (
          <span key={i}>{inline(link.tokens)}</span>
        );
      }
      case "text":
        return "tokens" in t && t.tokens ? inline(t.tokens) : <span key={i}>{(t as Tokens.Text).text}</span>;
      case "br":
        return <br key={i} />;
      default:
        return <span key={i}>{t.raw}</span>;
    }
  });
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

function block(t: Token, i: number): ReactNode {
  switch (t.type) {
    case "heading": {
      const h = t as Tokens.Heading;
      const className = h.depth <= 2 ? "mt-8 text-xl font-semibold" : "mt-6 text-lg font-medium";
      const Tag = (h.depth <= 2 ? "h2" : "h3") as "h2" | "h3";
      return (
        <Tag key={i} id={slug(h.text)} className={className}>
          {inline(h.tokens)}
        </Tag>
      );
    }
    case "paragraph":
      return (
        <p key={i} className="mt-3">
          {inline((t as Tokens.Paragraph).tokens)}
        </p>
      );
    case "list": {
      const list = t as Tokens.List;
      const items = list.items.map((item, j) => (
        <li key={j}>{item.tokens.map((c, k) => (c.type === "text" ? inline([c]) : block(c, k)))}</li>
      ));
      return list.ordered ? (
        <ol key={i} className="mt-3 list-decimal space-y-1 pl-6">
          {items}
        </ol>
      ) : (
        <ul key={i} className="mt-3 list-disc space-y-1 pl-6">
          {items}
        </ul>
      );
    }
    case "code":
      return (
        <pre key={i} className="mt-3 overflow-x-auto rounded-md bg-stone-900 p-3 text-xs text-stone-100">
          <code>{(t as Tokens.Code).text}</code>
        </pre>
      );
    case "table": {
      const table = t as Tokens.Table;
      return (
        <div key={i} className="mt-3 overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <thead>
              <tr>
                {table.header.map((c, j) => (
                  <th key={j} className="border-b border-stone-300 px-2 py-1 font-medium">
                    {inline(c.tokens)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, j) => (
                <tr key={j} className="border-b border-stone-100 align-top">
                  {row.map((c, k) => (
                    <td key={k} className="px-2 py-1">
                      {inline(c.tokens)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
    case "space":
      return null;
    default:
      return (
        <p key={i} className="mt-3 whitespace-pre-wrap">
          {t.raw}
        </p>
      );
  }
}

export function MarkdownDoc({ markdown }: { markdown: string }) {
  return <div className="leading-relaxed">{marked.lexer(markdown).map(block)}</div>;
}
