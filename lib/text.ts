// The small text format of the communes' texts: paragraphs separated by a blank line,
// "## " headings and "- " list items. Rendered as React elements, never as HTML, so no injection.

export type Block =
  | { type: "heading"; text: string }
  | { type: "paragraph"; text: string }
  | { type: "list"; items: string[] };

export function parseText(source: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of source.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    const lines = chunk.split("\n").map((l) => l.trim()).filter(Boolean);
    let paragraph: string[] = [];
    const flush = () => {
      if (paragraph.length) blocks.push({ type: "paragraph", text: paragraph.join(" ") });
      paragraph = [];
    };
    for (const line of lines) {
      if (line.startsWith("## ")) {
        flush();
        blocks.push({ type: "heading", text: line.slice(3).trim() });
      } else if (line.startsWith("- ")) {
        flush();
        const last = blocks.at(-1);
        if (last?.type === "list") last.items.push(line.slice(2).trim());
        else blocks.push({ type: "list", items: [line.slice(2).trim()] });
      } else {
        paragraph.push(line);
      }
    }
    flush();
  }
  return blocks;
}

/** A URL-safe anchor for a heading or a question: "Sécurité ?" → "securite". */
export function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80);
}

/** "de Sète", "d'Illkirch-Graffenstaden": French elision before a vowel or a mute h. */
export function ofName(name: string): string {
  return /^[aeiouyhàâéèêëîïôöûüœ]/i.test(name) ? `d'${name}` : `de ${name}`;
}

/** "Mairie de Sète" → "mairie de Sète", for the middle of a sentence (« contactez la mairie de Sète »). */
export function inSentence(officialName: string): string {
  return officialName.replace(/^Mairie/, "mairie");
}
