/**
 * An LRS request error: the HTTP layer answers it as JSON with a translated
 * message (machines read `error`, people read `message`).
 */
export class LrsError extends Error {
  constructor(
    public status: number,
    public code: string,
    /** i18n key in the `xapi` namespace. */
    public messageKey: string,
    public values: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

export const badRequest = (code: string, values?: Record<string, string | number>) =>
  new LrsError(400, code, `xapi:errors.${code}`, values);
