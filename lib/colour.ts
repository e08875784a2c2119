// WCAG 2.1 contrast, for the colours a commune chooses: the portal writes white text on its primary
// and accent colours (buttons, header) and its primary colour as text on white (links). Level AA
// asks 4.5:1 for text of normal size. Pure: the settings page shows the same verdict as it types.

export const AA_TEXT = 4.5;

/** "#1d4ed8" → [29, 78, 216]; null for anything else than #rrggbb. */
export function hexToRgb(hex: string): [number, number, number] | null {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  return match ? [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)] : null;
}

function luminance([r, g, b]: [number, number, number]): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** The contrast ratio of two #rrggbb colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [x, y] = [hexToRgb(a), hexToRgb(b)];
  if (!x || !y) return 1;
  const [light, dark] = [luminance(x), luminance(y)].sort((p, q) => q - p) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** « 4,5:1 » as French readers write it. */
export const ratioText = (ratio: number) => `${(Math.floor(ratio * 10) / 10).toLocaleString("fr-FR")}:1`;

/**
 * What is wrong with a pair of brand colours, by field, in French; empty when both can carry text
 * (white on each, and the primary on white).
 */
export function brandProblems(primary: string, accent: string): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const [field, colour, label] of [["primaryColor", primary, "principale"], ["accentColor", accent, "d'accent"]] as const) {
    if (!hexToRgb(colour)) {
      problems[field] = `Indiquez la couleur ${label} au format #rrvvbb, par exemple #1d4ed8.`;
      continue;
    }
    const onWhite = contrastRatio(colour, "#ffffff");
    if (onWhite < AA_TEXT) {
      problems[field] = `La couleur ${label} est trop claire : le texte blanc sur cette couleur${field === "primaryColor" ? " et cette couleur en texte sur fond blanc" : ""} n'atteignent qu'un contraste de ${ratioText(onWhite)}, il faut au moins 4,5:1 (RGAA, WCAG niveau AA). Choisissez une teinte plus foncée.`;
    }
  }
  return problems;
}
