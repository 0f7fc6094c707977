import { notFound } from "../lib/errors";

export function loader() {
  throw notFound();
}

export default function NotFound() {
  return null;
}
