import type { ReactNode } from "react";
import { Form } from "react-router";

export interface FilterOption {
  value: string;
  label: string;
}

/**
 * A list's filters: a GET form, so it works without JavaScript and the
 * address can be shared or bookmarked. Each field's id is `f-<name>`.
 */
export function FilterForm({ label, apply, children }: { label: string; apply: string; children: ReactNode }) {
  return (
    <Form method="get" className="filters" aria-label={label}>
      {children}
      <button type="submit" className="button primary">
        {apply}
      </button>
    </Form>
  );
}

/** A filter's drop-down; its first choice, `anyLabel`, means "no filter". */
export function FilterSelect(props: { name: string; label: string; anyLabel: string; value: string | null | undefined; options: FilterOption[] }) {
  const id = `f-${props.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} name={props.name} defaultValue={props.value ?? ""}>
        <option value="">{props.anyLabel}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A filter's date (from, to). */
export function FilterDate({ name, label, value }: { name: string; label: string; value: string | null | undefined }) {
  return (
    <div className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <input id={`f-${name}`} type="date" name={name} defaultValue={value ?? ""} />
    </div>
  );
}

/** A yes/no filter, sent as `name=1` when ticked. */
export function FilterCheckbox({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <label className="choice">
      <input type="checkbox" name={name} value="1" defaultChecked={checked} /> {label}
    </label>
  );
}
