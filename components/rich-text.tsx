import { parseText, slugify } from "@/lib/text";

/** Renders a commune's text (see lib/text.ts) as headings, paragraphs and lists. */
export function RichText({ source }: { source: string }) {
  return (
    <div className="space-y-4 leading-relaxed">
      {parseText(source).map((block, i) => {
        if (block.type === "heading") {
          return (
            <h2 key={i} id={slugify(block.text)} className="pt-4 text-xl font-bold text-slate-900">
              {block.text}
            </h2>
          );
        }
        if (block.type === "list") {
          return (
            <ul key={i} className="list-disc space-y-1 pl-6">
              {block.items.map((item, j) => (
                <li key={j}>{item}</li>
              ))}
            </ul>
          );
        }
        return <p key={i}>{block.text}</p>;
      })}
    </div>
  );
}
