// A library card's poster frame: fetched (with the ID token, as a data: URL) only once the card
// scrolls near the viewport, so a page of twenty cards costs only the posters someone looks at.
// A poster that fails to load leaves the placeholder: it is decoration beside the title.
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';

export function PosterImage({ title, load }: { title: string; load: () => Promise<string | null> }) {
  const src = useSignal<string | null>(null);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    const fetchOnce = () =>
      void load().then(
        (url) => live && (src.value = url),
        () => undefined,
      );
    const el = box.current;
    if (!el || typeof IntersectionObserver === 'undefined') {
      fetchOnce();
      return () => void (live = false);
    }
    const seen = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        seen.disconnect();
        fetchOnce();
      },
      { rootMargin: '200px' },
    );
    seen.observe(el);
    return () => {
      live = false;
      seen.disconnect();
    };
  }, [load]);

  return (
    <div class="card-poster" ref={box}>
      {src.value ? <img src={src.value} alt={`A frame of ${title}`} loading="lazy" width={160} height={90} /> : null}
    </div>
  );
}
