import { resetDatabase } from "@/tests/db";
import { clearTenantCache } from "@/lib/tenancy/resolve";
import { db } from "@/lib/db";

// Tests against a real PostgreSQL: on a loaded 2-core machine, a few seconds is not a hang.
jest.setTimeout(15_000);

beforeEach(async () => {
  await resetDatabase();
  clearTenantCache();
});

afterAll(async () => {
  await db.$disconnect();
});
