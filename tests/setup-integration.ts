import { resetDatabase } from "@/tests/db";
import { clearTenantCache } from "@/lib/tenancy/resolve";
import { db } from "@/lib/db";

beforeEach(async () => {
  await resetDatabase();
  clearTenantCache();
});

afterAll(async () => {
  await db.$disconnect();
});
