import { defineRoute } from "@/lib/actions/route";
import { NotFoundError } from "@/lib/errors";
import { campaignCsv, getCampaignView } from "@/lib/review";

// A campaign's evidence as CSV: every item (person, account) with its decision, and every excluded
// account with its reason. Whole campaign, whatever the page's account filter.
export const GET = defineRoute<{ id: string }>(
  "GET /api/review/campaigns/[id]/export",
  async (_req, _actor, { id }) => {
    const view = await getCampaignView(id);
    if (!view) throw new NotFoundError("No such review campaign.");
    const day = view.campaign.createdAt.toISOString().slice(0, 10);
    return new Response(campaignCsv(view), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="campaign-${day}-${view.campaign.id}.csv"`,
        "cache-control": "no-store",
      },
    });
  },
);
