#!/usr/bin/env python3
"""Checks Parallax exports independently of the JavaScript that wrote them.

Python indexes str by code point, so `text[start:end]` is exactly the offset
rule of docs/formats.md. For a Parallax JSONL export (and, optionally, the
W3C Web Annotation export of the same selection) this asserts, for every span:

  - text[start:end] == quote (spans an edit orphaned, which carry "revision",
    are counted, not sliced: their offsets refer to an older text);
  - the prefix ends right before the span and the suffix starts right after it;
  - content_hash is the SHA-256 of the text; referenced entities and claims are
    defined on the same line;
  - W3C: TextPositionSelector over the article's text gives the
    TextQuoteSelector's exact, prefix and suffix.

Prints a JSON summary and exits 0, or lists the problems and exits 1.
Standard library only.

usage: check_export.py --jsonl FILE [--webanno FILE]
"""
import argparse
import hashlib
import json
import sys

MAX_REPORTED = 20


class Checker:
    def __init__(self):
        self.problems = []

    def fail(self, where, message):
        self.problems.append(f"{where}: {message}")


def article_iri(article):
    url = article.get("url")
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return url
    return f"urn:parallax:article:{article['id']}"


def check_context(c, where, text, start, end, prefix, suffix):
    if not text[:start].endswith(prefix):
        c.fail(where, f"prefix {prefix!r} is not the text before offset {start}")
    if not text[end:].startswith(suffix):
        c.fail(where, f"suffix {suffix!r} is not the text after offset {end}")


def check_jsonl(c, path):
    texts = {}
    summary = {"articles": 0, "spans": 0, "orphaned": 0, "entities": 0, "claims": 0}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            where = f"{path}:{n}"
            article = json.loads(line)
            text = article["text"]
            summary["articles"] += 1
            texts[article_iri(article)] = text
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if article["content_hash"] != digest:
                c.fail(where, f"content_hash {article['content_hash']} is not the SHA-256 of the text ({digest})")
            entities = {e["key"] for e in article["entities"]}
            claims = {k["key"] for k in article["claims"]}
            summary["entities"] += len(entities)
            summary["claims"] += len(claims)
            for claim in article["claims"]:
                if claim["claimant"] is not None and claim["claimant"] not in entities:
                    c.fail(where, f"claim {claim['key']}: claimant {claim['claimant']} is not defined on the line")
            for span in article["spans"]:
                summary["spans"] += 1
                sw = f"{where} span {span['id']}"
                if span.get("entity") is not None and span["entity"] not in entities:
                    c.fail(sw, f"entity {span['entity']} is not defined on the line")
                if span.get("claim") is not None and span["claim"] not in claims:
                    c.fail(sw, f"claim {span['claim']} is not defined on the line")
                if span.get("revision") is not None:
                    if not span["orphaned"]:
                        c.fail(sw, "carries a revision but is not orphaned")
                    summary["orphaned"] += 1
                    continue
                start, end = span["start"], span["end"]
                if not (0 <= start < end <= len(text)):
                    c.fail(sw, f"[{start}, {end}) is not inside the text (length {len(text)})")
                    continue
                if text[start:end] != span["text"]:
                    c.fail(sw, f"text[{start}:{end}] == {text[start:end]!r}, but the quote is {span['text']!r}")
                check_context(c, sw, text, start, end, span["prefix"], span["suffix"])
    return texts, summary


def check_webanno(c, path, texts):
    summary = {"annotations": 0}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            where = f"{path}:{n}"
            anno = json.loads(line)
            summary["annotations"] += 1
            if anno.get("@context") != "http://www.w3.org/ns/anno.jsonld" or anno.get("type") != "Annotation":
                c.fail(where, "not a W3C Annotation (@context, type)")
                continue
            target = anno["target"]
            text = texts.get(target["source"])
            if text is None:
                c.fail(where, f"target source {target['source']} is not an article of the JSONL export")
                continue
            selectors = {s["type"]: s for s in target["selector"]}
            quote = selectors.get("TextQuoteSelector")
            position = selectors.get("TextPositionSelector")
            if not quote or not position:
                c.fail(where, "needs a TextQuoteSelector and a TextPositionSelector")
                continue
            start, end = position["start"], position["end"]
            if text[start:end] != quote["exact"]:
                c.fail(where, f"text[{start}:{end}] == {text[start:end]!r}, but exact is {quote['exact']!r}")
            check_context(c, where, text, start, end, quote["prefix"], quote["suffix"])
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jsonl", required=True)
    parser.add_argument("--webanno")
    args = parser.parse_args()
    c = Checker()
    texts, summary = check_jsonl(c, args.jsonl)
    if args.webanno:
        summary.update(check_webanno(c, args.webanno, texts))
    if c.problems:
        print(f"{len(c.problems)} problem(s) in the export:", file=sys.stderr)
        for problem in c.problems[:MAX_REPORTED]:
            print(f"  {problem}", file=sys.stderr)
        if len(c.problems) > MAX_REPORTED:
            print(f"  … and {len(c.problems) - MAX_REPORTED} more", file=sys.stderr)
        return 1
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
