import { personalDataFile } from "../export";

// GET /compte/donnees/pdf: « Mes données » as a PDF, to read or keep.
export const dynamic = "force-dynamic";

export function GET() {
  return personalDataFile("pdf");
}
