import { z } from "zod";

/** The upload form of « Mes activités »: the .h5p file, an optional title, « add a copy anyway ». */
export const UploadContentSchema = z.object({
  fichier: z.instanceof(File, { error: "h5p:upload.file_required" }).refine((file) => file.size > 0, { error: "h5p:upload.file_required" }),
  // A longer title is cut, not refused, as before the form went through the contract.
  titre: z
    .string()
    .optional()
    .transform((title) => (title ?? "").slice(0, 255)),
  doublon: z.literal("oui").optional(),
});

/** The coordinators' form that installs the libraries a .h5p carries. */
export const InstallLibrariesSchema = z.object({
  fichier: z.instanceof(File, { error: "h5p:upload.file_required" }).refine((file) => file.size > 0, { error: "h5p:upload.file_required" }),
});
