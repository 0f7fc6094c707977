/** The document title (React 19 hoists it into <head>), always suffixed with the site name. */
export function PageTitle({ children }: { children: string }) {
  return <title>{`${children} — Passerelle`}</title>;
}
