// Types of bench/dataset.mjs (plain JavaScript, run by node without a build step), for its tests.
import type pg from "pg";

export type CommunePlan = { slug: string; role: "grande" | "petite" | "autre"; accounts: number; requests: number; citizenRequests: number };
export type CommuneSize = { commune: string; role: CommunePlan["role"]; accounts: number; requests: number; citizenRequests: number; events: number; invoices: number };

export function planOf(scale?: number): CommunePlan[];
export const MEASURED_CITIZEN: string;
export function sampleAnswers(definition: unknown): Record<string, unknown>;
export function seedScale(client: pg.Client, plan: CommunePlan[], log?: (line: string) => void): Promise<CommuneSize[]>;
