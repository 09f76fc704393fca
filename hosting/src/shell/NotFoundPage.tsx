// Unknown route.
import { PageHeading } from '../ui/PageHeading';

export function NotFoundPage({ path }: { path: string }) {
  return (
    <section class="panel" aria-labelledby="notfound-title">
      <PageHeading id="notfound-title" title="Page not found" />
      <p class="muted">
        There is no page at <code>{path}</code>.
      </p>
      <p>
        <a href="#/">Go to your home page</a>
      </p>
    </section>
  );
}
