// The demo data: the four communes of the demo, with their hosts, branding, texts and FAQ.
// Run on an empty database by `npm run dev` / `npm start` in demo mode, and by `npm run db:reset`.
import { db } from "@/lib/db";
import { createTenant } from "@/tests/factories";
import { demoCommunes } from "./demo-communes";

async function main() {
  for (const commune of demoCommunes) {
    const { faq, ...tenant } = commune;
    await createTenant({ ...tenant, faq });
    console.log(`  ${commune.name.padEnd(24)} http://${commune.hosts[0]}:${process.env.PORT ?? 3000}`);
  }
}

main()
  .then(() => db.$disconnect())
  .catch(async (error) => {
    console.error(error);
    await db.$disconnect();
    process.exit(1);
  });
