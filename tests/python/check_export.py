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
    TextQuoteSelector's exact, prefix and suffix; the prefix does not start,
    and the suffix does not end, inside a grapheme cluster; the target source
    is an ASCII URI (a non-ASCII article URL percent-encoded as UTF-8);
  - JSONL and Web Annotation: str.splitlines() (which also breaks at U+2028,
    U+2029, U+0085…) sees exactly the file's records, one per "\n" line;
  - ClaimReview (--claimreview): every review has an http(s) `url`; every URL
    or IRI it writes (url, @id, sameAs, citation) is an ASCII http(s) URL; a
    claim's `author` is a Person or an Organization (or a subtype);
  - CoNLL (--conll): four whitespace-separated columns per token line, no
    token of invisible format characters only (U+200E, U+200F, U+FEFF…), and
    well-formed BIO tags;
  - entity aliases never begin or end with white space;
  - round trip (--same-as FILE, --same-claimreview FILE): the export equals
    the one it was re-imported from, record by record and field by field
    (claim times and span attribution included), as does its ClaimReview.

Prints a JSON summary and exits 0, or lists the problems and exits 1.
Standard library only.

usage: check_export.py --jsonl FILE [--webanno FILE] [--claimreview FILE] [--conll FILE]
                       [--same-as FILE] [--same-claimreview FILE]
"""
import argparse
import hashlib
import json
import sys
import unicodedata
import urllib.parse

MAX_REPORTED = 20


class Checker:
    def __init__(self):
        self.problems = []

    def fail(self, where, message):
        self.problems.append(f"{where}: {message}")


# RFC 3986 reserved characters and "%" stay as they are; everything else
# that is not unreserved (non-ASCII, space, "<>\\^`{|}) is percent-encoded.
URI_SAFE = ":/?#[]@!$&'()*+,;=%"


def article_iri(article):
    url = article.get("url")
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return urllib.parse.quote(url, safe=URI_SAFE)
    return f"urn:parallax:article:{article['id']}"


def is_ascii_http_uri(value):
    return (
        isinstance(value, str)
        and value.lower().startswith(("http://", "https://"))
        and all("!" <= ch <= "~" for ch in value)
    )


# Characters that join the character before them into one grapheme cluster
# (a cut right before one is inside a cluster): combining marks, ZWJ,
# variation selectors, emoji skin-tone modifiers.
def extends_cluster(ch):
    cp = ord(ch)
    return (
        unicodedata.category(ch) in ("Mn", "Mc", "Me")
        or cp == 0x200D
        or 0xFE00 <= cp <= 0xFE0F
        or 0xE0100 <= cp <= 0xE01EF
        or 0x1F3FB <= cp <= 0x1F3FF
    )


def cuts_cluster(text, i):
    """Whether a cut at code point i of text falls inside a grapheme cluster."""
    if i <= 0 or i >= len(text):
        return False
    return extends_cluster(text[i]) or text[i - 1] == "\u200d"


def check_lines(c, path):
    """The file's records are its "\n" lines, for every common line splitter."""
    with open(path, encoding="utf-8", newline="") as f:
        content = f.read()
    records = content.count("\n")
    if len(content.splitlines()) != records:
        c.fail(path, f"str.splitlines() finds {len(content.splitlines())} lines, not the {records} records")
    for n, line in enumerate(content.split("\n"), 1):
        for ch in ("\u2028", "\u2029", "\x85"):
            if ch in line:
                c.fail(f"{path}:{n}", f"holds a raw U+{ord(ch):04X}, which line splitters break at")


def check_context(c, where, text, start, end, prefix, suffix):
    if not text[:start].endswith(prefix):
        c.fail(where, f"prefix {prefix!r} is not the text before offset {start}")
    if not text[end:].startswith(suffix):
        c.fail(where, f"suffix {suffix!r} is not the text after offset {end}")


def check_jsonl(c, path):
    check_lines(c, path)
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
            for entity in article["entities"]:
                for alias in entity["aliases"]:
                    if alias["alias"] != alias["alias"].strip():
                        c.fail(where, f"entity {entity['key']}: alias {alias['alias']!r} has white space around it")
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
    check_lines(c, path)
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
            if not all("!" <= ch <= "~" for ch in target["source"]):
                c.fail(where, f"target source {target['source']!r} is not an ASCII URI")
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
            if cuts_cluster(text, start - len(quote["prefix"])):
                c.fail(where, f"prefix {quote['prefix']!r} starts inside a grapheme cluster")
            if cuts_cluster(text, end + len(quote["suffix"])):
                c.fail(where, f"suffix {quote['suffix']!r} ends inside a grapheme cluster")
    return summary


URL_KEYS = ("url", "@id", "sameAs", "citation")
AUTHOR_TYPES = ("Person", "Organization", "GovernmentOrganization", "NewsMediaOrganization")


