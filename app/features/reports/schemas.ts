import { z } from "zod";
import { AUDIENCES } from "./indicators";
import { isMonth, MAX_MONTHS, monthCount } from "./period";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);
const month = z.preprocess(blank, z.string().refine(isMonth, "reports:errors.month").optional());

/** The dashboard's filters, read from the query string (French names, as in the URL). */
export const dashboardQuery = z
  .object({
    debut: month,
    fin: month,
    lieu: z.preprocess(blank, z.uuid("reports:errors.space").optional()),
    commune: z.preprocess(blank, z.string().max(100, "reports:errors.commune").optional()),
    public: z.preprocess(blank, z.enum(AUDIENCES, "reports:errors.audience").optional()),
  })
  .superRefine((v, ctx) => {
    if (v.debut && v.fin) {
      const length = monthCount({ from: v.debut, to: v.fin });
      if (length < 1) ctx.addIssue({ code: "custom", path: ["fin"], message: "reports:errors.period_order" });
      else if (length > MAX_MONTHS) ctx.addIssue({ code: "custom", path: ["fin"], message: "reports:errors.period_too_long" });
    }
  });

export type DashboardQuery = z.infer<typeof dashboardQuery>;

/** Years a yearly report can be asked for. */
export const reportRequest = z.object({
  year: z.coerce.number("reports:errors.year").int("reports:errors.year").min(2017, "reports:errors.year").max(2100, "reports:errors.year"),
});

/** « Mettre à jour les données maintenant »: the button alone, nothing to read. */
export const refreshRequest = z.object({});
