import { useTranslation } from "../../../lib/use-translation";

/** The outcome of one of a page's small forms, posted with an `intent`. */
export interface IntentResult {
  intent: string;
  ok?: boolean;
  messageKey?: string;
  values?: Record<string, string | number>;
  fieldErrors?: Record<string, string[]>;
  /** A freshly issued access card, to print. */
  card?: { firstName: string; code: string; qr: string };
}

/** An error (role=alert) or a confirmation (role=status) for the form that posted `intent`. */
export function IntentMessage({ result, intent, okKey }: { result: IntentResult | undefined; intent: string; okKey?: string }) {
  const { t } = useTranslation("projects");
  if (!result || result.intent !== intent) return null;
  if (result.ok) {
    return okKey ? (
      <div className="alert success" role="status">
        <p>{t(okKey)}</p>
      </div>
    ) : null;
  }
  const keys = [result.messageKey, ...Object.values(result.fieldErrors ?? {}).flat()].filter((k): k is string => !!k);
  if (!keys.length) return null;
  return (
    <div className="alert error" role="alert">
      {keys.map((k) => (
        <p key={k}>{t(k, result.values ?? {})}</p>
      ))}
    </div>
  );
}
