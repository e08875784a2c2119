import { z } from "zod";

// A commune's settings are stored as JSON; every key has a safe default so an empty object works.
export const tenantSettingsSchema = z.object({
  timezone: z.string().default("Europe/Paris"),
});

export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

export function parseSettings(value: unknown): TenantSettings {
  const parsed = tenantSettingsSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : tenantSettingsSchema.parse({});
}
