#!/usr/bin/env python3
"""mkman.py - write the caspian(1) man page from docs/cli/*.md.

usage: docs/mkman.py [OUT]      (default: standard output)

docs/cli/caspian.md gives NAME (its title "caspian - SUMMARY"), SYNOPSIS
(its first ``` block, the text of `caspian --help`) and the other sections
(one per "## Heading"); the pages of the commands, in alphabetical order,
go into the section called "Commands", each as a subsection that starts
with the command's --help text.  The Markdown understood is the subset the
pages use: paragraphs, "- " and "1. " lists, ``` and four-space code
blocks, "## " headings, tables, `code`, **bold**, *emphasis* and links.
Only the Python standard library is needed, and the output depends on
nothing but the sources, so the committed docs/caspian.1 can be compared
with it.
"""
import os
import re
import sys

DOCS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(DOCS)

# Characters with a groff name; others outside ASCII become \[uXXXX].
GLYPHS = {
    "\u2013": "\\(en", "\u2014": "\\(em", "\u2212": "\\-", "\u00d7": "\\(mu",
    "\u221e": "\\(if", "\u2264": "\\(<=", "\u2265": "\\(>=", "\u2248": "\\(~~",
    "\u00b1": "\\(+-", "\u2192": "\\(->", "\u2018": "\\(oq", "\u2019": "\\(cq",
    "\u201c": "\\(lq", "\u201d": "\\(rq", "\u00b2": "\\[u00B2]", "\u03c3": "\\(*s",
}


def version():
    with open(os.path.join(ROOT, "CMakeLists.txt"), encoding="utf-8") as f:
        m = re.search(r"project\(caspian VERSION ([0-9.]+)", f.read())
    return m.group(1) if m else "unknown"


def escape(text):
    """Plain text as groff text: backslashes, hyphens, non-ASCII."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\e")
        elif ch == "-":
            out.append("\\-")
        elif ord(ch) < 128:
            out.append(ch)
        else:
            out.append(GLYPHS.get(ch, "\\[u%04X]" % ord(ch)))
    return "".join(out)


def link_text(m):
    """A link's text; a page of docs/ named by a relative path gets its path."""
    text = m.group(1)
    if re.fullmatch(r"(\.\./)+[\w.-]+\.md(#[\w-]+)?", text):
        return "docs/" + text.split("/")[-1].split("#")[0]
    return text


def inline(text):
    """Markdown inline markup to groff fonts."""
    out = []
    for i, part in enumerate(re.split(r"`([^`]*)`", text)):
        if i % 2:
            out.append("\\fB" + escape(part) + "\\fR")
            continue
        part = re.sub(r"\[([^\[\]]+)\]\([^)\s]+\)", link_text, part)
        pieces = re.split(r"(\*\*[^*]+\*\*|(?<![\w*])\*[^*\s][^*]*\*(?![\w*]))", part)
        for p in pieces:
            if p.startswith("**") and p.endswith("**") and len(p) > 4:
                out.append("\\fB" + escape(p[2:-2]) + "\\fR")
            elif p.startswith("*") and p.endswith("*") and len(p) > 2:
                out.append("\\fI" + escape(p[1:-1]) + "\\fR")
            else:
                out.append(escape(p))
    return "".join(out)


def line_safe(line):
    """A text line must not start with a control character."""
    return "\\&" + line if line.startswith((".", "'")) else line


def verbatim(lines, indent):
    out = [".PP", ".RS %d" % indent if indent else ".RS 0", ".nf"]
    out += [line_safe(escape(l)) for l in lines]
    out += [".fi", ".RE"]
    return out


def body(lines):
    """Markdown lines (after the title and help block) to groff lines."""
    out = []
    i = 0
    para = []

    def flush():
        if para:
            out.append(".PP")
            out.append(line_safe(inline(" ".join(s.strip() for s in para))))
            para.clear()

    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            flush()
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            out += verbatim(lines[i + 1:j], 4)
            i = j + 1
            continue
        if line.startswith("    ") and not para:
            j = i
            block = []
            while j < len(lines) and (lines[j].startswith("    ") or not lines[j].strip()):
                block.append(lines[j][4:])
                j += 1
            while block and not block[-1].strip():
                block.pop()
            out += verbatim(block, 4)
            i = j
            continue
        if line.startswith("#"):
            flush()
            out += [".PP", ".B " + escape(line.lstrip("#").strip())]
            i += 1
            continue
        if line.startswith("|"):
            flush()
            j = i
            rows = []
            while j < len(lines) and lines[j].startswith("|"):
                cells = [c.strip() for c in lines[j].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                j += 1
            widths = [max(len(r[k]) if k < len(r) else 0 for r in rows)
                      for k in range(max(len(r) for r in rows))]
            text = ["  ".join(c.ljust(widths[k]) for k, c in enumerate(r)).rstrip()
                    for r in rows]
            out += verbatim(text, 4)
            i = j
            continue
        m = re.match(r"(- |\d+\. )", line)
        if m:
            flush()
            item = [line[len(m.group(1)):]]
            j = i + 1
            while j < len(lines) and lines[j].startswith("  ") and lines[j].strip():
                item.append(lines[j])
                j += 1
            tag = "\\(bu" if m.group(1) == "- " else m.group(1).strip()
            out.append(".IP %s %d" % (tag, 2 if tag == "\\(bu" else 4))
            out.append(line_safe(inline(" ".join(s.strip() for s in item))))
            i = j
            continue
        if not line.strip():
            flush()
        else:
            para.append(line)
        i += 1
    flush()
    return out


def split_page(path):
    """(title, help lines, remaining lines) of a page."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    title = lines[0].lstrip("#").strip()
    start = next(i for i, l in enumerate(lines) if l.startswith("```"))
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("```"))
    return title, lines[start + 1:end], lines[end + 1:]


def sections(lines):
    """Split on "## " headings: [(heading, lines)], the first heading None."""
    out = [(None, [])]
    for line in lines:
        if line.startswith("## "):
            out.append((line[3:].strip(), []))
        else:
            out[-1][1].append(line)
    return out


def command_pages():
    names = sorted(n[:-3] for n in os.listdir(os.path.join(DOCS, "cli"))
                   if n.endswith(".md") and n != "caspian.md")
    out = []
    for name in names:
        title, help_lines, rest = split_page(os.path.join(DOCS, "cli", name + ".md"))
        out.append('.SS "%s"' % escape(title))
        out += verbatim(help_lines, 0)
        out += body(rest)
    return out


def man():
    title, help_lines, rest = split_page(os.path.join(DOCS, "cli", "caspian.md"))
    name, _, summary = title.partition(" - ")
    out = [
        '.\\" Generated by docs/mkman.py from docs/cli/*.md; do not edit.',
        '.TH CASPIAN 1 "" "caspian %s" "User Commands"' % version(),
        ".SH NAME",
        "%s \\- %s" % (escape(name), escape(summary)),
        ".SH SYNOPSIS",
    ]
    out += verbatim(help_lines, 0)
    for heading, lines in sections(rest):
        if heading is not None:
            out.append('.SH "%s"' % escape(heading.upper()))
        out += body(lines)
        if heading == "Commands":
            out += command_pages()
    return "\n".join(out) + "\n"


def main():
    text = man()
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
