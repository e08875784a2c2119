import { personalDataFile } from "../export";

// GET /compte/donnees/json: « Mes données » as a JSON file, to reuse.
export const dynamic = "force-dynamic";

export function GET() {
  return personalDataFile("json");
}
