import Link from "next/link";

import { formatCategory } from "@lede/ui";

import { TabsScroller } from "./tabs-scroller";

interface CategoryTabsProps {
  categories: { name: string; count: number }[];
  active: string | null;
}

function hrefFor(category: string | null) {
  return category ? `/?category=${encodeURIComponent(category)}` : "/";
}

/** Sections of the feed as plain links, so they work without JavaScript and can be shared. */
export function CategoryTabs({ categories, active }: CategoryTabsProps) {
  const tabs = [
    { name: null, label: "Top stories" },
    ...categories.map((c) => ({ name: c.name, label: formatCategory(c.name) })),
  ];
  return (
    <nav aria-label="Sections">
      <TabsScroller>
        <ul className="flex gap-1 whitespace-nowrap">
          {tabs.map((tab) => {
            const current = tab.name === active;
            return (
              <li key={tab.name ?? ""}>
                <Link
                  href={hrefFor(tab.name)}
                  aria-current={current ? "page" : undefined}
                  className={`inline-block border-b-2 px-3 py-3 text-sm font-medium ${
                    current
                      ? "border-accent text-ink"
                      : "border-transparent text-ink-muted hover:text-ink"
                  }`}
                >
                  {tab.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </TabsScroller>
    </nav>
  );
}
