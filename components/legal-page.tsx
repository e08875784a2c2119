import { RichText } from "@/components/rich-text";
import { getLegalText, type LegalPage } from "@/lib/tenancy/content";
import { requireTenant } from "@/lib/tenancy/request";

/** The three legal pages share one layout: a title and the commune's text. */
export async function LegalPageView({ page, title }: { page: LegalPage; title: string }) {
  const tenant = await requireTenant();
  const text = await getLegalText(tenant, page);
  return (
    <article className="mx-auto max-w-3xl rounded-lg bg-white p-6 shadow-sm sm:p-10">
      <h1 className="text-3xl font-bold">{title}</h1>
      <div className="mt-6">
        <RichText source={text} />
      </div>
    </article>
  );
}
