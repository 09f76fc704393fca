// Unknown route.
export function NotFoundPage({ path }: { path: string }) {
  return (
    <section class="panel" aria-labelledby="notfound-title">
      <h1 id="notfound-title" class="panel-title">
        Page not found
      </h1>
      <p class="muted">
        There is no page at <code>{path}</code>.
      </p>
      <p>
        <a href="#/">Go to your home page</a>
      </p>
    </section>
  );
}
