import { NotFoundMessage } from '~/components/not-found-message';

export default function StoryNotFound() {
  return <NotFoundMessage title="Story not found" text="It may have been removed, or the link is mistyped." />;
}