def walk_urls(node, where, c):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in URL_KEYS:
                for v in value if isinstance(value, list) else [value]:
                    if not is_ascii_http_uri(v):
                        c.fail(where, f"{key} {v!r} is not an ASCII http(s) URL")
            else:
                walk_urls(value, where, c)
    elif isinstance(node, list):
        for item in node:
            walk_urls(item, where, c)


def check_claimreview(c, path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    summary = {"reviews": 0}
    if doc.get("@context") != "https://schema.org" or doc.get("@type") != "DataFeed":
        c.fail(path, "not a schema.org DataFeed")
        return summary
    for n, review in enumerate(doc["dataFeedElement"]):
        where = f"{path} review {n}"
        summary["reviews"] += 1
        if review.get("@type") != "ClaimReview":
            c.fail(where, "is not a ClaimReview")
        if not is_ascii_http_uri(review.get("url")):
            c.fail(where, f"url {review.get('url')!r} is missing or not http(s)")
        walk_urls(review, where, c)
        author = review.get("itemReviewed", {}).get("author")
        if author is not None and author.get("@type") not in AUTHOR_TYPES:
            c.fail(where, f"the claim's author is a {author.get('@type')}, outside author's range (Person, Organization)")
        if review.get("author", {}).get("@type") not in AUTHOR_TYPES:
            c.fail(where, "the review's author is not a Person or an Organization")
    return summary


def check_conll(c, path):
    summary = {"documents": 0, "tokens": 0}
    previous = "O"
    with open(path, encoding="utf-8", newline="") as f:
        for n, line in enumerate(f, 1):
            where = f"{path}:{n}"
            line = line.rstrip("\n")
            if line == "":
                previous = "O"
                continue
            columns = line.split()
            if len(columns) != 4:
                c.fail(where, f"{len(columns)} columns, not 4: {line!r}")
                continue
            token, _pos, _chunk, tag = columns
            if token == "-DOCSTART-":
                summary["documents"] += 1
                continue
            summary["tokens"] += 1
            if all(unicodedata.category(ch) == "Cf" for ch in token):
                c.fail(where, f"token {token!r} is only invisible format characters")
            if tag.startswith("I-") and previous[2:] != tag[2:]:
                c.fail(where, f"{tag} does not continue an entity of its type (after {previous})")
            if not (tag == "O" or tag.startswith(("B-", "I-"))):
                c.fail(where, f"tag {tag!r} is not BIO")
            previous = tag
    return summary


def differences(a, b, path=""):
    """Every path at which two JSON values differ, with both values."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in b:
                yield f"{path}.{key}: {a[key]!r} is missing"
            elif key not in a:
                yield f"{path}.{key}: {b[key]!r} was added"
            else:
                yield from differences(a[key], b[key], f"{path}.{key}")
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            yield f"{path}: {len(a)} items became {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            yield from differences(x, y, f"{path}[{i}]")
    elif type(a) is not type(b) or a != b:
        yield f"{path}: {a!r} became {b!r}"


def check_same_records(c, original, path):
    """The re-imported export holds exactly the original's records and fields."""
    with open(original, encoding="utf-8") as f:
        before = [json.loads(line) for line in f]
    with open(path, encoding="utf-8") as f:
        after = [json.loads(line) for line in f]
    if len(before) != len(after):
        c.fail(path, f"{len(after)} records, but {original} has {len(before)}")
    for n, (a, b) in enumerate(zip(before, after), 1):
        for difference in differences(a, b):
            c.fail(f"{path}:{n}", difference)
    return {"compared": min(len(before), len(after))}


def check_same_document(c, original, path):
    with open(original, encoding="utf-8") as f:
        before = json.load(f)
    with open(path, encoding="utf-8") as f:
        after = json.load(f)
    for difference in differences(before, after):
        c.fail(path, difference)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jsonl", required=True)
    parser.add_argument("--webanno")
    parser.add_argument("--claimreview")
    parser.add_argument("--conll")
    parser.add_argument("--same-as", help="the Parallax JSONL export that --jsonl was re-imported from")
    parser.add_argument("--same-claimreview", help="the ClaimReview export --claimreview must equal")
    args = parser.parse_args()
    c = Checker()
    texts, summary = check_jsonl(c, args.jsonl)
    if args.webanno:
        summary.update(check_webanno(c, args.webanno, texts))
    if args.claimreview:
        summary.update(check_claimreview(c, args.claimreview))
    if args.conll:
        summary.update(check_conll(c, args.conll))
    if args.same_as:
        summary.update(check_same_records(c, args.same_as, args.jsonl))
    if args.same_claimreview:
        check_same_document(c, args.same_claimreview, args.claimreview)
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
