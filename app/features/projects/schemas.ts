import { z } from "zod";
import { PIX_CODES } from "./competences";
import { isIsoDate } from "./dates";

// Messages are i18n keys of the `projects` namespace.
const text = (max: number, required: string, tooLong = "projects:errors.too_long") =>
  z
    .string({ error: required })
    .trim()
    .min(1, { error: required })
    .max(max, { error: tooLong });

const uuid = (error: string) => z.uuid({ error });
const isoDate = (error: string) => z.string({ error }).trim().refine(isIsoDate, { error });

export const SCHOOL_LEVELS = ["cp", "ce1", "ce2", "cm1", "cm2", "sixieme", "cinquieme", "quatrieme", "troisieme", "seconde", "premiere", "terminale", "superieur", "autre"] as const;

export const CreateClassSchema = z.object({
  name: text(60, "projects:errors.class_name_required"),
  school: text(120, "projects:errors.school_required"),
  level: z.enum(SCHOOL_LEVELS, { error: "projects:errors.level_invalid" }),
  schoolYear: z
    .string({ error: "projects:errors.school_year_invalid" })
    .trim()
    .regex(/^\d{4}-\d{4}$/, { error: "projects:errors.school_year_invalid" })
    .refine((v) => Number(v.slice(5)) === Number(v.slice(0, 4)) + 1, { error: "projects:errors.school_year_invalid" }),
});

export const JoinClassSchema = z.object({
  code: text(20, "projects:errors.code_required"),
  birthDate: isoDate("projects:errors.birth_date_invalid").optional(),
});

export const ClassActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("new-code") }),
  z.object({ intent: z.literal("close-joining") }),
  z.object({ intent: z.literal("archive"), confirm: z.literal("on", { error: "projects:errors.confirm_archive" }) }),
  z.object({ intent: z.literal("new-card"), seatId: z.uuid({ error: "projects:errors.pupil_required" }) }),
]);

export const RecordConsentSchema = z.object({
  intent: z.literal("record"),
  seatId: uuid("projects:errors.pupil_required"),
  givenBy: text(120, "projects:errors.given_by_required"),
  method: z.enum(["paper", "email"], { error: "projects:errors.method_invalid" }),
  givenOn: isoDate("projects:errors.given_on_invalid"),
});

export const EmailConsentSchema = z.object({
  intent: z.literal("email"),
  seatId: uuid("projects:errors.pupil_required"),
  parentEmail: z
    .string({ error: "projects:errors.parent_email_invalid" })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "projects:errors.parent_email_invalid" }).max(254)),
});

export const ConsentActionSchema = z.discriminatedUnion("intent", [RecordConsentSchema, EmailConsentSchema]);

export const TEAM_MODES = ["teacher", "choice"] as const;

export const ProjectSchema = z.object({
  title: text(120, "projects:errors.title_required"),
  /** The brief: tiptap JSON from the editor, or Markdown from the plain form. */
  briefJson: z.string().max(400_000).optional(),
  brief: z.string().max(50_000, { error: "projects:errors.too_long" }).optional(),
  competences: z.array(z.string().refine((c) => PIX_CODES.includes(c), { error: "projects:errors.competence_invalid" })).default([]),
  teamMode: z.enum(TEAM_MODES, { error: "projects:errors.team_mode_invalid" }),
  maxTeamSize: z.coerce.number({ error: "projects:errors.team_size_invalid" }).int().min(1, { error: "projects:errors.team_size_invalid" }).max(12, { error: "projects:errors.team_size_invalid" }),
});

export const CreateProjectSchema = ProjectSchema.extend({
  classId: uuid("projects:errors.class_required"),
  milestoneTitle: z.string().trim().max(120, { error: "projects:errors.too_long" }).optional(),
  milestoneDue: isoDate("projects:errors.due_invalid").optional(),
}).refine((v) => !v.milestoneTitle || !!v.milestoneDue, { path: ["milestoneDue"], error: "projects:errors.due_invalid" });

export const MilestoneSchema = z.object({
  intent: z.literal("add-milestone"),
  title: text(120, "projects:errors.milestone_title_required"),
  dueOn: isoDate("projects:errors.due_invalid"),
});

