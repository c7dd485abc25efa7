import { NotFoundMessage } from '~/components/not-found-message';

export default function NotFound() {
  return <NotFoundMessage title="Page not found" text="There is nothing at this address: the link may be mistyped." />;
}
