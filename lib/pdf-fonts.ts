import "server-only";
import path from "node:path";
import { Font } from "@react-pdf/renderer";

// Fonts of every PDF of the portal (récapitulatifs, invoices, receipts), registered once on import.
// The PDF's built-in Helvetica knows only the Windows-1252 characters: « œ ’ € » print, but a
// name like « Łucja » or the narrow space of French numbers would print as wrong letters. Noto
// Sans in two parts (Latin, then Latin Extended as a fallback) covers what French people and the
// people of Europe write. The files come with the npm package @fontsource/noto-sans (OFL licence).
const LONG_WORD = 30;
const fontFile = (subset: string, weight: number) =>
  path.join(process.cwd(), "node_modules", "@fontsource", "noto-sans", "files", `noto-sans-${subset}-${weight}-normal.woff`);
for (const [family, subset] of [["Noto Sans", "latin"], ["Noto Sans Ext", "latin-ext"]] as const) {
  Font.register({ family, fonts: [{ src: fontFile(subset, 400), fontWeight: 400 }, { src: fontFile(subset, 700), fontWeight: 700 }] });
}
// react-pdf cuts words with English rules by default (« infor-mation »): French words stay whole,
// and only what no line can hold (a long link, a file name) may break anywhere.
Font.registerHyphenationCallback((word) => (word.length > LONG_WORD ? Array.from(word) : [word]));