export const ProjectActionSchema = z.discriminatedUnion("intent", [
  MilestoneSchema,
  z.object({ intent: z.literal("delete-milestone"), milestoneId: uuid("projects:errors.not_found.milestone") }),
  z.object({ intent: z.literal("add-team"), name: text(60, "projects:errors.team_name_required") }),
  z.object({
    intent: z.literal("assign"),
    seatId: uuid("projects:errors.pupil_required"),
    teamId: z.union([z.uuid(), z.literal("")]).default(""),
  }),
  z.object({
    intent: z.literal("assign-all"),
    assignments: z
      .array(
        z.object({
          seatId: uuid("projects:errors.pupil_required"),
          teamId: z.union([z.uuid(), z.literal("")]).default(""),
        }),
      )
      .max(300)
      .default([]),
  }),
  z.object({ intent: z.literal("choose-team"), teamId: uuid("projects:errors.not_found.team") }),
  z.object({
    intent: z.literal("invite-teacher"),
    email: z.string({ error: "projects:errors.teacher_email_invalid" }).trim().toLowerCase().pipe(z.email({ error: "projects:errors.teacher_email_invalid" })),
  }),
  z.object({ intent: z.literal("share-class"), classId: uuid("projects:errors.class_required") }),
]);

export const SaveDocumentSchema = z.object({
  intent: z.enum(["save", "restore"]).default("save"),
  expectedVersion: z.coerce.number({ error: "projects:errors.version_invalid" }).int().min(0),
  /** tiptap JSON, sent by the editor's autosave. */
  content: z.string().max(400_000, { error: "projects:errors.document_too_large" }).optional(),
  /** Markdown from the plain form (no JavaScript). */
  markdown: z.string().max(100_000, { error: "projects:errors.document_too_large" }).optional(),
  revisionId: z.uuid().optional(),
  /** "json" when the editor posts in the background: answer with data, not a redirect. */
  mode: z.enum(["json", "form"]).default("form"),
});
export type SaveDocumentPost = z.output<typeof SaveDocumentSchema>;

export const TASK_STATUSES = ["todo", "doing", "done"] as const;
const optionalSeat = z.union([z.uuid(), z.literal("")]).default("");

export const TeamActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add-task"), title: text(200, "projects:errors.task_title_required"), assignee: optionalSeat }),
  z.object({
    intent: z.literal("update-task"),
    taskId: uuid("projects:errors.not_found.task"),
    status: z.enum(TASK_STATUSES, { error: "projects:errors.status_invalid" }),
    assignee: optionalSeat,
  }),
  z.object({ intent: z.literal("delete-task"), taskId: uuid("projects:errors.not_found.task") }),
  z.object({ intent: z.literal("delete-file"), attachmentId: uuid("projects:errors.not_found.file") }),
  z.object({ intent: z.literal("restore-file"), attachmentId: uuid("projects:errors.not_found.file") }),
  z.object({
    intent: z.literal("submit"),
    milestoneId: uuid("projects:errors.milestone_required"),
    attachmentIds: z.array(z.uuid()).default([]),
    message: z.string().trim().max(2000, { error: "projects:errors.too_long" }).default(""),
  }),
]);

export const REVIEW_DECISIONS = ["returned", "accepted", "commented"] as const;

export const ReviewSchema = z.object({
  decision: z.enum(REVIEW_DECISIONS, { error: "projects:errors.decision_required" }),
  comment: z.string().trim().max(5000, { error: "projects:errors.too_long" }).default(""),
  /** One select per pupil and competence; each value reads "seatId|code|level", empty when not assessed. */
  // Conform turns the empty selects ("not assessed") into undefined entries.
  assessment: z.array(z.string().max(80).optional()).default([]),
}).refine((v) => v.decision !== "returned" || v.comment.length > 0, { path: ["comment"], error: "projects:errors.comment_required_for_return" });

export function parseAssessmentValue(value: string): { seatId: string; competence: string; level: number } | null {
  const [seatId, competence, level] = value.split("|");
  const n = Number(level);
  if (!seatId || !z.uuid().safeParse(seatId).success || !competence || !PIX_CODES.includes(competence) || !Number.isInteger(n) || n < 1 || n > 8) {
    return null;
  }
  return { seatId, competence, level: n };
}
