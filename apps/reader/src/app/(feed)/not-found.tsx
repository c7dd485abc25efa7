import { NotFoundMessage } from '~/components/not-found-message';

export default function SectionNotFound() {
  return <NotFoundMessage title="Section not found" text="There is no such section, or it has no stories right now." />;
}
