/** What a page needs to show a provider's button. */
export interface ProviderButton {
  id: string;
  label: { fr: string; en: string };
}
