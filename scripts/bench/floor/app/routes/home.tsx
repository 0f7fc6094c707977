import { useLoaderData } from "react-router";

export function loader() {
  return { title: "Passerelle", items: ["Cours", "Ateliers", "Lieux"] };
}

export default function Home() {
  const { title, items } = useLoaderData<typeof loader>();
  return (
    <main>
      <h1>{title}</h1>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </main>
  );
}
