import { parseText } from "@/lib/text";

/** The commune's conditions, one level below the step's heading (h3), for the first step of the form. */
export function TermsText({ source }: { source: string }) {
  const blocks = parseText(source);
  if (!blocks.length) {
    return <p>La mairie n&apos;a pas encore publié ses conditions d&apos;utilisation. Contactez-la pour en obtenir le texte.</p>;
  }
  return (
    <div className="space-y-3 leading-relaxed">
      {blocks.map((block, i) => {
        if (block.type === "heading") return <h3 key={i} className="pt-2 text-lg font-bold">{block.text}</h3>;
        if (block.type === "list") {
          return (
            <ul key={i} className="list-disc space-y-1 pl-6">
              {block.items.map((item, j) => <li key={j}>{item}</li>)}
            </ul>
          );
        }
        return <p key={i}>{block.text}</p>;
      })}
    </div>
  );
}
