// Types of scripts/pg.mjs, for the TypeScript scripts that import it (scripts/commune-create.ts).
export type Embedded = { adminUrl: string; urlFor(name: string): string; stop(): Promise<void> };
export function startEmbedded(options: { dir: string; port: number; fast?: boolean }): Promise<Embedded>;
export function withClient<T>(url: string, fn: (client: import("pg").Client) => Promise<T>): Promise<T>;
export function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void>;
export function dropDatabase(adminUrl: string, name: string): Promise<void>;
export function withDatabase(url: string, name: string): string;
export function freePort(): Promise<number>;
