import { useTranslation } from "../../../lib/use-translation";

/** Where the page sits: class or project, then team… The last item is the current page. */
export function Breadcrumbs({ items }: { items: { href?: string; label: string }[] }) {
  const { t } = useTranslation("projects");
  return (
    <nav aria-label={t("breadcrumbs")} className="breadcrumbs">
      <ol>
        {items.map((item, i) => (
          <li key={`${i}-${item.label}`}>
            {item.href && i < items.length - 1 ? <a href={item.href}>{item.label}</a> : <span aria-current="page">{item.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
