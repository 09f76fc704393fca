// Location port for the hash router: reads and writes window.location.hash.

export interface LocationPort {
  hash(): string;
  /** replace=true rewrites the current history entry instead of adding one. */
  setHash(hash: string, replace: boolean): void;
  onChange(listener: () => void): () => void;
}

export function browserLocation(): LocationPort {
  return {
    hash: () => window.location.hash,
    setHash(hash, replace) {
      if (replace) history.replaceState(history.state, '', hash);
      else window.location.hash = hash;
    },
    onChange(listener) {
      window.addEventListener('hashchange', listener);
      return () => window.removeEventListener('hashchange', listener);
    },
  };
}
